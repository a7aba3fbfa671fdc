/**
 * A stand-in for Snowflake, in process, for tests. It answers what the Node.js driver (snowflake-sdk 3) sends, as read
 * from its source (node_modules/snowflake-sdk/dist/lib/services/sf.js, connection/statement.js, connection/result/*):
 * - `POST /session/v1/login-request` with `{ data: { ACCOUNT_NAME, LOGIN_NAME, PASSWORD | TOKEN (a JWT signed with the
 *   user's key pair, AUTHENTICATOR: SNOWFLAKE_JWT) } }`, answered `{ data: { token, masterToken, parameters, … }, success }`
 *   or `{ code: '390100', message, success: false }`;
 * - `POST /queries/v1/query-request` with `{ sqlText, bindings: { "1": { type, value } } }` and the session token in
 *   `Authorization: Snowflake Token="…"`, answered with the JSON result format the driver parses: `rowtype` (column
 *   metadata), the first rows inline in `rowset` (every value a string: NUMBER as decimal text, DATE as days since the
 *   epoch, TIMESTAMP_* as epoch seconds with 9 decimals — TIMESTAMP_TZ followed by its offset index, BOOLEAN as 1/0,
 *   BINARY as hex, VARIANT as JSON text), and the rest as `chunks` — URLs the driver downloads separately, served here
 *   at `/chunks/<queryId>/<n>` as rows without the outer brackets, as Snowflake's cloud storage does. Like S3 there
 *   (what the driver's LargeResultSetService and result.js expect): each chunk is stored gzip-compressed and served
 *   with `Content-Encoding: gzip`; it is encrypted with a customer key (SSE-C), so the result carries `qrmk` and
 *   `chunkHeaders` (x-amz-server-side-encryption-customer-*) that every chunk request must send back (S3 answers 400
 *   InvalidRequest without them); its URL is presigned (X-Amz-Date, X-Amz-Expires, X-Amz-Signature) and, once expired
 *   (`expireChunkUrls()`: Snowflake's expire after hours), answers 403 with S3's XML error "Request has expired".
 *   `failNext({ status: 403 }, { route: 'chunk' })` is S3's spurious 403 AccessDenied (the driver's own comment:
 *   "403's are retried because of a bug in S3/Blob");
 * - a query still running (`code: '333333'` with `getResultUrl`), `GET /queries/<id>/result`, `POST /telemetry/send`
 *   and `POST /session?delete=true`. Anything else answers 501, so a new call shows up as a failing test.
 *
 * The SQL it evaluates is only what Inlet's Snowflake connector sends (USE ROLE / USE WAREHOUSE, the INFORMATION_SCHEMA
 * validation and discovery queries, and `SELECT "a", … FROM "db"."schema"."table" [WHERE "w" > ?] [ORDER BY "w"]`),
 * tokenized like Snowflake SQL (double-quoted identifiers with `""` escapes), so a test can check that a strange name
 * stayed one identifier.
 */
import { createHash, createPublicKey, generateKeyPairSync, randomUUID, verify, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync, gzipSync } from 'node:zlib';

/** Types as Snowflake names them: NUMBER(38,0), NUMBER(38,9), FLOAT, TEXT, VARCHAR(100), BOOLEAN, DATE, TIME, TIMESTAMP_NTZ/LTZ/TZ, BINARY, VARIANT, OBJECT, ARRAY. */
export interface FakeSnowflakeColumn {
  name: string;
  type: string;
  nullable?: boolean;
}

export interface FakeSnowflakeTable {
  name: string;
  kind?: 'BASE TABLE' | 'VIEW';
  columns: FakeSnowflakeColumn[];
  /** By column name: NUMBER as string/number/bigint, TIMESTAMP_NTZ as civil text, TIMESTAMP_TZ/LTZ as ISO text with a zone, BINARY as Buffer, VARIANT as a value or JSON text. */
  rows: Record<string, unknown>[];
  clusteringKey?: string;
}

export interface FakeSnowflakeRequest {
  route: 'login' | 'query' | 'result' | 'chunk' | 'telemetry' | 'session' | 'unknown';
  method: string;
  path: string;
  query: Record<string, string>;
  sqlText?: string;
  bindings?: { type: string; value: unknown }[];
  status: number;
}

export interface FakeSnowflakeFailure {
  /** An HTTP status (e.g. 503), or a Snowflake error (`code`, `message`, `sqlState`) answered with HTTP 200 and success: false. */
  status?: number;
  code?: string;
  message?: string;
  sqlState?: string;
}

