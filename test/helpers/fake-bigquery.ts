/**
 * A stand-in for Google BigQuery, in process, for tests. It follows the documented REST API v2
 * (https://cloud.google.com/bigquery/docs/reference/rest): datasets.get, tables.list, tables.get, jobs.query and
 * jobs.getQueryResults with pageToken/maxResults, rows in the `f`/`v` form with every scalar as a string, TIMESTAMP as
 * float seconds or, with `formatOptions.useInt64Timestamp`, int64 microseconds, and the error body
 * `{ error: { code, message, errors: [{ reason }] } }`. Tokens come from the OAuth2 token endpoint of the
 * service-account JWT-bearer grant (https://developers.google.com/identity/protocols/oauth2/service-account#httprest),
 * served here at `/token` (the test key's `token_uri`).
 *
 * The SQL it evaluates is only what Inlet's BigQuery connector sends: the INFORMATION_SCHEMA discovery query and
 * `SELECT <col> AS c0, … FROM \`p\`.\`d\`.\`t\` [WHERE <col> > @after] [ORDER BY <col>]`. It is tokenized like GoogleSQL
 * (backtick identifiers with backslash escapes), so a test can check that a strange name stayed one identifier.
 * Anything else answers 400 invalidQuery; any other route answers 501, so a new call shows up as a failing test.
 *
 * Failure modes of the real service it reproduces (issue 21), each following the documents named:
 * - errors by `reason` (https://cloud.google.com/bigquery/docs/error-messages): `limits({ sortRows })` makes an
 *   ORDER BY over more rows than that fail with 400 resourcesExceeded ("Resources exceeded during query execution …
 *   ORDER BY operations"), `limits({ responseRows })` makes a query whose result has more rows fail with 403
 *   responseTooLarge (the ~10 GB compressed maximum response size of https://cloud.google.com/bigquery/quotas#query_jobs,
 *   which does not apply to tabledata.list); `failNext(status, { reason })` answers any other documented reason;
 * - a successful answer that still carries `errors[]` (QueryResponse.errors: "the first errors or warnings encountered
 *   during the running of the job … do not necessarily mean that the job has completed or was unsuccessful"): `warnNext`;
 * - tabledata.list (`GET …/tables/t/data` with maxResults, pageToken, selectedFields, formatOptions.useInt64Timestamp):
 *   rows in the table's schema order restricted to the selected fields, as the client's mergeSchemaWithRows_ reads them
 *   (node_modules/@google-cloud/bigquery/build/src/bigquery.js); views answer 400 invalid;
 * - `requirePartitionFilter` (https://cloud.google.com/bigquery/docs/managing-partitioned-tables#require-filter): the
 *   table resource carries the flag, INFORMATION_SCHEMA.TABLE_OPTIONS has `require_partition_filter` = 'true', and a
 *   query without a predicate on the partitioning column answers 400 invalidQuery "Cannot query over table … without
 *   a filter over column(s) … that can be used for partition elimination".
 */
import { randomUUID, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fakeTokenEndpoint, json, readBody } from './fake-google-token.js';

export { makeServiceAccountKey as makeBigQueryKey, type ServiceAccountKeyFile as BigQueryKeyFile } from './fake-google-token.js';

/** A column as a test defines it: `type` is GoogleSQL (`INT64`, `NUMERIC(38, 9)`, `STRUCT<a INT64, b ARRAY<STRING>>`). */
export interface FakeBigQueryColumn {
  name: string;
  type: string;
  nullable?: boolean;
}

export interface FakeBigQueryTable {
  name: string;
  kind?: 'TABLE' | 'VIEW';
  columns: FakeBigQueryColumn[];
  /** A column name (time-unit or integer-range partitioning), or INGESTION_TIME (pseudo columns _PARTITIONTIME/_PARTITIONDATE). */
  partitioning?: { column: string } | 'INGESTION_TIME';
  clusteredBy?: string[];
  /** Rows by column name: numbers/bigints/strings for INT64, strings for NUMERIC, ISO text for TIMESTAMP, objects and arrays for STRUCT/ARRAY. */
  rows: Record<string, unknown>[];
  /** What tables.get reports as numBytes (default: the JSON size of the rows), to stand for a large table. */
  numBytes?: number;
  /** Queries must filter on the partitioning column (the table option require_partition_filter). */
  requirePartitionFilter?: boolean;
}

export interface FakeBigQueryRequest {
  kind: 'token' | 'api';
  /** datasets.get, tables.list, tables.get, jobs.query, jobs.getQueryResults, token */
  route: string;
  method: string;
  path: string;
  query: Record<string, string>;
  body?: Record<string, unknown>;
  status: number;
}

export interface FakeBigQueryQuery {
  sql: string;
  parameters: { name: string; type: string; value: string }[];
  dryRun: boolean;
  maxResults: number | undefined;
  useInt64Timestamp: boolean;
  /** Rows in the partitions the query had to scan (after partition pruning), for a table read. */
  scannedRows?: number;
  /** Rows the query sorted (ORDER BY), for a table read. */
  sortedRows?: number;
}

