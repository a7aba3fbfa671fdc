/**
 * Snowflake: a schema of one database; a read is one query, streamed.
 *
 * Every operation (validate, discover, read) opens its own session through `snowflake-sdk` and closes it at the end:
 * connectors hold no state between uses, and a connector whose `close()` is never called leaks nothing.
 * - login (`POST /session/v1/login-request`) with the password, or a JWT signed with the key pair (SNOWFLAKE_JWT);
 * - `USE ROLE "…"` (when a role is set) and `USE WAREHOUSE "…"` (`POST /queries/v1/query-request`);
 * - validate: one query over INFORMATION_SCHEMA.SCHEMATA/TABLES with bind parameters (does the schema exist, can the
 *   warehouse run a query); discover: ONE query over INFORMATION_SCHEMA.COLUMNS joined with TABLES;
 * - read: `SELECT "a", "b" FROM "DB"."SCHEMA"."TABLE" [WHERE "w" > ?] [ORDER BY "w"]`, `streamResult: true` and
 *   `statement.streamRows()`: the driver downloads result chunks as the stream is consumed (at most `resultPrefetch`
 *   chunks ahead), so memory stays bounded; NUMBER is fetched as text (`fetchAsString: ['Number']`), so integers beyond
 *   2^53 stay exact.
 *
 * Identifiers are always double-quoted (`"` doubled inside). A setting written like an unquoted identifier
 * (`analytics_wh`) resolves as Snowflake resolves it, upper-cased (`ANALYTICS_WH`); a setting written in double quotes
 * (`"My Schema"`) is taken exactly; anything else is taken exactly too.
 *
 * Watermarks are bind parameters (`?`), never part of the SQL text; timestamps are bound as UTC with an explicit offset.
 *
 * The driver is loaded and configured once, when first used (loadSnowflakeDriver): its log goes only to Inlet's log at
 * debug level (ERROR and above, masked; never to a snowflake.log file or the console); cloud platform detection (which
 * probes the metadata endpoints and calls STS with the server's own AWS credentials), connection-shape telemetry and the
 * native "minicore" add-on are turned off; and its own retries are turned off — login (sfRetryMaxLoginRetries: 0),
 * query requests (7 retries with up to 16 s sleeps in its private axios instance) and result-chunk downloads (10) —
 * because Inlet retries with its own backoff. Statements always use `streamResult: true`: without it the driver quietly
 * sends a failed statement a second time.
 *
 * Egress: the driver takes no agent option (it makes its own OCSP-checking agents per connection), so the request
 * interceptor on its axios instance guards whatever agent a request carries with the server's egress policy
 * (net/agents.ts: the address each socket connects to is checked) and turns redirects off. The policy is the process's:
 * the last connector made sets it, and a production server has only one.
 *
 * Test-only endpoint: the `testAccessUrl` setting (or the INLET_SNOWFLAKE_TEST_ACCESS_URL environment variable) replaces
 * the host built from the account identifier ONLY when the server runs with INLET_ALLOW_PRIVATE_ENDPOINTS=true
 * (`config.allowPrivateEndpoints`). In production the host is always `<account>.snowflakecomputing.com`, built by the
 * driver from the validated account identifier; a user can never supply a URL.
 */
import { createPrivateKey, type KeyObject } from 'node:crypto';
import type { Readable } from 'node:stream';
import type * as Snowflake from 'snowflake-sdk';
import type { Config } from '../../config.js';
import { badInput } from '../../errors.js';
import { log, registerSecret } from '../../log.js';
import type { Connector, ConnectorFactory, DiscoveredColumn, DiscoveredTable, ReadRequest, ReadUnit } from '../connector.js';
import { checkEndpoint } from '../endpoint.js';
import { SourceError } from '../errors.js';
import type { IoStats } from '../files/object-store.js';
import type { CellValue, ColumnType, RecordBatch } from '../formats/format.js';
import { INVALID, parseFloatText, parseInteger, parseTimestamp } from '../formats/values.js';
import { optionalString, requiredString, type Input } from '../input.js';
import { findPrivateAddressError, guardAgent, safeAgents, type EgressAgents } from '../net/agents.js';

type Sdk = typeof Snowflake;

/** Environment variable naming a Snowflake stand-in for tests (needs INLET_ALLOW_PRIVATE_ENDPOINTS=true). */
export const SNOWFLAKE_TEST_ACCESS_URL_ENV = 'INLET_SNOWFLAKE_TEST_ACCESS_URL';

export interface SnowflakeSettings {
  account: string;
  warehouse: string;
  database: string;
  schema: string;
  role: string | null;
  /** Test-only stand-in server (see the top of this file). */
  testAccessUrl?: string;
}

// ---------------------------------------------------------------------------------------------------------------------
// Identifiers and input