export interface FakeSnowflake {
  /** The driver's accessUrl for this server. */
  url: string;
  account: string;
  close(): Promise<void>;
  /**
   * A user: `type: 'SERVICE'` users cannot have a password nor log in with one ("They cannot log in using a password",
   * https://docs.snowflake.com/en/user-guide/admin-user-management#types-of-users); `tokens` are its programmatic
   * access tokens (https://docs.snowflake.com/en/user-guide/programmatic-access-tokens), sent by the driver as
   * `AUTHENTICATOR: PROGRAMMATIC_ACCESS_TOKEN` with the token in `TOKEN` (authentication/auth_oauth_pat.js).
   */
  addUser(name: string, auth: { password?: string; publicKey?: KeyObject | string; roles?: string[]; type?: 'PERSON' | 'SERVICE'; tokens?: string[] }): void;
  addRole(name: string): void;
  addWarehouse(name: string, options?: { roles?: string[]; suspended?: boolean }): void;
  suspendWarehouse(name: string, suspended?: boolean): void;
  addDatabase(name: string, schemas?: string[]): void;
  putTable(database: string, schema: string, table: FakeSnowflakeTable): void;
  /** Rows per result part: the first part goes inline in `rowset`, the others are chunks to download. */
  setChunkRows(rows: number): void;
  /** The next `count` requests of `route` (login, query, chunk; default any) fail as described, after letting `after` of them through. */
  failNext(failure: FakeSnowflakeFailure, options?: { route?: 'login' | 'query' | 'chunk'; count?: number; after?: number }): void;
  /** The next `count` queries answer "still running" first (the driver polls getResultUrl). */
  slowQueries(count: number): void;
  /**
   * An account parameter, e.g. TIMESTAMP_INPUT_FORMAT = 'DD/MM/YYYY HH24:MI:SS': sessions report it at login, and a text
   * bound to `timestamp_column > ?` is then read with that format only (AUTO, the default, reads ISO text), failing
   * with 100035 "Timestamp '…' is not recognized" otherwise (https://docs.snowflake.com/en/sql-reference/parameters#timestamp-input-format).
   */
  setAccountParameter(name: string, value: string): void;
  /** Every chunk URL handed out so far expires (403 "Request has expired"); later results get fresh ones. */
  expireChunkUrls(): void;
  /**
   * A warehouse's STATEMENT_TIMEOUT_IN_SECONDS is reached by every query reading more than `rows` rows (null: never):
   * error 000630 "Statement reached its statement or warehouse timeout of N second(s) and was canceled." (SQLSTATE 57014).
   */
  statementTimeout(warehouse: string, rows: number | null, seconds?: number): void;
  requests: {
    log: FakeSnowflakeRequest[];
    /** SQL texts received, with their bind values. */
    readonly queries: { sqlText: string; bindings: unknown[] }[];
    readonly logins: number;
    readonly chunks: number;
    reset(): void;
  };
}

// ---------------------------------------------------------------------------------------------------------------------
// Types and values

interface SfType {
  /** The driver's rowtype name: fixed, real, text, boolean, date, time, timestamp_ntz, timestamp_ltz, timestamp_tz, binary, variant, object, array. */
  rowtype: string;
  /** INFORMATION_SCHEMA.COLUMNS.DATA_TYPE */
  dataType: string;
  precision: number | null;
  scale: number | null;
}

export function parseSnowflakeType(text: string): SfType {
  const t = text.trim().toUpperCase();
  const number = /^(?:NUMBER|DECIMAL|NUMERIC)(?:\((\d+)(?:,\s*(\d+))?\))?$/.exec(t);
  if (number) return { rowtype: 'fixed', dataType: 'NUMBER', precision: Number(number[1] ?? 38), scale: Number(number[2] ?? 0) };
  if (/^(INT|INTEGER|BIGINT|SMALLINT|TINYINT|BYTEINT)$/.test(t)) return { rowtype: 'fixed', dataType: 'NUMBER', precision: 38, scale: 0 };
  if (/^(FLOAT|FLOAT4|FLOAT8|DOUBLE|DOUBLE PRECISION|REAL)$/.test(t)) return { rowtype: 'real', dataType: 'FLOAT', precision: null, scale: null };
  if (/^(TEXT|STRING|VARCHAR|CHAR)(\(\d+\))?$/.test(t)) return { rowtype: 'text', dataType: 'TEXT', precision: null, scale: null };
  const simple: Record<string, string> = {
    BOOLEAN: 'boolean',
    DATE: 'date',
    TIME: 'time',
    TIMESTAMP_NTZ: 'timestamp_ntz',
    TIMESTAMP_LTZ: 'timestamp_ltz',
    TIMESTAMP_TZ: 'timestamp_tz',
    BINARY: 'binary',
    VARIANT: 'variant',
    OBJECT: 'object',
    ARRAY: 'array',
  };
  if (simple[t]) return { rowtype: simple[t]!, dataType: t, precision: null, scale: t.startsWith('TIME') ? 9 : null };
  throw new Error(`fake-snowflake: unsupported type ${text}`);
}