export interface FakeBigQuery {
  /** Base URL to use as the connector's test endpoint. */
  url: string;
  /** Where a key from `makeBigQueryKey` sends its JWT grant. */
  tokenUri: string;
  close(): Promise<void>;
  createDataset(projectId: string, datasetId: string, location?: string): void;
  deleteDataset(projectId: string, datasetId: string): void;
  putTable(projectId: string, datasetId: string, table: FakeBigQueryTable): void;
  /** Deny a permission (e.g. `bigquery.tables.list`, `bigquery.jobs.create`) to every caller: 403 accessDenied. */
  deny(permission: string): void;
  /** Lift a `deny`. */
  allow(permission: string): void;
  /** Answer the token grant for this client_email with 400 invalid_grant, as Google does for a deleted key. */
  revoke(clientEmail: string): void;
  trustKey(clientEmail: string, publicKey: KeyObject | string): void;
  /** The next `count` API requests (of `route`, or any) answer `status` with `reason` before touching any data. */
  failNext(status: number, options?: { reason?: string; count?: number; route?: string }): void;
  /** The next `count` jobs.query calls answer jobComplete=false (the client must poll jobs.getQueryResults). */
  delayJobs(count: number): void;
  /** Query limits (unset: none): an ORDER BY over more rows fails with resourcesExceeded, a larger result with responseTooLarge. */
  limits(options: { sortRows?: number; responseRows?: number }): void;
  /** The next successful jobs.query / jobs.getQueryResults answer carries these non-fatal `errors[]` entries. */
  warnNext(errors?: { reason: string; message: string }[]): void;
  requests: {
    log: FakeBigQueryRequest[];
    /** The queries received (jobs.query), with their parameters. */
    queries: FakeBigQueryQuery[];
    /** API requests (token grants not counted). */
    readonly count: number;
    readonly tokens: number;
    reset(): void;
  };
}

// ---------------------------------------------------------------------------------------------------------------------
// Types

interface TypeNode {
  base: string; // INT64, FLOAT64, NUMERIC, BIGNUMERIC, BOOL, STRING, BYTES, DATE, DATETIME, TIME, TIMESTAMP, JSON, GEOGRAPHY, STRUCT, ARRAY, …
  fields?: { name: string; type: TypeNode }[];
  element?: TypeNode;
}

/** Parses GoogleSQL type text: `STRUCT<a INT64, b ARRAY<STRUCT<c STRING>>>`, `NUMERIC(38, 9)`. */
export function parseBigQueryType(text: string): TypeNode {
  let i = 0;
  const s = text.trim();
  const skip = () => {
    while (s[i] === ' ') i++;
  };
  const word = () => {
    skip();
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(i));
    if (!m) throw new Error(`bad type ${text} at ${i}`);
    i += m[0].length;
    return m[0];
  };
  const parse = (): TypeNode => {
    const base = word().toUpperCase();
    skip();
    if (s[i] === '(') {
      const close = s.indexOf(')', i);
      i = close + 1;
    }
    if (base === 'ARRAY') {
      skip();
      i++; // <
      const element = parse();
      skip();
      i++; // >
      return { base, element };
    }
    if (base === 'STRUCT') {
      skip();
      i++; // <
      const fields: { name: string; type: TypeNode }[] = [];
      for (;;) {
        const name = word();
        fields.push({ name, type: parse() });
        skip();
        if (s[i] === ',') {
          i++;
          continue;
        }
        i++; // >
        break;
      }
      return { base, fields };
    }
    if (base === 'RANGE') {
      skip();
      i++;
      parse();
      skip();
      i++;
    }
    return { base };
  };
  return parse();
}

const LEGACY: Record<string, string> = { INT64: 'INTEGER', FLOAT64: 'FLOAT', BOOL: 'BOOLEAN', STRUCT: 'RECORD' };

interface RestField {
  name: string;
  type: string;
  mode: string;
  fields?: RestField[];
}

/** The REST schema field of a type (legacy names; ARRAY<X> is X REPEATED). */
function restField(name: string, type: TypeNode, nullable = true): RestField {
  if (type.base === 'ARRAY') return { ...restField(name, type.element!), mode: 'REPEATED' };
  const field: RestField = { name, type: LEGACY[type.base] ?? type.base, mode: nullable ? 'NULLABLE' : 'REQUIRED' };
  if (type.fields) field.fields = type.fields.map((f) => restField(f.name, f.type));
  return field;
}

/** Microseconds since the epoch of ISO text (`2024-01-01T00:00:00.123456Z`, `2024-01-01 00:00:00+05:30`), exact. */
/** Microseconds since the epoch truncated to the start of their UTC hour, day, month or year (TIMESTAMP_TRUNC). */
function truncateMicros(micros: bigint, unit: string): bigint {
  const d = new Date(Number(micros / 1000n));
  const parts = [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours()] as const;
  const keep = { YEAR: 1, MONTH: 2, DAY: 3, HOUR: 4 }[unit];
  if (!keep) throw new SqlError(`fake-bigquery: TIMESTAMP_TRUNC to ${unit} is not supported here`);
  const [y, m, day, h] = parts;
  return BigInt(Date.UTC(y, keep > 1 ? m : 0, keep > 2 ? day : 1, keep > 3 ? h : 0)) * 1000n;
}

