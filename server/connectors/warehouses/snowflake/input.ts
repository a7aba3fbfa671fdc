/**
 * Snowflake connection input: the account identifier, warehouse, database, schema and role a user gives (identifiers
 * resolved as Snowflake resolves them), the test-only access URL, and the password or key pair, checked and
 * normalised, each refusal naming its field. No request is made here.
 */
import { createPrivateKey, type KeyObject } from 'node:crypto';
import type { Config } from '../../../config.js';
import { badInput, FieldChecks } from '../../../errors.js';
import type { ConnectorFactory } from '../../connector.js';
import { checkEndpoint } from '../../endpoint.js';
import { optionalString, requiredString, type Input } from '../../input.js';
import { resolveSnowflakeIdentifier } from './sql.js';

/** Environment variable naming a Snowflake stand-in for tests (needs INLET_ALLOW_PRIVATE_ENDPOINTS=true). */
export const SNOWFLAKE_TEST_ACCESS_URL_ENV = 'INLET_SNOWFLAKE_TEST_ACCESS_URL';

export interface SnowflakeSettings {
  account: string;
  warehouse: string;
  database: string;
  schema: string;
  role: string | null;
  /** Test-only stand-in server (see the top of connector.ts). */
  testAccessUrl?: string;
}

/** `orgname-accountname`: organization (letters, digits) and account name (letters, digits, underscores). */
const ORG_ACCOUNT = /^[A-Za-z][A-Za-z0-9]*-[A-Za-z][A-Za-z0-9_]*$/;
/** `locator.region[.cloud]`, e.g. xy12345.us-east-2.aws, xy12345.east-us-2.azure, xy12345.us-central1.gcp. */
const LOCATOR = /^[A-Za-z][A-Za-z0-9]*\.[A-Za-z]+(?:-[A-Za-z0-9]+)+(?:\.(?:aws|azure|gcp))?$/i;

function checkIdentifier(value: string, field: string, label: string): void {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) throw badInput(field, `${label} must not contain control characters`);
  if (resolveSnowflakeIdentifier(value).length === 0 || value.length > 255) throw badInput(field, `${label} must be 1 to 255 characters`);
}

export function checkSnowflakeAccount(account: string, field: string): void {
  if (/^[a-z]+:\/\//i.test(account) || /[/:@\s?#\\]/.test(account)) {
    throw badInput(field, `Account identifier "${account.slice(0, 80)}" must be orgname-accountname or locator.region[.cloud] (e.g. myorg-analytics or xy12345.us-east-2.aws), not a URL: the host is built from it, never taken as a URL`);
  }
  if (/\.snowflakecomputing\.(com|cn)$/i.test(account)) {
    throw badInput(field, `Account identifier "${account.slice(0, 80)}" must not include .snowflakecomputing.com: enter only the part before it (e.g. myorg-analytics)`);
  }
  if (!ORG_ACCOUNT.test(account) && !LOCATOR.test(account)) {
    throw badInput(field, `Account identifier "${account.slice(0, 80)}" must be orgname-accountname (letters, digits and underscores, one hyphen between organization and account) or locator.region[.cloud] (e.g. xy12345.us-east-2.aws)`);
  }
}

/** What is wrong with a private key and passphrase, naming the field; never quoting the key. */
function checkPrivateKey(pem: string, passphrase: string | null, field: string): KeyObject {
  const encrypted = /-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type:\s*4,ENCRYPTED/.test(pem);
  if (!/-----BEGIN (?:ENCRYPTED |RSA )?PRIVATE KEY-----/.test(pem)) {
    throw badInput(`${field}.privateKey`, 'Private key must be a PEM private key (-----BEGIN PRIVATE KEY----- … -----END PRIVATE KEY-----), e.g. rsa_key.p8 from openssl pkcs8');
  }
  if (encrypted && !passphrase) throw badInput(`${field}.privateKeyPassphrase`, 'The private key is encrypted: give its passphrase');
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: 'pem', passphrase: passphrase ?? undefined });
  } catch {
    if (encrypted) throw badInput(`${field}.privateKeyPassphrase`, 'The passphrase does not decrypt the private key');
    throw badInput(`${field}.privateKey`, 'Private key cannot be read: paste the whole PEM file (PKCS#8), unedited');
  }
  if (key.asymmetricKeyType !== 'rsa') throw badInput(`${field}.privateKey`, 'Private key must be an RSA key (Snowflake key-pair authentication uses RSA)');
  return key;
}

