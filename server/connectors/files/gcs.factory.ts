import { badInput, FieldChecks } from '../../errors.js';
import type { ConnectorFactory } from '../connector.js';
import { checkEndpoint } from '../endpoint.js';
import { SourceError } from '../errors.js';
import { requiredString, type Input } from '../input.js';
import { checkGcsBucketName, normalizeEndpoint, normalizeLayout } from './bucket-input.js';
import { fileConnector } from './file-connector.js';
import { safeAgents } from '../net/agents.js';
import { createGcsStore, parseServiceAccountKey } from './gcs.js';
import type { LayoutOptions } from './layout.js';


/** Checks a service-account key without ever echoing it; the hint is the account's e-mail (not a secret). */
async function normalizeKey(input: Input | undefined, field: string, endpoint: string | null, allowPrivate: boolean) {
  const text = typeof input?.serviceAccountKey === 'string' ? input.serviceAccountKey.trim() : '';
  if (!text) throw badInput(`${field}.serviceAccountKey`, 'Service account key (JSON) is required');
  let key;
  try {
    key = parseServiceAccountKey(text, { trustTokenUri: Boolean(endpoint) });
  } catch (error) {
    throw badInput(`${field}.serviceAccountKey`, error instanceof SourceError ? error.message : 'The service account key is not a valid JSON key file');
  }
  // With a custom endpoint any token_uri is accepted: it must pass the same address rules as the endpoint.
  if (endpoint) {
    const why = await checkEndpoint(key.tokenUri, allowPrivate);
    if (why) throw badInput(`${field}.serviceAccountKey`, `The key's token_uri ${why}`);
  }
  return { credentials: { serviceAccountKey: text }, credentialsHint: `service account ${key.clientEmail}` };
}

export const gcsFactory: ConnectorFactory = {
  platform: 'GCS',
  async normalize(input, config) {
    const checks = new FieldChecks();
    const bucketName = checks.check(() => {
      const bucketName = requiredString(input, 'bucketName', 'gcs.bucketName', 'Bucket name');
      checkGcsBucketName(bucketName, 'gcs.bucketName');
      return bucketName;
    });
    const layout = checks.check(() => normalizeLayout(input, 'gcs'));
    const endpoint = await checks.checkAsync(() => normalizeEndpoint(input, 'gcs.endpoint', config));
    // The key's token_uri is checked against the endpoint's rules only once the endpoint itself is acceptable.
    const creds = checks.ok || endpoint !== undefined ? await checks.checkAsync(() => normalizeKey(input.credentials as Input | undefined, 'gcs.credentials', endpoint ?? null, config.allowPrivateEndpoints)) : undefined;
    checks.done();
    return { settings: { bucketName, ...layout, endpoint }, ...creds! };
  },
  async normalizeCredentials(input, config, settings) {
    return normalizeKey(input.gcp as Input | undefined, 'gcp', (settings.endpoint as string | null) ?? null, config.allowPrivateEndpoints);
  },
  create(settings, credentials, config) {
    const store = createGcsStore({
      bucket: settings.bucketName as string,
      serviceAccountKey: credentials.serviceAccountKey!,
      endpoint: (settings.endpoint as string | null) ?? undefined,
      egress: safeAgents(config),
    });
    return fileConnector(store, { ...(settings as unknown as LayoutOptions), maxCompressionRatio: config.maxCompressionRatio });
  },
};