/** Civil or zoned timestamp text to epoch nanoseconds (exact) and its offset in minutes. */
export function timestampNanos(text: string, ignoreZone = false): { nanos: bigint; offset: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i.exec(text.trim());
  if (!m) throw new Error(`fake-snowflake: not a timestamp: ${text}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0));
  let offset = 0;
  if (m[8] && m[8].toUpperCase() !== 'Z') {
    const digits = m[8].slice(1).replace(':', '');
    offset = (m[8][0] === '-' ? -1 : 1) * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0));
  }
  const fraction = BigInt((m[7] ?? '').padEnd(9, '0') || '0');
  const utcMs = ignoreZone ? ms : ms - offset * 60_000;
  return { nanos: BigInt(utcMs) * 1_000_000n + fraction, offset: ignoreZone ? 0 : offset };
}

/** Epoch nanoseconds as the decimal seconds text Snowflake sends (`1704067200.123000000`). */
function secondsText(nanos: bigint): string {
  const negative = nanos < 0n;
  const abs = negative ? -nanos : nanos;
  return `${negative ? '-' : ''}${abs / 1_000_000_000n}.${String(abs % 1_000_000_000n).padStart(9, '0')}`;
}

function fixedText(value: unknown, scale: number): string {
  const text = typeof value === 'number' && !Number.isInteger(value) ? String(value) : String(value);
  if (scale === 0) return text;
  const [whole, frac = ''] = text.split('.');
  return `${whole}.${frac.padEnd(scale, '0').slice(0, scale)}`;
}

/** A JS value to the raw string the JSON result format carries for this type. */
function rawValue(type: SfType, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  switch (type.rowtype) {
    case 'fixed':
      return fixedText(value, type.scale ?? 0);
    case 'real': {
      const n = Number(value);
      return Number.isNaN(n) ? 'NaN' : n === Infinity ? 'inf' : n === -Infinity ? '-inf' : String(n);
    }
    case 'boolean':
      return value ? '1' : '0';
    case 'date':
      return String(Date.UTC(Number(String(value).slice(0, 4)), Number(String(value).slice(5, 7)) - 1, Number(String(value).slice(8, 10))) / 86_400_000);
    case 'time': {
      const [h, mi, rest = '0'] = String(value).split(':');
      const [s, f = ''] = rest.split('.');
      return `${Number(h) * 3600 + Number(mi) * 60 + Number(s)}.${f.padEnd(9, '0').slice(0, 9)}`;
    }
    case 'timestamp_ntz':
      return secondsText(timestampNanos(String(value), true).nanos);
    case 'timestamp_ltz':
      return secondsText(timestampNanos(String(value)).nanos);
    case 'timestamp_tz': {
      const { nanos, offset } = timestampNanos(String(value));
      return `${secondsText(nanos)} ${1440 + offset}`;
    }
    case 'binary':
      return (Buffer.isBuffer(value) ? value : Buffer.from(String(value))).toString('hex').toUpperCase();
    case 'variant':
    case 'object':
    case 'array':
      // Big integers keep all their digits, as Snowflake prints them.
      return typeof value === 'string' ? value : JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `__bigint_${v}__` : v), 2).replace(/"__bigint_(-?\d+)__"/g, '$1');
    default:
      return String(value);
  }
}

function sortKey(type: SfType, value: unknown): bigint | number | string | null {
  if (value === null || value === undefined) return null;
  switch (type.rowtype) {
    case 'fixed':
      return (type.scale ?? 0) === 0 ? BigInt(String(value)) : Number(value);
    case 'real':
      return Number(value);
    case 'timestamp_ntz':
      return timestampNanos(String(value), true).nanos;
    case 'timestamp_ltz':
    case 'timestamp_tz':
      return timestampNanos(String(value)).nanos;
    default:
      return String(value);
  }
}

function compare(a: bigint | number | string | null, b: bigint | number | string | null): number {
  if (a === null) return b === null ? 0 : -1;
  if (b === null) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------------------------------
// SQL

type Token = { kind: 'ident'; value: string; quoted: boolean } | { kind: 'punct'; value: string } | { kind: 'number'; value: string } | { kind: 'string'; value: string };

/** Snowflake SQL tokens: double-quoted identifiers (`""` inside), words (upper-cased, as Snowflake resolves them), punctuation. */
export function tokenizeSnowflakeSql(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"') {
      let value = '';
      i++;
      for (;;) {
        if (i >= sql.length) throw new SqlError('001003', "SQL compilation error:\nsyntax error line 1 unexpected '<EOF>'.");
        if (sql[i] === '"') {
          if (sql[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += sql[i++];
      }
      tokens.push({ kind: 'ident', value, quoted: true });
    } else if (c === "'") {
      // A string literal ('' inside).
      let value = '';
      i++;
      for (;;) {
        if (i >= sql.length) throw new SqlError('001003', "SQL compilation error:\nsyntax error line 1 unexpected '<EOF>'.");
        if (sql[i] === "'") {
          if (sql[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += sql[i++];
      }
      tokens.push({ kind: 'string', value });
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(sql.slice(i))!;
      tokens.push({ kind: 'ident', value: m[0].toUpperCase(), quoted: false });
      i += m[0].length;
    } else if (/\d/.test(c)) {
      const m = /^\d+/.exec(sql.slice(i))!;
      tokens.push({ kind: 'number', value: m[0] });
      i += m[0].length;
    } else {
      tokens.push({ kind: 'punct', value: c });
      i++;
    }
  }
  return tokens;
}

class SqlError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly sqlState = '42000',
  ) {
    super(message);
  }
}

class Cursor {
  i = 0;
  constructor(readonly tokens: Token[]) {}
  peek(): Token | undefined {
    return this.tokens[this.i];
  }
  done(): boolean {
    return this.i >= this.tokens.length;
  }
  keyword(word: string): boolean {
    const t = this.peek();
    if (t?.kind === 'ident' && !t.quoted && t.value === word) {
      this.i++;
      return true;
    }
    return false;
  }
  expectKeyword(word: string): void {
    if (!this.keyword(word)) this.unexpected();
  }
  punct(p: string): boolean {
    const t = this.peek();
    if (t?.kind === 'punct' && t.value === p) {
      this.i++;
      return true;
    }
    return false;
  }
  expectPunct(p: string): void {
    if (!this.punct(p)) this.unexpected();
  }
  ident(): string {
    const t = this.peek();
    if (t?.kind !== 'ident') this.unexpected();
    this.i++;
    return t!.value;
  }
  path(): string[] {
    const parts = [this.ident()];
    while (this.punct('.')) parts.push(this.ident());
    return parts;
  }
  unexpected(): never {
    throw new SqlError('001003', `SQL compilation error:\nsyntax error line 1 at position ${this.i} unexpected '${this.peek()?.value ?? '<EOF>'}'.`);
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// Server

interface User {
  type: 'PERSON' | 'SERVICE';
  tokens: string[];
  password?: string;
  publicKey?: KeyObject;
  roles: Set<string>;
}

interface SessionState {
  user: string;
  role: string;
  warehouse: string | null;
  /** Session parameters the driver set at login (e.g. JS_TREAT_INTEGER_AS_BIGINT), echoed in every result as Snowflake does. */
  parameters: { name: string; value: unknown }[];
}

interface Result {
  rowtype: object[];
  rows: (string | null)[][];
}

const PARAMETERS = [
  { name: 'TIMEZONE', value: 'America/Los_Angeles' },
  { name: 'TIMESTAMP_OUTPUT_FORMAT', value: 'YYYY-MM-DD HH24:MI:SS.FF3 TZHTZM' },
  { name: 'TIMESTAMP_NTZ_OUTPUT_FORMAT', value: 'YYYY-MM-DD HH24:MI:SS.FF3' },
  { name: 'TIMESTAMP_LTZ_OUTPUT_FORMAT', value: '' },
  { name: 'TIMESTAMP_TZ_OUTPUT_FORMAT', value: '' },
  { name: 'DATE_OUTPUT_FORMAT', value: 'YYYY-MM-DD' },
  { name: 'TIME_OUTPUT_FORMAT', value: 'HH24:MI:SS' },
  { name: 'BINARY_OUTPUT_FORMAT', value: 'HEX' },
  { name: 'CLIENT_RESULT_CHUNK_SIZE', value: 160 },
  { name: 'CLIENT_SESSION_KEEP_ALIVE', value: false },
  { name: 'QUERY_CONTEXT_CACHE_SIZE', value: 5 },
];

const DISCOVERY_COLUMNS: Record<string, SfType> = {
  TABLE_NAME: { rowtype: 'text', dataType: 'TEXT', precision: null, scale: null },
  COLUMN_NAME: { rowtype: 'text', dataType: 'TEXT', precision: null, scale: null },
  ORDINAL_POSITION: { rowtype: 'fixed', dataType: 'NUMBER', precision: 9, scale: 0 },
  IS_NULLABLE: { rowtype: 'text', dataType: 'TEXT', precision: null, scale: null },
  DATA_TYPE: { rowtype: 'text', dataType: 'TEXT', precision: null, scale: null },
  NUMERIC_PRECISION: { rowtype: 'fixed', dataType: 'NUMBER', precision: 9, scale: 0 },
  NUMERIC_SCALE: { rowtype: 'fixed', dataType: 'NUMBER', precision: 9, scale: 0 },
  TABLE_TYPE: { rowtype: 'text', dataType: 'TEXT', precision: null, scale: null },
  ROW_COUNT: { rowtype: 'fixed', dataType: 'NUMBER', precision: 38, scale: 0 },
  BYTES: { rowtype: 'fixed', dataType: 'NUMBER', precision: 38, scale: 0 },
  CLUSTERING_KEY: { rowtype: 'text', dataType: 'TEXT', precision: null, scale: null },
};

function rowtypeOf(name: string, type: SfType, nullable = true, table = ''): object {
  return {
    name,
    database: '',
    schema: '',
    table,
    type: type.rowtype,
    precision: type.precision,
    scale: type.scale,
    nullable,
    byteLength: type.rowtype === 'text' ? 16_777_216 : null,
    length: type.rowtype === 'text' ? 16_777_216 : null,
    collation: null,
  };
}

/** Starts a fake Snowflake account on a free loopback port. */
export async function startFakeSnowflake(options: { account?: string } = {}): Promise<FakeSnowflake> {
  const account = options.account ?? 'myorg-analytics';
  const users = new Map<string, User>();
  const roles = new Set<string>(['PUBLIC']);
  const warehouses = new Map<string, { roles: Set<string> | null; suspended: boolean }>();
  const databases = new Map<string, Map<string, Map<string, FakeSnowflakeTable>>>();
  const sessions = new Map<string, SessionState>();
  const results = new Map<string, Result>();
  const log: FakeSnowflakeRequest[] = [];
  let chunkRows = 1000;
  let failures: { failure: FakeSnowflakeFailure; route?: string; count: number; after: number } | null = null;
  let slow = 0;
  /** Chunk URLs of an earlier generation have expired. */
  let urlGeneration = 1;
  let validFrom = 1;
  const timeouts = new Map<string, { rows: number; seconds: number }>();
  const accountParameters = new Map<string, string>();
  /** The SSE-C key of each result's chunks (its qrmk). */
  const chunkKeys = new Map<string, string>();

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) json(res, 500, { data: null, code: '000603', message: String(error), success: false });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const parsed = new URL(req.url ?? '/', url);
    const method = req.method ?? 'GET';
    const path = parsed.pathname;
    const route: FakeSnowflakeRequest['route'] =
      path === '/session/v1/login-request' ? 'login'
      : path === '/queries/v1/query-request' ? 'query'
      : /^\/queries\/[^/]+\/result$/.test(path) ? 'result'
      : path.startsWith('/chunks/') ? 'chunk'
      : path === '/telemetry/send' ? 'telemetry'
      : path === '/session' ? 'session'
      : 'unknown';
    const entry: FakeSnowflakeRequest = { route, method, path, query: Object.fromEntries(parsed.searchParams), status: 0 };
    log.push(entry);
    res.on('finish', () => (entry.status = res.statusCode));
    const body = method === 'POST' ? await readJson(req) : {};

    const matches = failures && failures.count > 0 && (!failures.route || failures.route === route) && (route === 'login' || route === 'query' || route === 'chunk');
    if (matches && failures!.after > 0) {
      failures!.after--;
    } else if (matches && failures) {
      failures.count--;
      const f = failures.failure;
      if (f.status && route === 'chunk') return s3Error(res, f.status, f.status === 403 ? 'AccessDenied' : 'InternalError', f.status === 403 ? 'Access Denied' : 'We encountered an internal error. Please try again.');
      if (f.status) return json(res, f.status, { data: null, code: null, message: `Injected HTTP ${f.status}`, success: false });
      return json(res, 200, { data: { sqlState: f.sqlState ?? '57014', queryId: randomUUID() }, code: f.code ?? '000603', message: f.message ?? 'Injected failure', success: false });
    }

    switch (route) {
      case 'login':
        return login(res, (body.data ?? {}) as Record<string, unknown>);
      case 'query': {
        const session = sessionOf(req);
        if (!session) return json(res, 401, { data: null, code: '390104', message: 'Authentication token is invalid.', success: false });
        const sqlText = String(body.sqlText ?? '');
        const bindings = Object.entries((body.bindings ?? {}) as Record<string, { type: string; value: unknown }>)
          .sort(([a], [b]) => Number(a) - Number(b))
          .map(([, b]) => b);
        entry.sqlText = sqlText;
        entry.bindings = bindings;
        return query(res, session, sqlText, bindings.map((b) => b.value));
      }
      case 'result': {
        const session = sessionOf(req);
        if (!session) return json(res, 401, { data: null, code: '390104', message: 'Authentication token is invalid.', success: false });
        const id = path.split('/')[2]!;
        const result = results.get(id);
        if (!result) return json(res, 200, { data: null, code: '000709', message: `Statement ${id} not found`, success: false });
        return json(res, 200, resultBody(id, result, session.parameters));
      }
      case 'chunk': {
        const [, , id, n] = path.split('/');
        const result = results.get(id!);
        if (!result) return s3Error(res, 404, 'NoSuchKey', 'The specified key does not exist.');
        const generation = Number(/^(\d+)-/.exec(parsed.searchParams.get('X-Amz-Signature') ?? '')?.[1] ?? 0);
        if (!parsed.searchParams.get('X-Amz-Expires') || generation < validFrom) return s3Error(res, 403, 'AccessDenied', 'Request has expired');
        if (req.headers['x-amz-server-side-encryption-customer-key'] !== chunkKeys.get(id!) || req.headers['x-amz-server-side-encryption-customer-algorithm'] !== 'AES256') {
          return s3Error(res, 400, 'InvalidRequest', 'The object was stored using a form of Server Side Encryption. The correct parameters must be provided to retrieve the object.');
        }
        const part = result.rows.slice((Number(n) + 1) * chunkRows, (Number(n) + 2) * chunkRows);
        const body = gzipSync(Buffer.from(part.map((r) => JSON.stringify(r)).join(',')));
        res.writeHead(200, { 'content-type': 'binary/octet-stream', 'content-encoding': 'gzip', 'content-length': String(body.length) });
        return void res.end(body);
      }
      case 'telemetry':
        return json(res, 200, { data: 'Log Received', code: null, message: null, success: true });
      case 'session':
        if (parsed.searchParams.get('delete') === 'true') {
          const token = tokenOf(req);
          if (token) sessions.delete(token);
          return json(res, 200, { data: null, code: null, message: null, success: true });
        }
    }
    return json(res, 501, { data: null, code: null, message: `fake-snowflake does not serve ${method} ${path}`, success: false });
  }

  function tokenOf(req: IncomingMessage): string | undefined {
    return /^Snowflake Token="([^"]+)"$/.exec(req.headers.authorization ?? '')?.[1];
  }

  function sessionOf(req: IncomingMessage): SessionState | undefined {
    const token = tokenOf(req);
    return token ? sessions.get(token) : undefined;
  }

  function loginFailure(res: ServerResponse, code: string, message: string): void {
    json(res, 200, { data: { nextAction: 'RETRY_LOGIN', authnMethod: 'USERNAME_PASSWORD', signInOptions: {} }, code, message, success: false });
  }

  function login(res: ServerResponse, data: Record<string, unknown>): void {
    const name = String(data.LOGIN_NAME ?? '').toUpperCase();
    const user = users.get(name);
    if (data.AUTHENTICATOR === 'SNOWFLAKE_JWT') {
      if (!user?.publicKey) return loginFailure(res, '390144', 'JWT token is invalid.');
      const [h, p, s] = String(data.TOKEN ?? '').split('.');
      let claims: { iss?: string; sub?: string; exp?: number };
      try {
        claims = JSON.parse(Buffer.from(p!, 'base64url').toString('utf8'));
      } catch {
        return loginFailure(res, '390144', 'JWT token is invalid.');
      }
      const fingerprint = 'SHA256:' + createHash('sha256').update(user.publicKey.export({ type: 'spki', format: 'der' })).digest('base64');
      const sub = `${String(data.ACCOUNT_NAME ?? '').toUpperCase()}.${name}`;
      const exp = Number(claims.exp ?? 0);
      const expMs = exp > 1e12 ? exp : exp * 1000;
      const signed = s ? verify('RSA-SHA256', Buffer.from(`${h}.${p}`), user.publicKey, Buffer.from(s, 'base64url')) : false;
      if (!signed || claims.sub !== sub || claims.iss !== `${sub}.${fingerprint}` || expMs < Date.now()) return loginFailure(res, '390144', 'JWT token is invalid.');
    } else if (data.AUTHENTICATOR === 'PROGRAMMATIC_ACCESS_TOKEN') {
      if (!user || !user.tokens.includes(String(data.TOKEN ?? ''))) return loginFailure(res, '394400', 'Programmatic access token is invalid.');
    } else if (!user || user.type === 'SERVICE' || user.password === undefined || data.PASSWORD !== user.password) {
      // A service user has no password: Snowflake answers as for a wrong one.
      return loginFailure(res, '390100', 'Incorrect username or password was specified.');
    }
    const token = `ver:1-hint:fake-${randomUUID()}`;
    const sessionParameters = Object.entries((data.SESSION_PARAMETERS ?? {}) as Record<string, unknown>).map(([n, value]) => ({ name: n, value }));
    const account = [...accountParameters].map(([n, value]) => ({ name: n, value }));
    const parameters = [...PARAMETERS.filter((p) => !sessionParameters.some((sp) => sp.name === p.name) && !accountParameters.has(p.name)), ...account, ...sessionParameters];
    sessions.set(token, { user: name, role: 'PUBLIC', warehouse: null, parameters });
    json(res, 200, {
      data: {
        masterToken: `ver:1-hint:master-${randomUUID()}`,
        token,
        validityInSeconds: 3600,
        masterValidityInSeconds: 14400,
        displayUserName: name,
        serverVersion: '9.0.0',
        firstLogin: false,
        remMeToken: null,
        remMeValidityInSeconds: 0,
        healthCheckInterval: 45,
        newClientForUpgrade: null,
        sessionId: Math.floor(Math.random() * 1e12),
        parameters,
        sessionInfo: { databaseName: null, schemaName: null, warehouseName: null, roleName: 'PUBLIC' },
        idToken: null,
        idTokenValidityInSeconds: 0,
        responseData: null,
        mfaToken: null,
        mfaTokenValidityInSeconds: 0,
      },
      code: null,
      message: null,
      success: true,
    });
  }

  function resultBody(queryId: string, result: Result, parameters: { name: string; value: unknown }[]) {
    const parts = Math.max(1, Math.ceil(result.rows.length / chunkRows));
    const chunks = [];
    const qrmk = parts > 1 ? (chunkKeys.get(queryId) ?? Buffer.from(randomUUID().replace(/-/g, '')).toString('base64')) : null;
    if (qrmk) chunkKeys.set(queryId, qrmk);
    const amzDate = new Date().toISOString().replace(/[-:]|\.\d{3}/g, '');
    for (let n = 0; n < parts - 1; n++) {
      const rows = result.rows.slice((n + 1) * chunkRows, (n + 2) * chunkRows);
      const text = rows.map((r) => JSON.stringify(r)).join(',');
      const signature = `${urlGeneration}-${createHash('sha256').update(`${queryId}/${n}/${urlGeneration}`).digest('hex')}`;
      const presigned = `X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=${amzDate}&X-Amz-Expires=21600&X-Amz-SignedHeaders=host&X-Amz-Signature=${signature}`;
      chunks.push({ url: `${url}/chunks/${queryId}/${n}?${presigned}`, rowCount: rows.length, uncompressedSize: Buffer.byteLength(text), compressedSize: gzipSync(Buffer.from(text)).length });
    }
    const chunkHeaders = qrmk
      ? { 'x-amz-server-side-encryption-customer-algorithm': 'AES256', 'x-amz-server-side-encryption-customer-key': qrmk, 'x-amz-server-side-encryption-customer-key-md5': createHash('md5').update(Buffer.from(qrmk, 'base64')).digest('base64') }
      : null;
    return {
      data: {
        parameters,
        rowtype: result.rowtype,
        rowset: result.rows.slice(0, chunkRows),
        total: result.rows.length,
        returned: result.rows.length,
        queryId,
        databaseProvider: null,
        finalDatabaseName: null,
        finalSchemaName: null,
        finalWarehouseName: null,
        finalRoleName: 'PUBLIC',
        numberOfBinds: 0,
        arrayBindSupported: false,
        statementTypeId: 4096,
        version: 1,
        sendResultTime: Date.now(),
        queryResultFormat: 'json',
        ...(chunks.length ? { chunks, chunkHeaders, qrmk } : {}),
      },
      code: null,
      message: null,
      success: true,
    };
  }

  function query(res: ServerResponse, session: SessionState, sqlText: string, binds: unknown[]): void {
    let result: Result;
    try {
      result = evaluate(session, sqlText, binds);
    } catch (error) {
      if (!(error instanceof SqlError)) throw error;
      return json(res, 200, { data: { sqlState: error.sqlState, queryId: randomUUID(), errorCode: error.code, age: 0, internalError: false }, code: error.code, message: error.message, success: false });
    }
    const queryId = randomUUID();
    results.set(queryId, result);
    if (slow > 0) {
      slow--;
      return json(res, 200, { data: { queryId, getResultUrl: `/queries/${queryId}/result`, queryAbortsAfterSecs: 300, progressDesc: null }, code: '333333', message: 'Query execution in progress', success: true });
    }
    json(res, 200, resultBody(queryId, result, session.parameters));
  }

  function database(name: string): Map<string, Map<string, FakeSnowflakeTable>> {
    const db = databases.get(name);
    if (!db) throw new SqlError('002003', `SQL compilation error:\nDatabase '${name}' does not exist or not authorized.`, '02000');
    return db;
  }

  function requireWarehouse(session: SessionState): void {
    if (!session.warehouse) {
      throw new SqlError('000606', "No active warehouse selected in the current session.  Select an active warehouse with the 'use warehouse' command.", '57P03');
    }
    if (warehouses.get(session.warehouse)?.suspended) {
      // A warehouse its resource monitor suspended (https://docs.snowflake.com/en/user-guide/resource-monitors): the
      // quota resets at the monitor's next interval. Error 000630 is NOT this: it is a statement timeout (below).
      throw new SqlError('090073', `Warehouse '${session.warehouse}' cannot be resumed because resource monitor 'INLET_RM' has exceeded its quota.`, '57P03');
    }
  }

  function evaluate(session: SessionState, sqlText: string, binds: unknown[]): Result {
    const c = new Cursor(tokenizeSnowflakeSql(sqlText));
    const ok: Result = { rowtype: [rowtypeOf('status', { rowtype: 'text', dataType: 'TEXT', precision: null, scale: null })], rows: [['Statement executed successfully.']] };
    if (c.keyword('USE')) {
      if (c.keyword('ROLE')) {
        const role = c.ident();
        if (!c.done()) c.unexpected();
        if (!roles.has(role)) throw new SqlError('002003', `SQL compilation error:\nRole '${role}' does not exist or not authorized.`, '02000');
        if (!users.get(session.user)?.roles.has(role)) throw new SqlError('003013', `SQL access control error:\nRequested role '${role}' is not assigned to the executing user. Specify another role to activate.`, '42501');
        session.role = role;
        return ok;
      }
      c.expectKeyword('WAREHOUSE');
      const name = c.ident();
      if (!c.done()) c.unexpected();
      const wh = warehouses.get(name);
      if (!wh || (wh.roles && !wh.roles.has(session.role))) throw new SqlError('002043', 'SQL compilation error:\nObject does not exist, or operation cannot be performed.', '02000');
      session.warehouse = name;
      return ok;
    }
    c.expectKeyword('SELECT');
    const validation = /^SELECT \(SELECT COUNT\(\*\) FROM ("(?:[^"]|"")+")\.INFORMATION_SCHEMA\.SCHEMATA WHERE SCHEMA_NAME = \?\) AS SCHEMAS, \(SELECT COUNT\(\*\) FROM ("(?:[^"]|"")+")\.INFORMATION_SCHEMA\.TABLES WHERE TABLE_SCHEMA = \?\) AS TABLES$/.exec(sqlText);
    if (validation) {
      requireWarehouse(session);
      const dbName = validation[1]!.slice(1, -1).replace(/""/g, '"');
      const db = database(dbName);
      const schema = db.get(String(binds[0]));
      const number = { rowtype: 'fixed', dataType: 'NUMBER', precision: 18, scale: 0 };
      return { rowtype: [rowtypeOf('SCHEMAS', number), rowtypeOf('TABLES', number)], rows: [[schema ? '1' : '0', String(db.get(String(binds[1]))?.size ?? 0)]] };
    }
    if (/INFORMATION_SCHEMA\.COLUMNS/.test(sqlText)) {
      requireWarehouse(session);
      const columns: string[] = [];
      do {
        const p = c.path();
        const name = p[p.length - 1]!;
        if (!(name in DISCOVERY_COLUMNS)) throw new SqlError('000904', `SQL compilation error: error line 1 at position 7\ninvalid identifier '${name}'`);
        columns.push(name);
      } while (c.punct(','));
      c.expectKeyword('FROM');
      const from = c.path();
      if (from.length !== 3 || from[1] !== 'INFORMATION_SCHEMA' || from[2] !== 'COLUMNS') c.unexpected();
      const db = database(from[0]!);
      const tables = db.get(String(binds[0]));
      const rows: (string | null)[][] = [];
      for (const table of [...(tables?.values() ?? [])].sort((a, b) => (a.name < b.name ? -1 : 1))) {
        table.columns.forEach((col, i) => {
          const t = parseSnowflakeType(col.type);
          const values: Record<string, unknown> = {
            TABLE_NAME: table.name,
            COLUMN_NAME: col.name,
            ORDINAL_POSITION: i + 1,
            IS_NULLABLE: col.nullable === false ? 'NO' : 'YES',
            DATA_TYPE: t.dataType,
            NUMERIC_PRECISION: t.dataType === 'NUMBER' ? t.precision : null,
            NUMERIC_SCALE: t.dataType === 'NUMBER' ? t.scale : null,
            TABLE_TYPE: table.kind ?? 'BASE TABLE',
            ROW_COUNT: table.kind === 'VIEW' ? null : table.rows.length,
            BYTES: table.kind === 'VIEW' ? null : 1024 * table.rows.length,
            CLUSTERING_KEY: table.clusteringKey ?? null,
          };
          rows.push(columns.map((name) => rawValue(DISCOVERY_COLUMNS[name]!, values[name])));
        });
      }
      return { rowtype: columns.map((name) => rowtypeOf(name, DISCOVERY_COLUMNS[name]!)), rows };
    }

    // SELECT "a", "b" FROM "db"."schema"."table" [WHERE "w" > ?] [ORDER BY "w"]
    const selected: string[] = [];
    do selected.push(c.ident());
    while (c.punct(','));
    c.expectKeyword('FROM');
    const from = c.path();
    if (from.length !== 3) throw new SqlError('090105', 'Cannot perform SELECT. This session does not have a current database. Call \'USE DATABASE\', or use a qualified name.', '22000');
    requireWarehouse(session);
    const schemas = database(from[0]!);
    const schema = schemas.get(from[1]!);
    if (!schema) throw new SqlError('002003', `SQL compilation error:\nSchema '${from[0]}.${from[1]}' does not exist or not authorized.`, '02000');
    const table = schema.get(from[2]!);
    if (!table) throw new SqlError('002003', `SQL compilation error:\nObject '${from.map((p) => `"${p}"`).join('.')}' does not exist or not authorized.`, '02000');
    const column = (name: string) => {
      const col = table.columns.find((x) => x.name === name);
      if (!col) throw new SqlError('000904', `SQL compilation error: error line 1 at position 7\ninvalid identifier '"${name}"'`);
      return { col, type: parseSnowflakeType(col.type) };
    };
    const columns = selected.map(column);
    let rows = table.rows;
    let bindIndex = 0;
    if (c.keyword('WHERE')) {
      const { col, type } = column(c.ident());
      c.expectPunct('>');
      // A bare bind (text, cast to the column's type with the session's input formats), or one converted with an
      // explicit format: TO_TIMESTAMP_TZ(?, 'YYYY-MM-DD"T"HH24:MI:SS.FF9TZH:TZM') / TO_DATE(?, 'YYYY-MM-DD').
      const fn = c.peek()?.kind === 'ident' ? c.ident() : null;
      if (fn && fn !== 'TO_TIMESTAMP_TZ' && fn !== 'TO_DATE') throw new SqlError('002140', `SQL compilation error:\nUnknown function ${fn}`);
      if (fn) c.expectPunct('(');
      c.expectPunct('?');
      let format: string | null = null;
      if (fn) {
        c.expectPunct(',');
        const literal = c.peek();
        if (!literal || literal.kind !== 'string') return c.unexpected();
        c.i++;
        format = literal.value;
        c.expectPunct(')');
      }
      if (bindIndex >= binds.length) throw new SqlError('002049', 'SQL compilation error: Bind variable ? not set.');
      const bound = String(binds[bindIndex++]);
      if (fn === 'TO_TIMESTAMP_TZ' && !(format === 'YYYY-MM-DD"T"HH24:MI:SS.FF9TZH:TZM' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{9}[+-]\d{2}:\d{2}$/.test(bound))) {
        throw new SqlError('100035', `Timestamp '${bound}' is not recognized`, '22007');
      }
      if (fn === 'TO_DATE' && !(format === 'YYYY-MM-DD' && /^\d{4}-\d{2}-\d{2}$/.test(bound))) throw new SqlError('100040', `Date '${bound}' is not recognized`, '22007');
      const inputFormat = accountParameters.get('TIMESTAMP_INPUT_FORMAT') ?? 'AUTO';
      if (!fn && type.rowtype.startsWith('timestamp') && inputFormat !== 'AUTO') {
        // Only the fake's one non-AUTO format is understood: DD/MM/YYYY HH24:MI:SS.
        if (inputFormat !== 'DD/MM/YYYY HH24:MI:SS' || !/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}$/.test(bound)) throw new SqlError('100035', `Timestamp '${bound}' is not recognized`, '22007');
      }
      const after = sortKey(type, bound);
      rows = rows.filter((r) => {
        const key = sortKey(type, r[col.name]);
        return key !== null && compare(key, after) > 0;
      });
    }
    if (c.keyword('ORDER')) {
      c.expectKeyword('BY');
      const { col, type } = column(c.ident());
      rows = [...rows].sort((a, b) => compare(sortKey(type, a[col.name]), sortKey(type, b[col.name])));
    }
    if (!c.done()) c.unexpected();
    // STATEMENT_TIMEOUT_IN_SECONDS (https://docs.snowflake.com/en/sql-reference/parameters#statement-timeout-in-seconds):
    // the statement is canceled with 000630 / SQLSTATE 57014 and its warehouse time is billed; running it again the
    // same way times out again.
    const timeout = timeouts.get(session.warehouse!);
    if (timeout && rows.length > timeout.rows) {
      throw new SqlError('000630', `Statement reached its statement or warehouse timeout of ${timeout.seconds} second(s) and was canceled.`, '57014');
    }
    return {
      rowtype: columns.map(({ col, type }) => rowtypeOf(col.name, type, col.nullable !== false, table.name)),
      rows: rows.map((r) => columns.map(({ col, type }) => rawValue(type, r[col.name]))),
    };
  }

  const fake: FakeSnowflake = {
    url,
    account,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
    addUser(name, auth) {
      if (auth.type === 'SERVICE' && auth.password !== undefined) throw new Error('fake-snowflake: a SERVICE user cannot have a PASSWORD');
      users.set(name.toUpperCase(), {
        type: auth.type ?? 'PERSON',
        tokens: auth.tokens ?? [],
        password: auth.password,
        publicKey: auth.publicKey === undefined ? undefined : typeof auth.publicKey === 'string' ? createPublicKey(auth.publicKey) : auth.publicKey,
        roles: new Set(['PUBLIC', ...(auth.roles ?? [])]),
      });
    },
    addRole(name) {
      roles.add(name);
    },
    addWarehouse(name, opts = {}) {
      warehouses.set(name, { roles: opts.roles ? new Set(opts.roles) : null, suspended: opts.suspended ?? false });
    },
    suspendWarehouse(name, suspended = true) {
      const wh = warehouses.get(name);
      if (wh) wh.suspended = suspended;
    },
    addDatabase(name, schemas = []) {
      if (!databases.has(name)) databases.set(name, new Map());
      for (const s of schemas) if (!databases.get(name)!.has(s)) databases.get(name)!.set(s, new Map());
    },
    putTable(db, schema, table) {
      fake.addDatabase(db, [schema]);
      for (const col of table.columns) parseSnowflakeType(col.type);
      databases.get(db)!.get(schema)!.set(table.name, table);
    },
    setChunkRows(rows) {
      chunkRows = rows;
    },
    failNext(failure, opts = {}) {
      failures = { failure, route: opts.route, count: opts.count ?? 1, after: opts.after ?? 0 };
    },
    slowQueries(count) {
      slow = count;
    },
    setAccountParameter(name, value) {
      accountParameters.set(name.toUpperCase(), value);
    },
    expireChunkUrls() {
      validFrom = ++urlGeneration;
    },
    statementTimeout(warehouse, rows, seconds = 3600) {
      if (rows === null) timeouts.delete(warehouse);
      else timeouts.set(warehouse, { rows, seconds });
    },
    requests: {
      log,
      get queries() {
        return log.filter((r) => r.route === 'query').map((r) => ({ sqlText: r.sqlText ?? '', bindings: (r.bindings ?? []).map((b) => b.value) }));
      },
      get logins() {
        return log.filter((r) => r.route === 'login').length;
      },
      get chunks() {
        return log.filter((r) => r.route === 'chunk').length;
      },
      reset() {
        log.length = 0;
      },
    },
  };
  return fake;
}

/** An S3 error, as cloud storage answers a chunk request: XML, `application/xml`. */
function s3Error(res: ServerResponse, status: number, code: string, message: string): void {
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>${randomUUID().slice(0, 16).toUpperCase()}</RequestId></Error>`;
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': String(Buffer.byteLength(text)) });
  res.end(text);
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) });
  res.end(text);
}

/** Request bodies: JSON, gzipped when the driver managed to compress them in time (it sets Content-Encoding either way). */
async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  let buffer = Buffer.concat(chunks);
  if (buffer.length === 0) return {};
  if (buffer[0] === 0x1f && buffer[1] === 0x8b) buffer = gunzipSync(buffer);
  return JSON.parse(buffer.toString('utf8')) as Record<string, unknown>;
}

/** A throwaway RSA key pair for key-pair authentication: the PKCS#8 PEM (encrypted with `passphrase` when given). */
export function makeSnowflakeKeyPair(passphrase?: string): { privateKeyPem: string; publicKey: KeyObject } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privateKeyPem = passphrase
    ? privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase }).toString()
    : privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return { privateKeyPem, publicKey };
}
