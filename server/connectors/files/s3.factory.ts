import { S3_REGIONS } from './s3-regions.js';
import { badInput, FieldChecks } from '../../errors.js';
import type { ConnectorFactory } from '../connector.js';
import { optionalString, requiredString, type Input } from '../input.js';
import { checkS3BucketName, normalizeEndpoint, normalizeLayout } from './bucket-input.js';
import { fileConnector } from './file-connector.js';
import type { LayoutOptions } from './layout.js';
import { safeAgents } from '../net/agents.js';
import { createS3Store } from './s3.js';

/** An access key pair or a role ARN + external id (S3 sources and destinations alike), with the hint shown for it. */
export function normalizeAws(input: Input | undefined, field: string): { credentials: Record<string, string>; credentialsHint: string } {
  const creds = input ?? {};
  const accessKeyId = optionalString(creds, 'accessKeyId');
  const secretAccessKey = optionalString(creds, 'secretAccessKey');
  const roleArn = optionalString(creds, 'roleArn');
  const externalId = optionalString(creds, 'externalId');
  const checks = new FieldChecks();
  if (roleArn) {
    checks.check(() => {
      if (!/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,128}$/.test(roleArn)) throw badInput(`${field}.roleArn`, 'Role ARN must look like arn:aws:iam::123456789012:role/name');
    });
    checks.check(() => {
      if (!externalId) throw badInput(`${field}.externalId`, 'External ID is required with a role ARN');
    });
    checks.check(() => {
      if (accessKeyId || secretAccessKey) throw badInput(`${field}.accessKeyId`, 'Give either an access key pair or a role ARN, not both');
    });
    checks.done();
    return { credentials: { roleArn, externalId: externalId! }, credentialsHint: `role ${roleArn.split(':').pop()}` };
  }
  // Never fall back to the server's own AWS credentials: empty credentials are an input error.
  checks.check(() => {
    if (!accessKeyId) throw badInput(`${field}.accessKeyId`, 'Access key ID is required (or give a role ARN and external ID)');
    if (!/^[A-Za-z0-9]{3,128}$/.test(accessKeyId)) throw badInput(`${field}.accessKeyId`, 'Access key ID must be letters and digits only');
  });
  checks.check(() => {
    if (!secretAccessKey) throw badInput(`${field}.secretAccessKey`, 'Secret access key is required with an access key ID');
  });
  checks.done();
  if (!accessKeyId || !secretAccessKey) throw new Error('unreachable: checked above');
  return { credentials: { accessKeyId, secretAccessKey }, credentialsHint: `access key …${accessKeyId.slice(-4)}` };
}

export const s3Factory: ConnectorFactory = {
  platform: 'S3',
  async normalize(input, config) {
    const checks = new FieldChecks();
    const region = checks.check(() => {
      const region = requiredString(input, 'region', 's3.region', 'AWS bucket region');
      if (!S3_REGIONS.includes(region)) throw badInput('s3.region', `Region ${region} is not supported; choose one of ${S3_REGIONS.join(', ')}`);
      return region;
    });
    const bucketName = checks.check(() => {
      const bucketName = requiredString(input, 'bucketName', 's3.bucketName', 'AWS bucket name');
      checkS3BucketName(bucketName, 's3.bucketName');
      return bucketName;
    });
    const layout = checks.check(() => normalizeLayout(input, 's3'));
    const endpoint = await checks.checkAsync(() => normalizeEndpoint(input, 's3.endpoint', config));
    const aws = checks.check(() => normalizeAws(input.credentials as Input | undefined, 's3.credentials'));
    checks.done();
    const { credentials, credentialsHint } = aws!;
    return { settings: { region, bucketName, ...layout, endpoint }, credentials, credentialsHint };
  },
  async normalizeCredentials(input) {
    return normalizeAws(input.aws as Input | undefined, 'aws');
  },
  create(settings, credentials, config) {
    const store = createS3Store({
      region: settings.region as string,
      bucket: settings.bucketName as string,
      endpoint: settings.endpoint as string | null,
      credentials,
      stsEndpoint: config.stsEndpoint,
      egress: safeAgents(config),
    });
    return fileConnector(store, { ...(settings as unknown as LayoutOptions), maxCompressionRatio: config.maxCompressionRatio });
  },
};