/** `orgname-accountname`: organization (letters, digits) and account name (letters, digits, underscores). */
const ORG_ACCOUNT = /^[A-Za-z][A-Za-z0-9]*-[A-Za-z][A-Za-z0-9_]*$/;
/** `locator.region[.cloud]`, e.g. xy12345.us-east-2.aws, xy12345.east-us-2.azure, xy12345.us-central1.gcp. */
const LOCATOR = /^[A-Za-z][A-Za-z0-9]*\.[A-Za-z]+(?:-[A-Za-z0-9]+)+(?:\.(?:aws|azure|gcp))?$/i;

/** Snowflake's rules: `"quoted"` is exact; a plain identifier resolves upper-cased; anything else is taken exactly. */
export function resolveSnowflakeIdentifier(text: string): string {
  const t = text.trim();
  if (t.length >= 2 && t.startsWith('"') && t.endsWith('"')) return t.slice(1, -1).replace(/""/g, '"');
  if (/^[A-Za-z_][A-Za-z0-9_$]*$/.test(t)) return t.toUpperCase();
  return t;
}

/** A double-quoted identifier (`"` doubled), so any name stays one identifier. */
export function quoteSnowflakeIdentifier(name: string): string {
  return '"' + name.replace(/"/g, '""') + '"';
}

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
  if (password && rawKey) throw badInput(`${field}.password`, 'Give either a password or a private key, not both');
  if (!password && !rawKey) throw badInput(`${field}.password`, 'A password or a private key (key-pair authentication) is required');
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

// ---------------------------------------------------------------------------------------------------------------------
// The driver

let driver: Promise<Sdk> | undefined;

/** The part of a request the driver's private axios instance is given that Inlet changes. */
interface DriverRequest {
  useSnowflakeRetryMiddleware?: boolean;
  maxRedirects?: number;
  httpAgent?: import('node:http').Agent;
  httpsAgent?: import('node:https').Agent;
}

/** The part of the driver's private axios instance used to turn its retries off and guard its connections. */
interface DriverAxios {
  interceptors: { request: { use(fn: (request: DriverRequest) => unknown): number } };
}

/**
 * The egress agents of this server's policy (set by every connector made; one policy per process). The driver makes
 * its own agents per connection (OCSP-checking ones): each is guarded with this policy when a request first uses it.
 */
let driverEgress: EgressAgents | undefined;

function driverLogger(level: string) {
  // Masked by log.ts (registerSecret) as a second line of defence; the driver masks known secrets itself too.
  return (message: string) => log.debug('snowflake driver', { driverLevel: level, message: String(message).slice(0, 500) });
}
const DRIVER_LOGGING = {
  logLevel: 'ERROR' as const,
  additionalLogToConsole: false,
  customLogger: { error: driverLogger('error'), warn: driverLogger('warn'), info: driverLogger('info'), debug: driverLogger('debug'), trace: driverLogger('trace') },
};

/** Loads and configures snowflake-sdk once (see the top of this file for why each setting). */
export function loadSnowflakeDriver(): Promise<Sdk> {
  driver ??= (async () => {
    // Read by the driver when it is loaded: set before the import.
    process.env.SNOWFLAKE_DISABLE_PLATFORM_DETECTION ??= 'true';
    process.env.SF_TELEMETRY_DISABLE_CONNECTION_SHAPE ??= 'true';
    process.env.SNOWFLAKE_DISABLE_MINICORE ??= 'true';
    const mod = (await import('snowflake-sdk')) as unknown as { default?: Sdk } & Sdk;
    const sdk = (mod.default ?? mod) as Sdk;
    sdk.configure({
      ...DRIVER_LOGGING,
      // VARIANT/OBJECT/ARRAY as the JSON text Snowflake sent: parsing it would round integers beyond 2^53.
      jsonColumnVariantParser: (raw: string) => raw,
    } as Snowflake.ConfigureOptions);
    // Only login retries are a connection option (sfRetryMaxLoginRetries, set per connection). Query requests go through
    // the driver's own axios instance, whose retry middleware retries 5xx/429/network errors 7 times with up to 16 s
    // sleeps (the per-statement retry setting never reaches it in 3.3); result-chunk downloads retry 10 times. Both are
    // turned off here, on the driver's private axios instance and connection configuration (nothing else uses them).
    const http = (await import('snowflake-sdk/dist/lib/http/axios_instance.js')) as unknown as { default?: DriverAxios } & Partial<DriverAxios>;
    const axios = (http.default ?? http) as DriverAxios;
    if (axios?.interceptors?.request) {
      // Request interceptors run last-registered first: this one runs before the driver's, which then skips retries.
      axios.interceptors.request.use((request) => {
        request.useSnowflakeRetryMiddleware = false;
        // Every connection checks the address it reaches (net/agents.ts), and no redirect is followed: the driver sets
        // only the agent of the request's own protocol, so a redirect to http:// would otherwise use an unguarded one.
        const egress = driverEgress ?? safeAgents({ allowPrivateEndpoints: false });
        request.maxRedirects = 0;
        request.httpsAgent = request.httpsAgent ? guardAgent(request.httpsAgent, egress.policy) : egress.https;
        request.httpAgent = request.httpAgent ? guardAgent(request.httpAgent, egress.policy) : egress.http;
        return request;
      });
    } else {
      // Without the hook the driver's connections would not be checked: refuse to use it rather than run unguarded.
      throw new Error('snowflake-sdk: cannot guard the driver\'s connections or turn off its query retries (driver changed)');
    }
    const configModule = (await import('snowflake-sdk/dist/lib/connection/connection_config.js')) as unknown as { default?: { prototype: Record<string, unknown> } } & { prototype: Record<string, unknown> };
    const ConnectionConfig = configModule.default ?? configModule;
    if (typeof ConnectionConfig.prototype.getRetryLargeResultSetMaxNumRetries === 'function') ConnectionConfig.prototype.getRetryLargeResultSetMaxNumRetries = () => 0;
    else log.warn('snowflake-sdk: cannot turn off the driver\'s chunk download retries (driver changed)');
    return sdk;
  })().catch((error: unknown) => {
    driver = undefined; // try again next time rather than caching the failure
    throw error;
  });
  return driver;
}

// ---------------------------------------------------------------------------------------------------------------------
// Errors

interface DriverError {
  name?: string;
  code?: unknown;
  message?: string;
  sqlState?: string;
  response?: { statusCode?: number; status?: number };
  cause?: { code?: string; message?: string };
}

/** Server text without anything long enough to be a token, and without the connection's own secrets. */
function scrubber(secrets: string[]): (text: string) => string {
  const parts = secrets.flatMap((s) => [s, ...s.split('\n').map((l) => l.trim())]).filter((s) => s.length >= 8);
  return (text) => {
    let out = text;
    for (const p of parts) if (out.includes(p)) out = out.split(p).join('[redacted]');
    return out.replace(/[A-Za-z0-9+/_=-]{40,}/g, '…').replace(/\s+/g, ' ').trim().slice(0, 300);
  };
}

type Step = 'login' | 'role' | 'warehouse' | 'check' | 'discover' | 'read' | 'stream';

const TRANSIENT_MESSAGE = /suspended|cannot be resumed|resource monitor|quota|temporarily|try again|queued|timeout|timed out|service unavailable|overloaded/i;

export interface SnowflakeErrorContext {
  step: Step;
  user: string;
  account: string;
  warehouse: string;
  role: string | null;
  database: string;
  schema: string;
  table?: string;
  scrub: (text: string) => string;
}

/** Maps driver and server failures to messages a person can act on. Never includes a credential. */
export function explainSnowflakeError(error: unknown, ctx: SnowflakeErrorContext): SourceError {
  if (error instanceof SourceError) return error;
  const refused = findPrivateAddressError(error);
  if (refused) return new SourceError('user', `Refused to connect to Snowflake account ${ctx.account}: ${refused.message}`);
  const e = (error ?? {}) as DriverError;
  const code = typeof e.code === 'string' || typeof e.code === 'number' ? String(e.code) : '';
  const serverText = ctx.scrub(e.message ?? '');
  const detail = [code, serverText].filter(Boolean).join(': ');
  const status = e.response?.statusCode ?? e.response?.status ?? 0;
  const sqlState = e.sqlState ?? '';

  if (e.name === 'NetworkError' || (e.name === 'LargeResultSetError' && !status)) {
    return new SourceError('transient', `Could not reach Snowflake account ${ctx.account} (${ctx.scrub(e.cause?.code ?? e.cause?.message ?? e.message ?? 'network error')})`);
  }
  if (e.name === 'RequestFailedError' || e.name === 'LargeResultSetError') {
    if (status >= 500 || status === 429 || status === 408 || status === 0) {
      return new SourceError('transient', `Snowflake answered ${status || 'an error'} ${ctx.step === 'login' ? 'to the login' : 'to a query'} for account ${ctx.account}`);
    }
    if (status === 401 || status === 403) {
      return new SourceError('auth', `Snowflake refused user ${ctx.user} on account ${ctx.account} (HTTP ${status}): check the credentials and any network policy`);
    }
    return new SourceError('internal', `Snowflake answered HTTP ${status} for account ${ctx.account}`);
  }
  if (e.name === 'ClientError' || e.name === 'InvalidParameterError' || e.name === 'ArgumentError') {
    if (ctx.step === 'login') return new SourceError('user', `Snowflake login for user ${ctx.user} could not start (${detail}): check the account identifier and credentials`);
    return new SourceError('internal', `The Snowflake driver refused a request (${detail})`);
  }

  // Operation failures: the server's code and message.
  if (/^39011[24]$/.test(code)) return new SourceError('transient', `The Snowflake session expired (${detail})`);
  if (ctx.step === 'login') {
    if (TRANSIENT_MESSAGE.test(serverText) || sqlState.startsWith('57')) return new SourceError('transient', `Snowflake could not log in user ${ctx.user} right now (${detail})`);
    return new SourceError('auth', `Snowflake login failed for user ${ctx.user}: check the password or key pair${detail ? ` (${detail})` : ''}`);
  }
  // "No active warehouse" (sqlState 57P03) after USE WAREHOUSE succeeded: the warehouse went away; not worth retrying.
  if (code === '000606') return new SourceError('auth', `Warehouse ${ctx.warehouse} is not usable by this session (${detail}): check that it exists and the role can use it`);
  if (TRANSIENT_MESSAGE.test(serverText) || sqlState.startsWith('57') || sqlState.startsWith('08')) {
    return new SourceError('transient', `Snowflake warehouse ${ctx.warehouse} cannot run queries right now (${detail})`);
  }
  if (ctx.step === 'role') return new SourceError('auth', `Role ${ctx.role} does not exist or is not granted to user ${ctx.user}${detail ? ` (${detail})` : ''}`);
  if (ctx.step === 'warehouse') return new SourceError('auth', `Warehouse ${ctx.warehouse} does not exist or the role cannot use it${detail ? ` (${detail})` : ''}`);
  if (/does not exist or not authorized/i.test(serverText)) {
    if (/^Database /i.test(serverText.replace(/^SQL compilation error:\s*/i, ''))) {
      return new SourceError('not-found', `Database ${ctx.database} does not exist or the role cannot see it (${detail})`);
    }
    if (/^Schema /i.test(serverText.replace(/^SQL compilation error:\s*/i, ''))) {
      return new SourceError('not-found', `Schema ${ctx.database}.${ctx.schema} does not exist or the role cannot see it (${detail})`);
    }
    if (ctx.table) return new SourceError('not-found', `Table ${ctx.database}.${ctx.schema}.${ctx.table} no longer exists or the role cannot read it (${detail})`);
    return new SourceError('not-found', `Snowflake: ${detail}`);
  }
  if (/invalid identifier/i.test(serverText) && ctx.table) {
    return new SourceError('user', `A column of ${ctx.database}.${ctx.schema}.${ctx.table} is no longer there (${detail}): refresh the schema`);
  }
  if (/insufficient privileges|not authorized|access control/i.test(serverText)) {
    return new SourceError('auth', `The role cannot read ${ctx.table ? `${ctx.database}.${ctx.schema}.${ctx.table}` : `${ctx.database}.${ctx.schema}`} (${detail})`);
  }
  if (e.name === 'OperationFailedError') return new SourceError('user', `Snowflake refused the query (${detail})`);
  return new SourceError('internal', `Snowflake failed (${e.name ?? 'error'}${code ? ` ${code}` : ''})`);
}

// ---------------------------------------------------------------------------------------------------------------------
// Types

/** INFORMATION_SCHEMA.COLUMNS data_type (with precision and scale) to Inlet's type. */
export function mapSnowflakeType(dataType: string, precision: number | null, scale: number | null): { type: ColumnType; sourceType: string; nested: boolean; known: boolean } {
  const t = dataType.trim().toUpperCase();
  switch (t) {
    case 'NUMBER':
    case 'DECIMAL':
    case 'NUMERIC':
    case 'FIXED': {
      const p = precision ?? 38;
      const s = scale ?? 0;
      return { type: s === 0 ? 'INTEGER' : 'STRING', sourceType: `NUMBER(${p},${s})`, nested: false, known: true };
    }
    case 'INT':
    case 'INTEGER':
    case 'BIGINT':
    case 'SMALLINT':
    case 'TINYINT':
    case 'BYTEINT':
      return { type: 'INTEGER', sourceType: 'NUMBER(38,0)', nested: false, known: true };
    case 'FLOAT':
    case 'FLOAT4':
    case 'FLOAT8':
    case 'DOUBLE':
    case 'DOUBLE PRECISION':
    case 'REAL':
      return { type: 'FLOAT', sourceType: t, nested: false, known: true };
    case 'BOOLEAN':
      return { type: 'BOOLEAN', sourceType: t, nested: false, known: true };
    case 'DATE':
      return { type: 'DATE', sourceType: t, nested: false, known: true };
    case 'TIMESTAMP_NTZ':
    case 'TIMESTAMP_LTZ':
    case 'TIMESTAMP_TZ':
    case 'TIMESTAMP':
    case 'DATETIME':
      return { type: 'TIMESTAMP', sourceType: t, nested: false, known: true };
    case 'TEXT':
    case 'VARCHAR':
    case 'STRING':
    case 'CHAR':
    case 'CHARACTER':
    case 'TIME':
    case 'BINARY':
    case 'VARBINARY':
      return { type: 'STRING', sourceType: t, nested: false, known: true };
    case 'VARIANT':
    case 'OBJECT':
    case 'ARRAY':
    case 'MAP':
    case 'GEOGRAPHY':
    case 'GEOMETRY':
      return { type: 'STRING', sourceType: t, nested: true, known: true };
    default:
      return { type: 'STRING', sourceType: t, nested: t.startsWith('OBJECT(') || t.startsWith('ARRAY(') || t.startsWith('MAP('), known: t.startsWith('OBJECT(') || t.startsWith('ARRAY(') || t.startsWith('MAP(') || t.startsWith('VECTOR(') };
  }
}

function utcDate(d: Date): string {
  const y = d.getUTCFullYear();
  const year = y < 0 ? '-' + String(-y).padStart(4, '0') : String(y).padStart(4, '0');
  return `${year}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

function jsonText(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (v instanceof Map ? Object.fromEntries(v) : typeof v === 'bigint' ? v.toString() : v));
}

/** The converter for one result column (driver type names: fixed, real, text, boolean, date, timestamp_*, …). */
function cellConverter(column: Snowflake.Column): (value: unknown) => CellValue | typeof INVALID {
  const type = column.getType();
  const nullable = (fn: (v: unknown) => CellValue | typeof INVALID) => (v: unknown) => (v === null || v === undefined ? null : fn(v));
  switch (type) {
    case 'fixed':
      return column.getScale() > 0 ? nullable((v) => String(v)) : nullable((v) => parseInteger(String(v)));
    case 'real':
      return nullable((v) => (typeof v === 'number' ? v : parseFloatText(String(v))));
    case 'boolean':
      return nullable((v) => (typeof v === 'boolean' ? v : /^(1|true)$/i.test(String(v)) ? true : /^(0|false)$/i.test(String(v)) ? false : INVALID));
    case 'date':
      return nullable((v) => (v instanceof Date ? utcDate(v) : INVALID));
    case 'timestamp_ntz':
    case 'timestamp_ltz':
    case 'timestamp_tz':
      // A plain Date: the driver's dates carry a toJSON that formats with the session's output format.
      return nullable((v) => (v instanceof Date ? new Date(v.getTime()) : INVALID));
    case 'binary':
      return nullable((v) => (Buffer.isBuffer(v) ? v.toString('base64') : String(v)));
    case 'variant':
    case 'object':
    case 'array':
    case 'map':
      return nullable((v) => (typeof v === 'string' ? v : jsonText(v)));
    default:
      return nullable((v) => (typeof v === 'string' ? v : v instanceof Date ? v.toISOString() : jsonText(v)));
  }
}

/**
 * The text bound for `column > ?`; Snowflake casts it to the column's type. Timestamps are sent in UTC with an explicit
 * +00:00 (a zone-less text would be read in the session's time zone for TIMESTAMP_LTZ/TZ; TIMESTAMP_NTZ ignores the
 * zone, and Inlet reads NTZ values as UTC), so the comparison means the same instant whatever the column's kind.
 */
export function watermarkBind(column: string, type: ColumnType | undefined, after: string): string {
  const bad = (what: string) => new SourceError('user', `The watermark ${JSON.stringify(after.slice(0, 60))} is not ${what}, as column ${column} needs`);
  if (type === 'INTEGER') {
    if (parseInteger(after) === INVALID) throw bad('an integer');
    return after;
  }
  if (type === 'FLOAT') {
    if (parseFloatText(after) === INVALID) throw bad('a number');
    return after;
  }
  if (type === 'DATE') {
    if (/^\d{4}-\d{2}-\d{2}$/.test(after) && parseTimestamp(after) !== INVALID) return after;
    const ts = parseTimestamp(after);
    if (ts === INVALID) throw bad('a date');
    return ts.toISOString().slice(0, 10);
  }
  if (type === 'TIMESTAMP') {
    const m = /^(\d{4}-\d{2}-\d{2})(?:[Tt ](\d{2}:\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/.exec(after.trim());
    const ts = parseTimestamp(after.trim());
    if (!m || ts === INVALID) throw bad('a timestamp');
    const utc = !m[5] || /^(z|[+-]00(:?00)?)$/i.test(m[5]);
    // Sub-millisecond digits are kept when the text is already UTC; other offsets go through a Date (milliseconds).
    if (utc) return `${m[1]}T${m[2] ?? '00:00'}:${m[3] ?? '00'}${m[4] ? `.${m[4]}` : ''}+00:00`;
    return ts.toISOString().replace('Z', '+00:00');
  }
  return after;
}

// ---------------------------------------------------------------------------------------------------------------------
// Connector

interface Session {
  run(sqlText: string, binds: Snowflake.Binds, step: Step, table?: string): Promise<unknown[][]>;
  stream(sqlText: string, binds: Snowflake.Binds, table: string): Promise<{ columns: Snowflake.Column[]; rows: Readable }>;
  close(): Promise<void>;
}

export function createSnowflakeConnector(settings: SnowflakeSettings, credentials: Record<string, string>, config: Config): Connector {
  const stats: IoStats = { requests: 0, bytesRead: 0 };
  const accessUrl = snowflakeTestAccessUrl(settings as unknown as Record<string, unknown>, config);
  driverEgress = safeAgents(config);
  const username = credentials.username ?? '';
  const secrets = [credentials.password, credentials.privateKey, credentials.privateKeyPassphrase].filter((s): s is string => Boolean(s));
  for (const s of secrets) registerSecret(s);
  if (credentials.privateKey) registerSecret(credentials.privateKey.replace(/-----[^-]+-----|\s/g, ''));
  const scrub = scrubber(secrets);
  const warehouse = resolveSnowflakeIdentifier(settings.warehouse);
  const database = resolveSnowflakeIdentifier(settings.database);
  const schema = resolveSnowflakeIdentifier(settings.schema);
  const role = settings.role ? resolveSnowflakeIdentifier(settings.role) : null;
  const ctx = (step: Step, table?: string): SnowflakeErrorContext => ({ step, user: username, account: settings.account, warehouse, role, database, schema, table, scrub });
  const schemaPath = `${quoteSnowflakeIdentifier(database)}.${quoteSnowflakeIdentifier(schema)}`;
  const infoSchema = `${quoteSnowflakeIdentifier(database)}.INFORMATION_SCHEMA`;
  const tableLabel = (table: string) => `snowflake://${settings.account}/${database}/${schema}/${table}`;

  function connectionOptions(): Snowflake.ConnectionOptions {
    const options: Record<string, unknown> = {
      account: settings.account,
      username,
      application: 'Inlet',
      // Inlet retries with its own backoff.
      sfRetryMaxLoginRetries: 0,
      clientSessionKeepAlive: false,
      validateDefaultParameters: false,
      resultPrefetch: 2,
      // Integers are fetched as text anyway (fetchAsString); this keeps the driver from first converting them to
      // doubles, warning about precision loss and reporting that to Snowflake.
      jsTreatIntegerAsBigInt: true,
    };
    if (accessUrl) options.accessUrl = accessUrl;
    if (credentials.privateKey) {
      options.authenticator = 'SNOWFLAKE_JWT';
      options.privateKey = credentials.privateKey;
      if (credentials.privateKeyPassphrase) options.privateKeyPass = credentials.privateKeyPassphrase;
    } else {
      options.password = credentials.password;
    }
    return options as Snowflake.ConnectionOptions;
  }

  async function open(): Promise<Session> {
    if (!username || (!credentials.password && !credentials.privateKey)) {
      throw new SourceError('user', "The stored Snowflake credentials are incomplete: update the connection's credentials");
    }
    const sdk = await loadSnowflakeDriver();
    stats.requests++;
    let connection: Snowflake.Connection;
    try {
      connection = sdk.createConnection(connectionOptions());
    } catch (error) {
      throw explainSnowflakeError(error, ctx('login'));
    }
    try {
      await new Promise<void>((resolve, reject) => {
        connection.connect((error) => (error ? reject(error) : resolve()));
      });
    } catch (error) {
      throw explainSnowflakeError(error, ctx('login'));
    } finally {
      // A client config file (sf_client_config.json) can re-route the driver's log during login: route it back.
      sdk.configure(DRIVER_LOGGING as Snowflake.ConfigureOptions);
    }

    // Always streamResult: without it the driver, on a failed request, quietly sends the statement again before
    // reporting (RowStream refresh); with it the failure is reported as is, and rows are read as they are needed.
    const execute = (sqlText: string, binds: Snowflake.Binds) =>
      new Promise<Snowflake.RowStatement>((resolve, reject) => {
        stats.requests++;
        try {
          connection.execute({
            sqlText,
            binds,
            streamResult: true,
            fetchAsString: ['Number'],
            rowMode: 'array',
            complete: (error, statement) => (error ? reject(error) : resolve(statement as Snowflake.RowStatement)),
          });
        } catch (error) {
          reject(error);
        }
      });

    return {
      async run(sqlText, binds, step, table) {
        try {
          const statement = await execute(sqlText, binds);
          const rows: unknown[][] = [];
          for await (const row of statement.streamRows() as AsyncIterable<unknown[]>) rows.push(row);
          return rows;
        } catch (error) {
          throw explainSnowflakeError(error, ctx(step, table));
        }
      },
      async stream(sqlText, binds, table) {
        try {
          const statement = await execute(sqlText, binds);
          return { columns: statement.getColumns() ?? [], rows: statement.streamRows() };
        } catch (error) {
          throw explainSnowflakeError(error, ctx('read', table));
        }
      },
      close: () =>
        new Promise<void>((resolve) => {
          try {
            connection.destroy(() => resolve());
          } catch {
            resolve();
          }
        }),
    };
  }

  /** Opens a session with the role and warehouse in use, runs `fn`, and always closes the session. */
  async function withSession<T>(fn: (session: Session) => Promise<T>): Promise<T> {
    const session = await open();
    try {
      if (role) await session.run(`USE ROLE ${quoteSnowflakeIdentifier(role)}`, [], 'role');
      await session.run(`USE WAREHOUSE ${quoteSnowflakeIdentifier(warehouse)}`, [], 'warehouse');
      return await fn(session);
    } finally {
      await session.close();
    }
  }

  return {
    stats,

    async validate() {
      await withSession(async (session) => {
        const rows = await session.run(
          `SELECT (SELECT COUNT(*) FROM ${infoSchema}.SCHEMATA WHERE SCHEMA_NAME = ?) AS SCHEMAS, ` +
            `(SELECT COUNT(*) FROM ${infoSchema}.TABLES WHERE TABLE_SCHEMA = ?) AS TABLES`,
          [schema, schema],
          'check',
        );
        if (Number(rows[0]?.[0] ?? 0) === 0) {
          throw new SourceError('not-found', `Schema ${database}.${schema} does not exist or the role cannot see it`);
        }
      });
    },

    async discover(): Promise<DiscoveredTable[]> {
      const rows = await withSession((session) =>
        session.run(
          'SELECT c.TABLE_NAME, c.COLUMN_NAME, c.ORDINAL_POSITION, c.IS_NULLABLE, c.DATA_TYPE, c.NUMERIC_PRECISION, c.NUMERIC_SCALE, ' +
            't.TABLE_TYPE, t.ROW_COUNT, t.BYTES, t.CLUSTERING_KEY ' +
            `FROM ${infoSchema}.COLUMNS c JOIN ${infoSchema}.TABLES t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME ` +
            'WHERE c.TABLE_SCHEMA = ? ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION',
          [schema],
          'discover',
        ),
      );
      const tables = new Map<string, { columns: (DiscoveredColumn & { ordinal: number })[]; details: Record<string, unknown>; warnings: string[] }>();
      for (const row of rows) {
        const [tableName, columnName, ordinal, isNullable, dataType, precision, scale, tableType, rowCount, bytes, clusteringKey] = row.map((v) => (v === null || v === undefined ? null : String(v)));
        if (!tableName || !columnName || !dataType) continue;
        stats.bytesRead += tableName.length + columnName.length + dataType.length;
        let table = tables.get(tableName);
        if (!table) {
          const type = (tableType ?? 'BASE TABLE').toUpperCase();
          const details: Record<string, unknown> = { kind: type.includes('VIEW') ? 'VIEW' : type.includes('EXTERNAL') ? 'EXTERNAL' : 'TABLE', tableType: type };
          if (rowCount !== null) details.rowCount = Number(rowCount);
          if (bytes !== null) details.bytes = Number(bytes);
          if (clusteringKey) details.clusteringKey = clusteringKey;
          table = { columns: [], details, warnings: [] };
          tables.set(tableName, table);
        }
        const mapped = mapSnowflakeType(dataType, precision === null ? null : Number(precision), scale === null ? null : Number(scale));
        if (!mapped.known) table.warnings.push(`Column ${columnName} has type ${dataType}, which Inlet reads as text`);
        table.columns.push({ name: columnName, type: mapped.type, nullable: isNullable !== 'NO', sourceType: mapped.sourceType, nested: mapped.nested, isPartition: false, ordinal: Number(ordinal ?? 0) });
      }
      return [...tables.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([name, t]) => ({
          name,
          columns: t.columns.sort((a, b) => a.ordinal - b.ordinal).map(({ ordinal: _o, ...c }) => c),
          partitionColumns: [],
          fileCount: null,
          totalBytes: null,
          schemaFile: null,
          warnings: t.warnings,
          ignoredReason: null,
          details: t.details,
        }));
    },

    async planRead(request: ReadRequest): Promise<ReadUnit[]> {
      // No request: the query itself finds out whether the table is still there.
      return [{ id: 'query', label: tableLabel(request.table), size: null }];
    },

    async *read(unit: ReadUnit, request: ReadRequest): AsyncIterable<RecordBatch> {
      if (request.columns.length === 0) throw new SourceError('internal', `No columns to read from ${unit.label}`);
      let sql = `SELECT ${request.columns.map(quoteSnowflakeIdentifier).join(', ')} FROM ${schemaPath}.${quoteSnowflakeIdentifier(request.table)}`;
      const binds: string[] = [];
      const watermark = request.watermark;
      if (watermark?.column) {
        const column = quoteSnowflakeIdentifier(watermark.column);
        if (watermark.after !== null && watermark.after !== undefined) {
          sql += ` WHERE ${column} > ?`;
          binds.push(watermarkBind(watermark.column, request.types[watermark.column], watermark.after));
        }
        sql += ` ORDER BY ${column}`;
      }
      const batchSize = Math.max(1, request.batchSize);
      const session = await open();
      let rows: Readable | undefined;
      try {
        if (role) await session.run(`USE ROLE ${quoteSnowflakeIdentifier(role)}`, [], 'role');
        await session.run(`USE WAREHOUSE ${quoteSnowflakeIdentifier(warehouse)}`, [], 'warehouse');
        const result = await session.stream(sql, binds, request.table);
        rows = result.rows;
        const converters = result.columns.map(cellConverter);
        let batch: CellValue[][] = [];
        let rejects: RecordBatch['rejects'] = [];
        let firstRow = 1;
        let rowNumber = 0;
        try {
          for await (const raw of rows as AsyncIterable<unknown[]>) {
            rowNumber++;
            const out: CellValue[] = new Array(request.columns.length);
            let bad: string | null = null;
            for (let c = 0; c < request.columns.length; c++) {
              const v = raw[c];
              if (typeof v === 'string') stats.bytesRead += v.length + 4;
              else stats.bytesRead += 8;
              const value = converters[c] ? converters[c]!(v) : null;
              if (value === INVALID) {
                bad ??= `column ${JSON.stringify(request.columns[c])}: ${JSON.stringify(String(v).slice(0, 80))} cannot be read as ${result.columns[c]?.getType() ?? 'a value'}${result.columns[c]?.getType() === 'fixed' ? ' (beyond the 64-bit integer range)' : ''}`;
                out[c] = null;
              } else {
                out[c] = value;
              }
            }
            if (bad) rejects.push({ row: rowNumber, reason: bad });
            else batch.push(out);
            if (rowNumber - firstRow + 1 >= batchSize) {
              yield { rows: batch, firstRow, rejects, bytesRead: stats.bytesRead };
              batch = [];
              rejects = [];
              firstRow = rowNumber + 1;
            }
          }
        } catch (error) {
          throw explainSnowflakeError(error, ctx('stream', request.table));
        }
        if (rowNumber >= firstRow) yield { rows: batch, firstRow, rejects, bytesRead: stats.bytesRead };
      } finally {
        rows?.destroy();
        await session.close();
      }
    },
  };
}

export const snowflakeFactory: ConnectorFactory = {
  platform: 'SNOWFLAKE',
  async normalize(input, config) {
    const account = requiredString(input, 'account', 'snowflake.account', 'Account identifier');
    checkSnowflakeAccount(account, 'snowflake.account');
    const warehouse = requiredString(input, 'warehouse', 'snowflake.warehouse', 'Warehouse');
    checkIdentifier(warehouse, 'snowflake.warehouse', 'Warehouse');
    const database = requiredString(input, 'database', 'snowflake.database', 'Database');
    checkIdentifier(database, 'snowflake.database', 'Database');
    const schema = requiredString(input, 'schema', 'snowflake.schema', 'Schema');
    checkIdentifier(schema, 'snowflake.schema', 'Schema');
    const role = optionalString(input, 'role');
    if (role) checkIdentifier(role, 'snowflake.role', 'Role');
    const settings: SnowflakeSettings = { account, warehouse, database, schema, role };
    const testUrl = optionalString(input, 'testAccessUrl');
    if (testUrl) {
      if (!config.allowPrivateEndpoints) throw badInput('snowflake.testAccessUrl', 'A test access URL is only for tests: this server does not allow private endpoints');
      const why = await checkEndpoint(testUrl, true);
      if (why) throw badInput('snowflake.testAccessUrl', `Test access URL ${why}`);
      settings.testAccessUrl = testUrl.replace(/\/+$/, '');
    }
    const { credentials, credentialsHint } = normalizeSnowflakeCredentials(input.credentials as Input | undefined, 'snowflake.credentials');
    return { settings: settings as unknown as Record<string, unknown>, credentials, credentialsHint };
  },
  async normalizeCredentials(input) {
    return normalizeSnowflakeCredentials(input.snowflake as Input | undefined, 'snowflake');
  },
  create(settings, credentials, config) {
    return createSnowflakeConnector(settings as unknown as SnowflakeSettings, credentials, config);
  },
};