export function isoToMicros(text: string): bigint {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i.exec(text.trim());
  if (!m) throw new Error(`fake-bigquery: not a timestamp: ${text}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0));
  let offset = 0;
  if (m[8] && m[8].toUpperCase() !== 'Z') {
    const digits = m[8].slice(1).replace(':', '');
    offset = (m[8][0] === '-' ? -1 : 1) * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0));
  }
  const micros = BigInt((m[7] ?? '').padEnd(6, '0').slice(0, 6) || '0');
  return BigInt(ms - offset * 60_000) * 1000n + micros;
}

function formatFloat(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return 'Infinity';
  if (n === -Infinity) return '-Infinity';
  return String(n);
}

/** A JS value to the REST `v` of a cell of `type`. */
function restValue(type: TypeNode, value: unknown, int64Timestamps: boolean): unknown {
  if (type.base === 'ARRAY') {
    const items = Array.isArray(value) ? value : [];
    return items.map((item) => ({ v: restValue(type.element!, item, int64Timestamps) }));
  }
  if (value === null || value === undefined) return null;
  switch (type.base) {
    case 'STRUCT': {
      const o = value as Record<string, unknown>;
      return { f: type.fields!.map((f) => ({ v: restValue(f.type, o[f.name], int64Timestamps) })) };
    }
    case 'INT64':
    case 'NUMERIC':
    case 'BIGNUMERIC':
      return String(value);
    case 'FLOAT64':
      return typeof value === 'number' ? formatFloat(value) : String(value);
    case 'BOOL':
      return value ? 'true' : 'false';
    case 'BYTES':
      return Buffer.isBuffer(value) ? value.toString('base64') : String(value);
    case 'JSON':
      return typeof value === 'string' ? value : JSON.stringify(value);
    case 'TIMESTAMP': {
      const micros = isoToMicros(value instanceof Date ? value.toISOString() : String(value));
      if (int64Timestamps) return micros.toString();
      // The REST default: float seconds in scientific notation, e.g. 1.7040672E9.
      return (Number(micros) / 1e6).toExponential().replace('e+', 'E').replace('e-', 'E-');
    }
    default:
      return String(value);
  }
}

/** A value for WHERE/ORDER BY comparisons. */
function sortKey(type: TypeNode, value: unknown): bigint | number | string | null {
  if (value === null || value === undefined) return null;
  switch (type.base) {
    case 'INT64':
      return BigInt(value as string | number | bigint);
    case 'FLOAT64':
    case 'NUMERIC':
    case 'BIGNUMERIC':
      return Number(value);
    case 'TIMESTAMP':
      return isoToMicros(value instanceof Date ? value.toISOString() : String(value));
    case 'DATETIME': {
      const t = String(value).replace('T', ' ');
      const [date, time = '00:00:00'] = t.split(' ');
      const [hms, frac = ''] = time!.split('.');
      return `${date} ${hms!.length === 5 ? hms + ':00' : hms}.${frac.padEnd(6, '0')}`;
    }
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

type Token = { kind: 'ident'; value: string; quoted: boolean } | { kind: 'param'; value: string } | { kind: 'punct'; value: string } | { kind: 'number'; value: string };

/** GoogleSQL tokens: backtick identifiers (backslash escapes), words, numbers, @params, punctuation. */
export function tokenizeGoogleSql(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '`') {
      let value = '';
      i++;
      for (;;) {
        if (i >= sql.length) throw new Error('Syntax error: Unclosed identifier literal');
        const ch = sql[i]!;
        if (ch === '\\') {
          const next = sql[i + 1]!;
          if (next === 'u') {
            value += String.fromCharCode(parseInt(sql.slice(i + 2, i + 6), 16));
            i += 6;
          } else {
            value += next === 'n' ? '\n' : next === 't' ? '\t' : next;
            i += 2;
          }
        } else if (ch === '`') {
          i++;
          break;
        } else {
          value += ch;
          i++;
        }
      }
      tokens.push({ kind: 'ident', value, quoted: true });
    } else if (c === '@') {
      const m = /^@([A-Za-z_][A-Za-z0-9_]*)/.exec(sql.slice(i))!;
      tokens.push({ kind: 'param', value: m[1]! });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(i))!;
      tokens.push({ kind: 'ident', value: m[0], quoted: false });
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

class SqlError extends Error {}

class Cursor {
  i = 0;
  constructor(readonly tokens: Token[]) {}
  peek(offset = 0): Token | undefined {
    return this.tokens[this.i + offset];
  }
  done(): boolean {
    return this.i >= this.tokens.length;
  }
  keyword(word: string): boolean {
    const t = this.peek();
    if (t?.kind === 'ident' && !t.quoted && t.value.toUpperCase() === word) {
      this.i++;
      return true;
    }
    return false;
  }
  expectKeyword(word: string): void {
    if (!this.keyword(word)) throw new SqlError(`Syntax error: Expected keyword ${word} but got ${JSON.stringify(this.peek()?.value ?? 'end of input')}`);
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
    if (!this.punct(p)) throw new SqlError(`Syntax error: Expected "${p}" but got ${JSON.stringify(this.peek()?.value ?? 'end of input')}`);
  }
  ident(): string {
    const t = this.peek();
    if (t?.kind !== 'ident') throw new SqlError(`Syntax error: Unexpected ${JSON.stringify(t?.value ?? 'end of input')}`);
    this.i++;
    return t.value;
  }
  /** A dotted path: `a`.`b`.c → ['a', 'b', 'c']. */
  path(): string[] {
    const parts = [this.ident()];
    while (this.punct('.')) parts.push(this.ident());
    return parts;
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// Server

interface Dataset {
  projectId: string;
  datasetId: string;
  location: string;
  tables: Map<string, FakeBigQueryTable>;
}

interface Job {
  id: string;
  location: string;
  schema: { fields: RestField[] };
  rows: { f: { v: unknown }[] }[];
  pendingPolls: number;
}

const DISCOVERY_COLUMNS: Record<string, string> = {
  table_name: 'STRING',
  column_name: 'STRING',
  ordinal_position: 'INTEGER',
  is_nullable: 'STRING',
  data_type: 'STRING',
  is_hidden: 'STRING',
  is_system_defined: 'STRING',
  is_partitioning_column: 'STRING',
  clustering_ordinal_position: 'INTEGER',
  table_type: 'STRING',
  /** INFORMATION_SCHEMA.TABLE_OPTIONS.option_value, joined on option_name = 'require_partition_filter'. */
  option_value: 'STRING',
};

/** Starts a fake BigQuery (REST API v2 plus token endpoint) on a free loopback port. */
export async function startFakeBigQuery(): Promise<FakeBigQuery> {
  const datasets = new Map<string, Dataset>();
  const denied = new Set<string>();
  const jobs = new Map<string, Job>();
  const log: FakeBigQueryRequest[] = [];
  const queries: FakeBigQueryQuery[] = [];
  let failures: { status: number; reason: string; count: number; route?: string } | null = null;
  let delayedJobs = 0;
  let limits: { sortRows?: number; responseRows?: number } = {};
  let warnings: { reason: string; message: string }[] | null = null;
  /** Adds the pending non-fatal errors[] to a successful query answer. */
  const withWarnings = <T extends object>(body: T): T => {
    if (!warnings) return body;
    const errors = warnings;
    warnings = null;
    return { ...body, errors };
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) apiError(res, 500, 'internalError', String(error));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const tokenUri = `${url}/token`;
  const auth = fakeTokenEndpoint(tokenUri, { scope: 'bigquery' });

  function routeOf(method: string, path: string): { route: string; params: string[] } | null {
    const routes: [string, string, RegExp][] = [
      ['GET', 'datasets.get', /^\/bigquery\/v2\/projects\/([^/]+)\/datasets\/([^/]+)$/],
      ['GET', 'tables.list', /^\/bigquery\/v2\/projects\/([^/]+)\/datasets\/([^/]+)\/tables$/],
      ['GET', 'tables.get', /^\/bigquery\/v2\/projects\/([^/]+)\/datasets\/([^/]+)\/tables\/([^/]+)$/],
      ['GET', 'tabledata.list', /^\/bigquery\/v2\/projects\/([^/]+)\/datasets\/([^/]+)\/tables\/([^/]+)\/data$/],
      ['POST', 'jobs.query', /^\/bigquery\/v2\/projects\/([^/]+)\/queries$/],
      ['GET', 'jobs.getQueryResults', /^\/bigquery\/v2\/projects\/([^/]+)\/queries\/([^/]+)$/],
    ];
    for (const [m, route, re] of routes) {
      const match = re.exec(path);
      if (match && m === method) return { route, params: match.slice(1).map(decodeURIComponent) };
    }
    return null;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const parsed = new URL(req.url ?? '/', url);
    const query = Object.fromEntries(parsed.searchParams);
    const method = req.method ?? 'GET';
    const found = parsed.pathname === '/token' ? { route: 'token', params: [] } : routeOf(method, parsed.pathname);
    const entry: FakeBigQueryRequest = { kind: parsed.pathname === '/token' ? 'token' : 'api', route: found?.route ?? 'unknown', method, path: parsed.pathname, query, status: 0 };
    log.push(entry);
    res.on('finish', () => (entry.status = res.statusCode));

    if (entry.kind === 'token') return auth.handle(req, res);
    if (!found) return apiError(res, 501, 'notImplemented', `fake-bigquery does not serve ${method} ${parsed.pathname}`);
    const bodyText = method === 'POST' ? await readBody(req) : '';
    const body = bodyText ? (JSON.parse(bodyText) as Record<string, unknown>) : undefined;
    entry.body = body;

    if (failures && failures.count > 0 && (!failures.route || failures.route === found.route)) {
      failures.count--;
      return apiError(res, failures.status, failures.reason, `Injected failure (${failures.reason})`);
    }
    const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer || !auth.clientEmailOf(bearer)) return apiError(res, 401, 'authError', 'Request is missing required authentication credential.');

    const [projectId, second, third] = found.params as [string, string, string | undefined];
    switch (found.route) {
      case 'datasets.get': {
        const ds = datasets.get(`${projectId}:${second}`);
        if (denied.has('bigquery.datasets.get')) return accessDenied(res, `Dataset ${projectId}:${second}`, 'bigquery.datasets.get');
        if (!ds) return apiError(res, 404, 'notFound', `Not found: Dataset ${projectId}:${second}`);
        return json(res, 200, { kind: 'bigquery#dataset', id: `${projectId}:${second}`, datasetReference: { projectId, datasetId: second }, location: ds.location });
      }
      case 'tables.list': {
        const ds = datasets.get(`${projectId}:${second}`);
        if (!ds) return apiError(res, 404, 'notFound', `Not found: Dataset ${projectId}:${second}`);
        if (denied.has('bigquery.tables.list')) return accessDenied(res, `Dataset ${projectId}:${second}`, 'bigquery.tables.list');
        const names = [...ds.tables.keys()].sort();
        const max = Number(query.maxResults ?? 1000) || 1000;
        const start = query.pageToken ? Number(Buffer.from(query.pageToken, 'base64url').toString()) : 0;
        const page = names.slice(start, start + max);
        return json(res, 200, {
          kind: 'bigquery#tableList',
          totalItems: names.length,
          tables: page.map((name) => ({ kind: 'bigquery#table', id: `${projectId}:${second}.${name}`, tableReference: { projectId, datasetId: second, tableId: name }, type: ds.tables.get(name)!.kind ?? 'TABLE' })),
          ...(start + max < names.length ? { nextPageToken: Buffer.from(String(start + max)).toString('base64url') } : {}),
        });
      }
      case 'tables.get': {
        const ds = datasets.get(`${projectId}:${second}`);
        if (!ds) return apiError(res, 404, 'notFound', `Not found: Dataset ${projectId}:${second}`);
        if (denied.has('bigquery.tables.get')) return accessDenied(res, `Table ${projectId}:${second}.${third}`, 'bigquery.tables.get');
        const table = ds.tables.get(third!);
        if (!table) return apiError(res, 404, 'notFound', `Not found: Table ${projectId}:${second}.${third}`);
        return json(res, 200, tableResource(projectId, second, table));
      }
      case 'jobs.query':
        return runQuery(res, projectId, body ?? {});
      case 'tabledata.list': {
        const ds = datasets.get(`${projectId}:${second}`);
        if (!ds) return apiError(res, 404, 'notFound', `Not found: Dataset ${projectId}:${second}`);
        if (denied.has('bigquery.tables.getData')) return accessDenied(res, `Table ${projectId}:${second}.${third}`, 'bigquery.tables.getData');
        const table = ds.tables.get(third!);
        if (!table) return apiError(res, 404, 'notFound', `Not found: Table ${projectId}:${second}.${third}`);
        if ((table.kind ?? 'TABLE') !== 'TABLE') return apiError(res, 400, 'invalid', `Cannot list a table of type ${table.kind}.`);
        const wanted = query.selectedFields ? query.selectedFields.split(',') : null;
        const columns = table.columns.filter((col) => !wanted || wanted.some((w) => w.toLowerCase() === col.name.toLowerCase()));
        const int64 = query['formatOptions.useInt64Timestamp'] === 'true';
        const start = query.pageToken ? Number(Buffer.from(query.pageToken, 'base64url').toString()) : Number(query.startIndex ?? 0);
        const max = Number(query.maxResults ?? 100_000) || 100_000;
        const rows = table.rows.slice(start, start + max).map((r) => ({ f: columns.map((col) => ({ v: restValue(parseBigQueryType(col.type), r[col.name], int64) })) }));
        return json(res, 200, {
          kind: 'bigquery#tableDataList',
          etag: randomUUID(),
          totalRows: String(table.rows.length),
          ...(rows.length ? { rows } : {}),
          ...(start + max < table.rows.length ? { pageToken: Buffer.from(String(start + max)).toString('base64url') } : {}),
        });
      }
      case 'jobs.getQueryResults': {
        const job = jobs.get(second);
        if (!job) return apiError(res, 404, 'notFound', `Not found: Job ${projectId}:${second}`);
        if (job.pendingPolls > 0) {
          job.pendingPolls--;
          return json(res, 200, { kind: 'bigquery#getQueryResultsResponse', jobReference: { projectId, jobId: job.id, location: job.location }, jobComplete: false });
        }
        return json(res, 200, withWarnings(page(projectId, job, query.maxResults ? Number(query.maxResults) : undefined, query.pageToken, 'bigquery#getQueryResultsResponse')));
      }
    }
    return apiError(res, 501, 'notImplemented', 'unreachable');
  }

  function tableResource(projectId: string, datasetId: string, table: FakeBigQueryTable) {
    const resource: Record<string, unknown> = {
      kind: 'bigquery#table',
      id: `${projectId}:${datasetId}.${table.name}`,
      tableReference: { projectId, datasetId, tableId: table.name },
      type: table.kind ?? 'TABLE',
      schema: { fields: table.columns.map((c) => restField(c.name, parseBigQueryType(c.type), c.nullable !== false)) },
    };
    if ((table.kind ?? 'TABLE') === 'TABLE') {
      resource.numRows = String(table.rows.length);
      resource.numBytes = String(table.numBytes ?? Buffer.byteLength(JSON.stringify(table.rows, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))));
    }
    if (table.requirePartitionFilter) resource.requirePartitionFilter = true;
    if (table.partitioning === 'INGESTION_TIME') resource.timePartitioning = { type: 'DAY' };
    else if (table.partitioning) resource.timePartitioning = { type: 'DAY', field: table.partitioning.column };
    if (table.clusteredBy) resource.clustering = { fields: table.clusteredBy };
    return resource;
  }

  function page(projectId: string, job: Job, maxResults: number | undefined, pageToken: string | undefined, kind: string) {
    const start = pageToken ? Number(Buffer.from(pageToken, 'base64url').toString()) : 0;
    const max = maxResults && maxResults > 0 ? maxResults : 100_000;
    const rows = job.rows.slice(start, start + max);
    return {
      kind,
      schema: job.schema,
      jobReference: { projectId, jobId: job.id, location: job.location },
      totalRows: String(job.rows.length),
      ...(rows.length ? { rows } : {}),
      ...(start + max < job.rows.length ? { pageToken: Buffer.from(String(start + max)).toString('base64url') } : {}),
      jobComplete: true,
      cacheHit: false,
    };
  }

  function runQuery(res: ServerResponse, projectId: string, body: Record<string, unknown>): void {
    const sql = String(body.query ?? '');
    const parameters = ((body.queryParameters as { name: string; parameterType: { type: string }; parameterValue: { value: string } }[]) ?? []).map((p) => ({
      name: p.name,
      type: p.parameterType.type,
      value: p.parameterValue.value,
    }));
    const int64Timestamps = Boolean((body.formatOptions as { useInt64Timestamp?: boolean } | undefined)?.useInt64Timestamp);
    const query: FakeBigQueryQuery = { sql, parameters, dryRun: body.dryRun === true, maxResults: body.maxResults as number | undefined, useInt64Timestamp: int64Timestamps };
    queries.push(query);
    if (denied.has('bigquery.jobs.create')) {
      return apiError(res, 403, 'accessDenied', `Access Denied: Project ${projectId}: User does not have bigquery.jobs.create permission in project ${projectId}.`);
    }
    if (body.useLegacySql !== false) return apiError(res, 400, 'invalidQuery', 'fake-bigquery only evaluates GoogleSQL (useLegacySql: false)');
    let result: { schema: { fields: RestField[] }; rows: { f: { v: unknown }[] }[]; dataset: Dataset; scanned?: number; sorted?: number };
    try {
      result = evaluate(sql, parameters, int64Timestamps);
      query.scannedRows = result.scanned;
      query.sortedRows = result.sorted;
    } catch (error) {
      if (error instanceof NotFound) return apiError(res, 404, 'notFound', error.message);
      if (error instanceof Denied) return apiError(res, 403, 'accessDenied', error.message);
      if (error instanceof SqlError) return apiError(res, 400, 'invalidQuery', error.message);
      throw error;
    }
    const location = typeof body.location === 'string' ? body.location : result.dataset.location;
    if (location.toLowerCase() !== result.dataset.location.toLowerCase()) {
      return apiError(res, 404, 'notFound', `Not found: Dataset ${result.dataset.projectId}:${result.dataset.datasetId} was not found in location ${location}`);
    }
    if (body.dryRun === true) {
      return json(res, 200, { kind: 'bigquery#queryResponse', schema: result.schema, jobComplete: true, totalBytesProcessed: '10485760', cacheHit: false });
    }
    // The job fails as a whole, as BigQuery's do: jobs.query answers the error (the client never sees a row).
    if (limits.sortRows !== undefined && (result.sorted ?? 0) > limits.sortRows) {
      return apiError(res, 400, 'resourcesExceeded', 'Resources exceeded during query execution: The query could not be executed in the allotted memory. Peak usage: 143% of limit.\nTop memory consumer(s):\n  ORDER BY operations: 99%\n  other/unattributed: 1%\n');
    }
    if (limits.responseRows !== undefined && result.rows.length > limits.responseRows) {
      return apiError(res, 403, 'responseTooLarge', 'Response too large to return. Consider specifying a destination table in your job configuration. For more details, see https://cloud.google.com/bigquery/troubleshooting-errors');
    }
    const job: Job = { id: `job_${randomUUID().replace(/-/g, '')}`, location: result.dataset.location, schema: result.schema, rows: result.rows, pendingPolls: 0 };
    jobs.set(job.id, job);
    if (delayedJobs > 0) {
      delayedJobs--;
      job.pendingPolls = 1;
      return json(res, 200, { kind: 'bigquery#queryResponse', jobReference: { projectId, jobId: job.id, location: job.location }, jobComplete: false });
    }
    return json(res, 200, withWarnings(page(projectId, job, body.maxResults as number | undefined, undefined, 'bigquery#queryResponse')));
  }

  class NotFound extends Error {}
  class Denied extends Error {}

  function datasetOf(path: string[]): Dataset {
    if (path.length < 2) throw new SqlError(`Syntax error: table name ${path.join('.')} missing dataset`);
    const ds = datasets.get(`${path[0]}:${path[1]}`);
    if (!ds) throw new NotFound(`Not found: Dataset ${path[0]}:${path[1]} was not found in location US`);
    return ds;
  }

  /** Evaluates the two statement shapes the connector sends; anything else is a SqlError. */
  function evaluate(sql: string, parameters: { name: string; type: string; value: string }[], int64Timestamps: boolean) {
    const c = new Cursor(tokenizeGoogleSql(sql));
    c.expectKeyword('SELECT');
    if (/INFORMATION_SCHEMA\.COLUMNS/i.test(sql)) {
      // SELECT c.x, …, t.table_type FROM `p`.`d`.INFORMATION_SCHEMA.COLUMNS AS c JOIN `p`.`d`.INFORMATION_SCHEMA.TABLES AS t USING (table_name) ORDER BY …
      const columns: string[] = [];
      do {
        const p = c.path();
        const name = p[p.length - 1]!.toLowerCase();
        if (!(name in DISCOVERY_COLUMNS)) throw new SqlError(`Unrecognized name: ${name}`);
        columns.push(name);
      } while (c.punct(','));
      c.expectKeyword('FROM');
      const from = c.path();
      if (from.length !== 4 || from[2]!.toUpperCase() !== 'INFORMATION_SCHEMA' || from[3]!.toUpperCase() !== 'COLUMNS') throw new SqlError(`fake-bigquery: unexpected FROM ${from.join('.')}`);
      const dataset = datasetOf(from);
      if (columns.includes('option_value') && !/INFORMATION_SCHEMA\.TABLE_OPTIONS/i.test(sql)) throw new SqlError('Unrecognized name: option_value');
      if (denied.has('bigquery.tables.list')) throw new Denied(`Access Denied: Dataset ${dataset.projectId}:${dataset.datasetId}: Permission bigquery.tables.list denied on dataset (or it may not exist).`);
      const rows: Record<string, unknown>[] = [];
      for (const table of [...dataset.tables.values()].sort((a, b) => (a.name < b.name ? -1 : 1))) {
        const clustering = table.clusteredBy ?? [];
        const optionValue = table.requirePartitionFilter && /'require_partition_filter'/.test(sql) ? 'true' : null;
        const base = { table_name: table.name, table_type: table.kind === 'VIEW' ? 'VIEW' : 'BASE TABLE', is_hidden: 'NO', is_system_defined: 'NO', option_value: optionValue };
        table.columns.forEach((col, i) => {
          rows.push({
            ...base,
            column_name: col.name,
            ordinal_position: i + 1,
            is_nullable: col.nullable === false ? 'NO' : 'YES',
            data_type: col.type,
            is_partitioning_column: typeof table.partitioning === 'object' && table.partitioning.column === col.name ? 'YES' : 'NO',
            clustering_ordinal_position: clustering.includes(col.name) ? clustering.indexOf(col.name) + 1 : null,
          });
        });
        if (table.partitioning === 'INGESTION_TIME') {
          for (const [name, type, partitioning] of [['_PARTITIONTIME', 'TIMESTAMP', 'YES'], ['_PARTITIONDATE', 'DATE', 'NO']] as const) {
            rows.push({ ...base, column_name: name, ordinal_position: null, is_nullable: 'YES', data_type: type, is_hidden: 'YES', is_system_defined: 'YES', is_partitioning_column: partitioning, clustering_ordinal_position: null });
          }
        }
      }
      return {
        dataset,
        schema: { fields: columns.map((name) => ({ name, type: DISCOVERY_COLUMNS[name]!, mode: 'NULLABLE' })) },
        rows: rows.map((r) => ({ f: columns.map((name) => ({ v: r[name] === null || r[name] === undefined ? null : String(r[name]) })) })),
      };
    }

    // SELECT <expr> AS <alias>, … FROM `p`.`d`.`t` [WHERE <condition> [AND <condition>]…] [ORDER BY `col`], where
    // <expr> is a column, ST_ASGEOJSON(column), MIN(column) or MAX(column), and <condition> is `col <op> @param`,
    // `col >= TIMESTAMP_TRUNC(@param, UNIT)` or either in parentheses with `OR col IS NULL`.
    const items: { column: string; alias: string; geojson: boolean; aggregate?: 'MIN' | 'MAX' }[] = [];
    do {
      let geojson = false;
      let aggregate: 'MIN' | 'MAX' | undefined;
      let column: string;
      const head = c.peek();
      const fn = head?.kind === 'ident' && !head.quoted && c.peek(1)?.value === '(' ? head.value.toUpperCase() : null;
      if (fn === 'ST_ASGEOJSON' || fn === 'MIN' || fn === 'MAX') {
        c.ident();
        c.expectPunct('(');
        column = c.ident();
        c.expectPunct(')');
        if (fn === 'ST_ASGEOJSON') geojson = true;
        else aggregate = fn;
      } else {
        column = c.ident();
      }
      const alias = c.keyword('AS') ? c.ident() : column;
      items.push({ column, alias, geojson, aggregate });
    } while (c.punct(','));
    c.expectKeyword('FROM');
    const from = c.path();
    if (from.length !== 3) throw new SqlError(`fake-bigquery: expected project.dataset.table, got ${from.join('.')}`);
    const dataset = datasetOf(from);
    const table = dataset.tables.get(from[2]!);
    if (!table) throw new NotFound(`Not found: Table ${dataset.projectId}:${dataset.datasetId}.${from[2]} was not found in location ${dataset.location}`);
    const columnType = (name: string): TypeNode => {
      const col = table.columns.find((x) => x.name === name);
      if (col) return parseBigQueryType(col.type);
      if (table.partitioning === 'INGESTION_TIME' && name.toUpperCase() === '_PARTITIONTIME') return { base: 'TIMESTAMP' };
      if (table.partitioning === 'INGESTION_TIME' && name.toUpperCase() === '_PARTITIONDATE') return { base: 'DATE' };
      throw new SqlError(`Unrecognized name: ${name}`);
    };
    const partitionColumn = table.partitioning === 'INGESTION_TIME' ? '_PARTITIONTIME' : table.partitioning?.column;
    const isPartitionColumn = (name: string) => partitionColumn !== undefined && (name === partitionColumn || (table.partitioning === 'INGESTION_TIME' && /^_PARTITION(TIME|DATE)$/i.test(name)));
    let rows = table.rows;
    let scanned = rows.length;
    let partitionFiltered = false;
    const parameter = () => {
      const param = c.peek();
      if (param?.kind !== 'param') throw new SqlError('fake-bigquery: WHERE expects a query parameter, never a literal');
      c.i++;
      const p = parameters.find((x) => x.name === param.value);
      if (!p) throw new SqlError(`Query parameter '${param.value}' not found`);
      return p;
    };
    /** `col <op> @p` or `col >= TIMESTAMP_TRUNC(@p, UNIT)`: the column and a row test (null values never pass). */
    const comparison = () => {
      const column = c.ident();
      const type = columnType(column);
      let op = '';
      for (const ch of ['>', '<', '=']) if (c.punct(ch)) op += ch;
      if (!['>', '>=', '<', '<='].includes(op)) throw new SqlError(`fake-bigquery: unsupported operator ${op || JSON.stringify(c.peek()?.value)}`);
      let bound: bigint | number | string | null;
      if (c.peek()?.kind === 'ident' && c.peek()!.value.toUpperCase() === 'TIMESTAMP_TRUNC') {
        c.ident();
        c.expectPunct('(');
        const p = parameter();
        if (p.type !== 'TIMESTAMP') throw new SqlError(`No matching signature for function TIMESTAMP_TRUNC for argument types: ${p.type}`);
        c.expectPunct(',');
        bound = truncateMicros(isoToMicros(p.value), c.ident().toUpperCase());
        c.expectPunct(')');
      } else {
        const p = parameter();
        if (p.type !== type.base) throw new SqlError(`No matching signature for operator ${op} for argument types: ${type.base}, ${p.type}`);
        bound = p.type === 'TIMESTAMP' ? isoToMicros(p.value) : sortKey(type, p.value);
      }
      const test = (r: Record<string, unknown>) => {
        const key = sortKey(type, r[column]);
        if (key === null) return false;
        const order = compare(key, bound);
        return op === '>' ? order > 0 : op === '>=' ? order >= 0 : op === '<' ? order < 0 : order <= 0;
      };
      return { column, type, test };
    };
    if (c.keyword('WHERE')) {
      do {
        let column: string;
        let test: (r: Record<string, unknown>) => boolean;
        if (c.punct('(')) {
          // (<comparison> OR col IS NULL): NULL partitions (and the streaming buffer) included.
          const cmp = comparison();
          c.expectKeyword('OR');
          if (c.ident() !== cmp.column) throw new SqlError('fake-bigquery: expected the same column IS NULL');
          c.expectKeyword('IS');
          c.expectKeyword('NULL');
          c.expectPunct(')');
          column = cmp.column;
          test = (r) => sortKey(cmp.type, r[cmp.column]) === null || cmp.test(r);
        } else {
          ({ column, test } = comparison());
        }
        rows = rows.filter(test);
        // A filter on the partitioning column prunes partitions (and satisfies requirePartitionFilter).
        if (isPartitionColumn(column)) {
          partitionFiltered = true;
          scanned = rows.length;
        }
      } while (c.keyword('AND'));
    }
    if (table.requirePartitionFilter && !partitionFiltered) {
      throw new SqlError(`Cannot query over table '${dataset.projectId}.${dataset.datasetId}.${table.name}' without a filter over column(s) '${partitionColumn}' that can be used for partition elimination`);
    }
    let sorted: number | undefined;
    if (c.keyword('ORDER')) {
      c.expectKeyword('BY');
      const column = c.ident();
      const type = columnType(column);
      sorted = rows.length;
      rows = [...rows].sort((a, b) => compare(sortKey(type, a[column]), sortKey(type, b[column])));
    }
    if (!c.done()) throw new SqlError(`Syntax error: Unexpected ${JSON.stringify(c.peek()!.value)}`);
    const fields = items.map((item) => {
      if (/^_PARTITION/i.test(item.alias)) throw new SqlError(`Invalid field name "${item.alias}". Field names are not allowed to start with the (case-insensitive) prefixes _PARTITION, _TABLE_, _FILE_, _ROW_TIMESTAMP, __ROOT__ and _COLIDENTIFIER`);
      const type = columnType(item.column);
      const col = table.columns.find((x) => x.name === item.column);
      if (item.aggregate) return restField(item.alias, type, true);
      return item.geojson ? { name: item.alias, type: 'STRING', mode: 'NULLABLE' } : restField(item.alias, type, col?.nullable !== false);
    });
    if (items.some((i) => i.aggregate)) {
      if (!items.every((i) => i.aggregate)) throw new SqlError('SELECT list expression references column which is neither grouped nor aggregated');
      const row = {
        f: items.map((item) => {
          const type = columnType(item.column);
          const values = rows.map((r) => r[item.column]).filter((v) => v !== null && v !== undefined);
          values.sort((a, b) => compare(sortKey(type, a), sortKey(type, b)));
          const value = item.aggregate === 'MIN' ? values[0] : values.at(-1);
          return { v: restValue(type, value, int64Timestamps) };
        }),
      };
      return { dataset, scanned, schema: { fields }, rows: [row] };
    }
    return {
      dataset,
      scanned,
      sorted,
      schema: { fields },
      rows: rows.map((r) => ({
        f: items.map((item) => {
          const value = r[item.column];
          if (item.geojson) return { v: value === null || value === undefined ? null : wktToGeoJson(String(value)) };
          return { v: restValue(columnType(item.column), value, int64Timestamps) };
        }),
      })),
    };
  }

  const fake: FakeBigQuery = {
    url,
    tokenUri,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
    createDataset(projectId, datasetId, location = 'US') {
      if (!datasets.has(`${projectId}:${datasetId}`)) datasets.set(`${projectId}:${datasetId}`, { projectId, datasetId, location, tables: new Map() });
    },
    deleteDataset(projectId, datasetId) {
      datasets.delete(`${projectId}:${datasetId}`);
    },
    putTable(projectId, datasetId, table) {
      fake.createDataset(projectId, datasetId);
      for (const col of table.columns) parseBigQueryType(col.type);
      datasets.get(`${projectId}:${datasetId}`)!.tables.set(table.name, table);
    },
    deny(permission) {
      denied.add(permission);
    },
    allow(permission) {
      denied.delete(permission);
    },
    revoke: auth.revoke,
    trustKey: auth.trustKey,
    failNext(status, options = {}) {
      failures = { status, reason: options.reason ?? (status >= 500 ? 'backendError' : 'invalid'), count: options.count ?? 1, route: options.route };
    },
    delayJobs(count) {
      delayedJobs = count;
    },
    limits(options) {
      limits = options;
    },
    warnNext(errors = [{ reason: 'invalid', message: 'Warning recorded while the job ran; the job completed' }]) {
      warnings = errors;
    },
    requests: {
      log,
      queries,
      get count() {
        return log.filter((r) => r.kind === 'api').length;
      },
      get tokens() {
        return log.filter((r) => r.kind === 'token').length;
      },
      reset() {
        log.length = 0;
        queries.length = 0;
      },
    },
  };
  return fake;
}

function wktToGeoJson(wkt: string): string {
  const point = /^POINT\s*\(\s*(-?[\d.]+)\s+(-?[\d.]+)\s*\)$/i.exec(wkt.trim());
  if (!point) throw new Error(`fake-bigquery: ST_ASGEOJSON supports POINT only, got ${wkt}`);
  return JSON.stringify({ type: 'Point', coordinates: [Number(point[1]), Number(point[2])] });
}

function accessDenied(res: ServerResponse, resource: string, permission: string): void {
  apiError(res, 403, 'accessDenied', `Access Denied: ${resource}: Permission ${permission} denied on ${resource.toLowerCase().split(' ')[0]} (or it may not exist).`);
}

function apiError(res: ServerResponse, status: number, reason: string, message: string): void {
  const statusText: Record<number, string> = { 400: 'INVALID_ARGUMENT', 401: 'UNAUTHENTICATED', 403: 'PERMISSION_DENIED', 404: 'NOT_FOUND', 500: 'INTERNAL', 503: 'UNAVAILABLE' };
  json(res, status, { error: { code: status, message, errors: [{ message, domain: 'global', reason }], status: statusText[status] ?? 'UNKNOWN' } });
}
