/**
 * BigQuery connection input: the settings a user gives (project, dataset, location, the test-only endpoint) and the
 * service-account key, checked and normalised, each refusal naming its field. No request is made here.
 */
import type { Config } from '../../../config.js';
import { badInput, FieldChecks } from '../../../errors.js';
import type { ConnectorFactory } from '../../connector.js';
import { checkEndpoint } from '../../endpoint.js';
import { readServiceAccountKey, type KeyRules, type ServiceAccountKey } from '../../google-auth.js';
import { optionalString, requiredString, type Input } from '../../input.js';

/** Environment variable naming a BigQuery stand-in for tests (needs INLET_ALLOW_PRIVATE_ENDPOINTS=true). */
export const BIGQUERY_ENDPOINT_ENV = 'INLET_BIGQUERY_ENDPOINT';

export interface BigQuerySettings {
  projectId: string;
  dataset: string;
  /** e.g. US, EU, europe-west2; null to let BigQuery use the dataset's. */
  location: string | null;
  /** Test-only stand-in server (see the top of connector.ts). */
  endpoint?: string;
}

/** Project ids: 6–30 lowercase letters, digits and hyphens, starting with a letter; or the legacy `domain:project`. */
const PROJECT_ID = /^(?:[a-z0-9][a-z0-9.-]{0,61}[a-z0-9]:)?[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
const DATASET_ID = /^[A-Za-z0-9_]{1,1024}$/;
const LOCATION = /^(?:[A-Za-z]{2}|[a-z]+(?:-[a-z]+)+\d+)$/;

/** How BigQuery words a refused key; it also insists on a `type` and an e-mail-shaped client_email. */
const KEY_RULES: Omit<KeyRules, 'trustTokenUri'> = {
  requireType: true,
  checkEmail: true,
  wording: {
    key: 'The service account key',
    field: (name) => `The key's ${name}`,
    wrongType: (type) => `The key's type is ${type === undefined ? 'missing' : `"${type.replace(/[^\w .-]/g, '')}"`}, not "service_account": create a JSON key for a service account`,
  },
};

/** The key, or why it is refused (an input error when saving, a source error when connecting). */
export function readKey(text: string, trustTokenUri: boolean): ServiceAccountKey | { error: string } {
  return readServiceAccountKey(text, { ...KEY_RULES, trustTokenUri });
}

/** The test-only endpoint in effect for these settings, or null (always null unless private endpoints are allowed). */
export function bigqueryTestEndpoint(settings: Record<string, unknown>, config: Config): string | null {
  if (!config.allowPrivateEndpoints) return null;
  const fromSettings = typeof settings.endpoint === 'string' && settings.endpoint ? settings.endpoint : null;
  return fromSettings ?? (process.env[BIGQUERY_ENDPOINT_ENV]?.trim() || null);
}

function normalizeKey(input: Input | undefined, field: string, trustTokenUri: boolean) {
  const text = input?.serviceAccountKey;
  if (typeof text !== 'string' || !text.trim()) throw badInput(field, 'Service account key (JSON) is required');
  const key = readKey(text, trustTokenUri);
  if ('error' in key) throw badInput(field, key.error);
  return { credentials: { serviceAccountKey: text }, credentialsHint: key.clientEmail };
}

/** The input half of the BigQuery factory: settings and credentials checked and normalised. */
export const bigqueryInput: Pick<ConnectorFactory, 'normalize' | 'normalizeCredentials'> = {
  async normalize(input, config) {
    // Every field is checked before answering, so the form shows all its mistakes at once.
    const checks = new FieldChecks();
    const projectId = checks.check(() => {
      const projectId = requiredString(input, 'projectId', 'bigquery.projectId', 'Project ID');
      if (!PROJECT_ID.test(projectId)) {
        throw badInput('bigquery.projectId', `Project ID "${projectId.slice(0, 80)}" is not valid: 6–30 lower-case letters, digits and hyphens, starting with a letter (or the legacy domain:project form)`);
      }
      return projectId;
    });
    const dataset = checks.check(() => {
      const dataset = requiredString(input, 'dataset', 'bigquery.dataset', 'Dataset');
      if (!DATASET_ID.test(dataset)) {
        throw badInput('bigquery.dataset', `Dataset "${dataset.slice(0, 80)}" is not valid: letters, digits and underscores only, at most 1024 characters (without the project: for acme:audiences enter audiences)`);
      }
      return dataset;
    });
    const location = checks.check(() => {
      const location = optionalString(input, 'location');
      if (!location) return null;
      if (!LOCATION.test(location)) throw badInput('bigquery.location', `Location "${location.slice(0, 40)}" is not a BigQuery location (e.g. US, EU, europe-west2)`);
      return location.length === 2 ? location.toUpperCase() : location;
    });
    const endpoint = await checks.checkAsync(async () => {
      const endpoint = optionalString(input, 'endpoint');
      if (!endpoint) return null;
      if (!config.allowPrivateEndpoints) {
        throw badInput('bigquery.endpoint', 'A custom BigQuery endpoint is only for tests: this server does not allow private endpoints');
      }
      const why = await checkEndpoint(endpoint, true);
      if (why) throw badInput('bigquery.endpoint', `Endpoint ${why}`);
      return endpoint.replace(/\/+$/, '');
    });
    const settings = { projectId, dataset, location: location ?? null, ...(endpoint ? { endpoint } : {}) } as BigQuerySettings;
    // Whether the key's token_uri may be a test server's depends on the endpoint: checked once the endpoint is good.
    const key = endpoint !== undefined ? checks.check(() => normalizeKey(input.credentials as Input | undefined, 'bigquery.credentials.serviceAccountKey', bigqueryTestEndpoint(settings as unknown as Record<string, unknown>, config) !== null)) : undefined;
    checks.done();
    const { credentials, credentialsHint } = key!;
    return { settings: settings as unknown as Record<string, unknown>, credentials, credentialsHint };
  },
  async normalizeCredentials(input, config, settings) {
    return normalizeKey(input.gcp as Input | undefined, 'gcp.serviceAccountKey', bigqueryTestEndpoint(settings ?? {}, config) !== null);
  },
};