function normalizeSnowflakeCredentials(input: Input | undefined, field: string) {
  const creds = input ?? {};
  const username = requiredString(creds, 'username', `${field}.username`, 'Username');
  // eslint-disable-next-line no-control-regex
  if (username.length > 255 || /[\u0000-\u001f\u007f"]/.test(username)) throw badInput(`${field}.username`, 'Username must be at most 255 characters, without quotes or control characters');
  const password = typeof creds.password === 'string' && creds.password !== '' ? creds.password : null;
  const rawKey = optionalString(creds, 'privateKey');
  const passphrase = typeof creds.privateKeyPassphrase === 'string' && creds.privateKeyPassphrase !== '' ? creds.privateKeyPassphrase : null;
  const token = optionalString(creds, 'programmaticAccessToken');
  const given = [rawKey && 'a private key', token && 'a programmatic access token', password && 'a password'].filter(Boolean);
  if (given.length > 1) throw badInput(`${field}.${password ? 'password' : 'programmaticAccessToken'}`, `Give one way to sign in, not ${given.join(' and ')}`);
  if (given.length === 0) {
    throw badInput(`${field}.privateKey`, 'A private key (key-pair authentication, recommended), a programmatic access token or a password is required');
  }
  if (token) {
    if (passphrase) throw badInput(`${field}.privateKeyPassphrase`, 'A passphrase only goes with a private key');
    // eslint-disable-next-line no-control-regex
    if (token.length > 4096 || /[\s\u0000-\u001f]/.test(token)) throw badInput(`${field}.programmaticAccessToken`, 'Programmatic access token must be the token text as Snowflake showed it, without spaces');
    return { credentials: { username, programmaticAccessToken: token }, credentialsHint: `user ${username} (programmatic access token)` };
  }
  if (password) {
    if (passphrase) throw badInput(`${field}.privateKeyPassphrase`, 'A passphrase only goes with a private key');
    return { credentials: { username, password }, credentialsHint: `user ${username} (password)` };
  }
  const privateKey = rawKey!.replace(/\r\n?/g, '\n').trim() + '\n';
  checkPrivateKey(privateKey, passphrase, field);
  const credentials: Record<string, string> = { username, privateKey };
  if (passphrase) credentials.privateKeyPassphrase = passphrase;
  return { credentials, credentialsHint: `user ${username} (key pair)` };
}

/** The test-only access URL in effect, or null (always null unless private endpoints are allowed). */
export function snowflakeTestAccessUrl(settings: Record<string, unknown>, config: Config): string | null {
  if (!config.allowPrivateEndpoints) return null;
  const fromSettings = typeof settings.testAccessUrl === 'string' && settings.testAccessUrl ? settings.testAccessUrl : null;
  return fromSettings ?? (process.env[SNOWFLAKE_TEST_ACCESS_URL_ENV]?.trim() || null);
}

/** The input half of the Snowflake factory: settings and credentials checked and normalised. */
export const snowflakeInput: Pick<ConnectorFactory, 'normalize' | 'normalizeCredentials'> = {
  async normalize(input, config) {
    // Every field is checked before answering, so the form shows all its mistakes at once.
    const checks = new FieldChecks();
    const identifier = (key: string, label: string) =>
      checks.check(() => {
        const value = requiredString(input, key, `snowflake.${key}`, label);
        checkIdentifier(value, `snowflake.${key}`, label);
        return value;
      });
    const account = checks.check(() => {
      const account = requiredString(input, 'account', 'snowflake.account', 'Account identifier');
      checkSnowflakeAccount(account, 'snowflake.account');
      return account;
    });
    const warehouse = identifier('warehouse', 'Warehouse');
    const database = identifier('database', 'Database');
    const schema = identifier('schema', 'Schema');
    const role = checks.check(() => {
      const role = optionalString(input, 'role');
      if (role) checkIdentifier(role, 'snowflake.role', 'Role');
      return role;
    });
    const testAccessUrl = await checks.checkAsync(async () => {
      const testUrl = optionalString(input, 'testAccessUrl');
      if (!testUrl) return null;
      if (!config.allowPrivateEndpoints) throw badInput('snowflake.testAccessUrl', 'A test access URL is only for tests: this server does not allow private endpoints');
      const why = await checkEndpoint(testUrl, true);
      if (why) throw badInput('snowflake.testAccessUrl', `Test access URL ${why}`);
      return testUrl.replace(/\/+$/, '');
    });
    const creds = checks.check(() => normalizeSnowflakeCredentials(input.credentials as Input | undefined, 'snowflake.credentials'));
    checks.done();
    const settings = { account, warehouse, database, schema, role: role ?? null, ...(testAccessUrl ? { testAccessUrl } : {}) } as SnowflakeSettings;
    const { credentials, credentialsHint } = creds!;
    return { settings: settings as unknown as Record<string, unknown>, credentials, credentialsHint };
  },
  async normalizeCredentials(input) {
    return normalizeSnowflakeCredentials(input.snowflake as Input | undefined, 'snowflake');
  },
};
