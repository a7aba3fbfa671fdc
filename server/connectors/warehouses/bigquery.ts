/**
 * Google BigQuery: a dataset is a set of tables; a read is one query.
 *
 * Requests (BigQuery REST v2, https://cloud.google.com/bigquery/docs/reference/rest, through `@google-cloud/bigquery`'s
 * authenticated transport with its own retries off — Inlet retries runs with its own backoff):
 * - validate: the service-account JWT grant to the key's `token_uri`; `datasets.get`; `tables.list` (maxResults=1);
 *   a dry-run `jobs.query` of the discovery query (checks bigquery.jobs.create without running anything).
 * - discover: ONE `jobs.query` over `INFORMATION_SCHEMA.COLUMNS` joined with `INFORMATION_SCHEMA.TABLES` (plus
 *   `jobs.getQueryResults` pages for very large datasets) — never one request per table.
 * - planRead: `tables.get` (size; the requested columns still exist; the column types the watermark parameter must
 *   match — BigQuery does not compare a DATETIME with a TIMESTAMP parameter). One unit: `{ id: 'query' }`.
 * - read: `jobs.query` with `maxResults = batchSize`, then `jobs.getQueryResults` with `pageToken`, one page at a time
 *   (the next page is fetched while the current one is being consumed: at most two pages in memory). An activity
 *   read filters on its watermark (`> @after`, which prunes partitions when the watermark column is the partitioning
 *   column) and, on an ingestion-time partitioned table, skips the partitions older than the last successful read
 *   (`_PARTITIONTIME >= TIMESTAMP_TRUNC(@since, unit) OR _PARTITIONTIME IS NULL`, the null being the streaming buffer).
 *
 * Values come from the raw REST rows (`f`/`v`, every scalar a string), so INT64 stays exact (bigint beyond 2^53),
 * NUMERIC is the exact decimal text, and TIMESTAMP is asked for as int64 microseconds (`formatOptions.useInt64Timestamp`).
 * STRUCT/ARRAY become JSON text built from those strings (numbers kept digit for digit), GEOGRAPHY is selected as
 * ST_ASGEOJSON. Selected columns are aliased c0…cN (pseudo columns such as _PARTITIONTIME cannot be output names).
 * `bytesRead` is approximate: the characters of the values received.
 *
 * Test-only endpoint: the `endpoint` setting (or the INLET_BIGQUERY_ENDPOINT environment variable) points the client at a
 * stand-in server. Either is honoured ONLY when the server runs with INLET_ALLOW_PRIVATE_ENDPOINTS=true
 * (`config.allowPrivateEndpoints`), and only then may the key's `token_uri` be something other than Google's token
 * endpoint. In production both are ignored and the key's token_uri must be a Google host.
 *
 * Egress: the token grant goes through net/agents.ts agents (no redirects); the client library takes no agent option,
 * so its HTTP layer's agent pool is pointed at the same agents (installGoogleCloudAgents).
 *
 * The Storage Read API is not used: it needs gRPC/Arrow dependencies, and its speed-up could not be measured here
 * (no access to real BigQuery). Paged `jobs.getQueryResults` keeps memory bounded and is what this connector does.
 */
import type { BigQuery, BigQueryOptions } from '@google-cloud/bigquery';
import { randomUUID } from 'node:crypto';
import type { Config } from '../../config.js';
import { badInput } from '../../errors.js';
import { registerSecret } from '../../log.js';
import type { Connector, ConnectorFactory, DiscoveredColumn, DiscoveredTable, ReadRequest, ReadUnit } from '../connector.js';
import { checkEndpoint } from '../endpoint.js';
import { SourceError } from '../errors.js';
import { explainTokenGrantError, readServiceAccountKey, scrub, ServiceAccountTokens, TokenGrantError, type KeyRules, type ServiceAccountKey } from '../google-auth.js';
import type { IoStats } from '../files/object-store.js';
import type { CellValue, ColumnType, RecordBatch } from '../formats/format.js';
import { INVALID, parseDate, parseFloatText, parseInteger, parseTimestamp } from '../formats/values.js';
import { optionalString, requiredString, type Input } from '../input.js';
import { findPrivateAddressError, installGoogleCloudAgents, safeAgents } from '../net/agents.js';


/** Environment variable naming a BigQuery stand-in for tests (needs INLET_ALLOW_PRIVATE_ENDPOINTS=true). */
export const BIGQUERY_ENDPOINT_ENV = 'INLET_BIGQUERY_ENDPOINT';

export interface BigQuerySettings {
  projectId: string;
  dataset: string;
  /** e.g. US, EU, europe-west2; null to let BigQuery use the dataset's. */
  location: string | null;
  /** Test-only stand-in server (see the top of this file). */
  endpoint?: string;
}

const SCOPE = 'https://www.googleapis.com/auth/bigquery';
/** Long-poll for a running query, per request (BigQuery waits up to this long before answering jobComplete=false). */
const POLL_TIMEOUT_MS = 10_000;
const METADATA_PAGE_ROWS = 10_000;

// ---------------------------------------------------------------------------------------------------------------------
// Input

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
function readKey(text: string, trustTokenUri: boolean): ServiceAccountKey | { error: string } {
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

// ---------------------------------------------------------------------------------------------------------------------
// Errors

interface ErrorContext {
  /** What was being done, for messages: `listing tables in dataset acme.audiences`. */
  what: string;
  clientEmail: string;
  /** The message for a 404. */
  notFound?: string;
  /** The permission a 403 means is missing, e.g. `bigquery.tables.list on dataset acme.audiences`. */
  permission?: string;
}

interface RawApiError {
  code?: unknown;
  errors?: { reason?: string; message?: string }[];
  message?: string;
  name?: string;
  type?: string;
}

const TRANSIENT_REASONS = new Set(['quotaExceeded', 'rateLimitExceeded', 'backendError', 'internalError', 'jobBackendError', 'jobInternalError', 'tableUnavailable']);
const NETWORK_CODES = /^(ECONNRESET|ECONNREFUSED|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EPIPE|ENETUNREACH|EHOSTUNREACH|ECONNABORTED|ERR_STREAM_PREMATURE_CLOSE|UND_ERR)/;

/** Maps BigQuery and token-endpoint failures to messages a person can act on. Never includes credential values. */
export function explainBigQueryError(error: unknown, ctx: ErrorContext): SourceError {
  if (error instanceof SourceError) return error;
  const refused = findPrivateAddressError(error);
  if (refused) return new SourceError('user', `Refused to connect to BigQuery while ${ctx.what}: ${refused.message}`);
  const rejected = (detail: string) =>
    new SourceError('auth', `BigQuery rejected the service account key for ${ctx.clientEmail} (${detail}) while ${ctx.what}: check that the key is current and not revoked`);

  if (error instanceof TokenGrantError) return explainTokenGrantError(error, `while ${ctx.what}`, rejected);

  const e = (error ?? {}) as RawApiError;
  const status = typeof e.code === 'number' ? e.code : 0;
  const reason = e.errors?.find((x) => x.reason)?.reason;
  const serverMessage = scrub(e.errors?.find((x) => x.message)?.message ?? e.message ?? '');

  if (status === 401) return rejected(reason ?? 'HTTP 401');
  if (status === 403 && reason && TRANSIENT_REASONS.has(reason)) {
    return new SourceError('transient', `BigQuery is rate limiting or over quota (${reason}) while ${ctx.what}`);
  }
  if (status === 403) {
    const permission = ctx.permission ? `lacks ${ctx.permission}` : `was refused (${reason ?? 'accessDenied'})`;
    return new SourceError('auth', `The service account ${ctx.clientEmail} ${permission}${serverMessage ? ` (${serverMessage})` : ''}`);
  }
  if (status === 404) return new SourceError('not-found', ctx.notFound ?? `BigQuery found nothing while ${ctx.what}${serverMessage ? ` (${serverMessage})` : ''}`);
  if (status === 408 || status === 429 || status >= 500 || (reason && TRANSIENT_REASONS.has(reason))) {
    return new SourceError('transient', `BigQuery answered ${status || reason} while ${ctx.what}`);
  }
  if (status === 400) return new SourceError('user', `BigQuery refused the request while ${ctx.what} (${reason ?? 'invalid'}${serverMessage ? `: ${serverMessage}` : ''})`);

  const code = typeof e.code === 'string' ? e.code : '';
  if (NETWORK_CODES.test(code) || e.type === 'request-timeout' || e.name === 'AbortError' || /socket hang up|network timeout|premature close|ECONNREFUSED/i.test(e.message ?? '')) {
    return new SourceError('transient', `Could not reach BigQuery while ${ctx.what} (${code || e.type || 'network error'})`);
  }
  return new SourceError('internal', `BigQuery failed while ${ctx.what}: ${code || e.name || 'unknown error'}${status ? ` (HTTP ${status})` : ''}`);
}

// ---------------------------------------------------------------------------------------------------------------------
// SQL

/** A GoogleSQL quoted identifier: backticks, with backslashes and backticks escaped (so a name is always one identifier). */
export function quoteBigQueryIdentifier(name: string): string {
  // eslint-disable-next-line no-control-regex
  return '`' + name.replace(/[\\`]/g, (c) => '\\' + c).replace(/[\u0000-\u001f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) + '`';
}

function datasetPath(s: BigQuerySettings): string {
  return `${quoteBigQueryIdentifier(s.projectId)}.${quoteBigQueryIdentifier(s.dataset)}`;
}

/** The one metadata query of discovery: every column of every table and view of the dataset, with the table's type. */
export function discoveryQuery(s: BigQuerySettings): string {
  const ds = datasetPath(s);
  return (
    'SELECT c.table_name, c.column_name, c.ordinal_position, c.is_nullable, c.data_type, c.is_system_defined, ' +
    'c.is_partitioning_column, c.clustering_ordinal_position, t.table_type ' +
    `FROM ${ds}.INFORMATION_SCHEMA.COLUMNS AS c JOIN ${ds}.INFORMATION_SCHEMA.TABLES AS t USING (table_name) ` +
    'ORDER BY c.table_name, c.ordinal_position'
  );
}

// ---------------------------------------------------------------------------------------------------------------------
// Types

/** BigQuery's `data_type` text to Inlet's type; the sourceType is kept as BigQuery names it (NUMERIC with p,s). */
export function mapBigQueryType(dataType: string): { type: ColumnType; sourceType: string; nested: boolean; known: boolean } {
  const t = dataType.trim().toUpperCase();
  const numeric = /^(BIG)?NUMERIC(?:\s*\(\s*(\d+)(?:\s*,\s*(\d+))?\s*\))?$/.exec(t);
  if (numeric) {
    const big = Boolean(numeric[1]);
    const precision = numeric[2] ?? (big ? '76' : '38');
    const scale = numeric[3] ?? (numeric[2] ? '0' : big ? '38' : '9');
    return { type: 'STRING', sourceType: `${big ? 'BIGNUMERIC' : 'NUMERIC'}(${precision},${scale})`, nested: false, known: true };
  }
  const base = t.replace(/\s*\(.*$/, '');
  if (t.startsWith('STRUCT<') || t.startsWith('ARRAY<') || t === 'JSON' || t === 'GEOGRAPHY') return { type: 'STRING', sourceType: dataType, nested: true, known: true };
  switch (base) {
    case 'INT64':
      return { type: 'INTEGER', sourceType: dataType, nested: false, known: true };
    case 'FLOAT64':
      return { type: 'FLOAT', sourceType: dataType, nested: false, known: true };
    case 'BOOL':
      return { type: 'BOOLEAN', sourceType: dataType, nested: false, known: true };
    case 'STRING':
    case 'BYTES':
    case 'TIME':
      return { type: 'STRING', sourceType: dataType, nested: false, known: true };
    case 'DATE':
      return { type: 'DATE', sourceType: dataType, nested: false, known: true };
    case 'TIMESTAMP':
    case 'DATETIME':
      return { type: 'TIMESTAMP', sourceType: dataType, nested: false, known: true };
    default:
      // RANGE<…>, INTERVAL and anything newer: read as BigQuery prints it.
      return { type: 'STRING', sourceType: dataType, nested: false, known: t.startsWith('RANGE<') || t === 'INTERVAL' };
  }
}

/** A field of a REST schema (legacy type names: INTEGER, FLOAT, BOOLEAN, RECORD…). */
interface SchemaField {
  name: string;
  type: string;
  mode?: string;
  fields?: SchemaField[];
}

type RestCell = { v: unknown };
type RestRow = { f: RestCell[] };


/** int64 microseconds since the epoch (as text) to milliseconds, floored (exact for every TIMESTAMP BigQuery holds). */
function microsToMillis(text: string): number {
  if (text.length <= 15) return Math.floor(Number(text) / 1000);
  const us = BigInt(text);
  let ms = us / 1000n;
  if (us < 0n && us % 1000n !== 0n) ms -= 1n;
  return Number(ms);
}

/** A TIMESTAMP cell: int64 microseconds (useInt64Timestamp) or, from older servers, float seconds like `1.7040672E9`. */
function timestampCell(text: string): Date | null {
  if (/^-?\d+$/.test(text)) return new Date(microsToMillis(text));
  const seconds = Number(text);
  return Number.isFinite(seconds) ? new Date(Math.round(seconds * 1000)) : null;
}

/** Exact ISO-8601 text of a TIMESTAMP cell, microseconds kept (for JSON text of nested values). */
function timestampIso(text: string): string {
  if (!/^-?\d+$/.test(text)) return timestampCell(text)?.toISOString() ?? text;
  const us = BigInt(text);
  const micros = Number(((us % 1_000_000n) + 1_000_000n) % 1_000_000n);
  const iso = new Date(microsToMillis(text)).toISOString(); // …SS.mmmZ
  return `${iso.slice(0, 19)}.${String(micros).padStart(6, '0')}Z`;
}

function isNumberText(text: string): boolean {
  return /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(text);
}

/** A nested value (struct field, array element) as JSON text, numbers kept exactly as BigQuery wrote them. */
function jsonOf(field: SchemaField, value: unknown, repeatedHandled = false): string {
  if (field.mode === 'REPEATED' && !repeatedHandled) {
    const items = Array.isArray(value) ? (value as RestCell[]) : [];
    return '[' + items.map((item) => jsonOf(field, item?.v, true)).join(',') + ']';
  }
  if (value === null || value === undefined) return 'null';
  switch (field.type) {
    case 'RECORD':
    case 'STRUCT': {
      const cells = (value as RestRow).f ?? [];
      const parts = (field.fields ?? []).map((sub, i) => `${JSON.stringify(sub.name)}:${jsonOf(sub, cells[i]?.v)}`);
      return '{' + parts.join(',') + '}';
    }
    case 'INTEGER':
    case 'INT64':
    case 'NUMERIC':
    case 'BIGNUMERIC':
    case 'FLOAT':
    case 'FLOAT64': {
      const text = String(value);
      return isNumberText(text) ? text : JSON.stringify(text); // NaN / Infinity are not JSON numbers
    }
    case 'BOOLEAN':
    case 'BOOL':
      return value === 'true' || value === true ? 'true' : 'false';
    case 'TIMESTAMP':
      return JSON.stringify(timestampIso(String(value)));
    case 'JSON': {
      const text = String(value);
      try {
        JSON.parse(text);
        return text;
      } catch {
        return JSON.stringify(text);
      }
    }
    default:
      return JSON.stringify(String(value));
  }
}

/** The converter for one result column: REST cell value → CellValue; `INVALID` when the text cannot be read. */
function cellConverter(field: SchemaField): (value: unknown) => CellValue | typeof INVALID {
  if (field.mode === 'REPEATED' || field.type === 'RECORD' || field.type === 'STRUCT') {
    return (value) => (value === null || value === undefined ? (field.mode === 'REPEATED' ? '[]' : null) : jsonOf(field, value));
  }
  const text = (fn: (s: string) => CellValue | typeof INVALID) => (value: unknown) => (value === null || value === undefined ? null : fn(String(value)));
  switch (field.type) {
    case 'INTEGER':
    case 'INT64':
      return text(parseInteger);
    case 'FLOAT':
    case 'FLOAT64':
      return text(parseFloatText);
    case 'BOOLEAN':
    case 'BOOL':
      return text((s) => (s === 'true' ? true : s === 'false' ? false : INVALID));
    case 'DATE':
      return text(parseDate);
    case 'DATETIME':
      return text(parseTimestamp); // civil time, read as UTC
    case 'TIMESTAMP':
      return text((s) => timestampCell(s) ?? INVALID);
    default:
      // STRING, BYTES (base64), NUMERIC/BIGNUMERIC (exact text), TIME, JSON, GEOGRAPHY (GeoJSON, see read), RANGE, INTERVAL.
      return text((s) => s);
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// Watermark

/** `YYYY-MM-DD HH:MM:SS[.ffffff]` and the zone offset in minutes (0 when absent), or null. */
function splitTimestamp(text: string): { civil: string; offset: number } | null {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[Tt ](\d{2}:\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/.exec(text.trim());
  if (!m || parseTimestamp(text.trim()) === INVALID) return null;
  const fraction = m[4] ? `.${m[4].slice(0, 6)}` : '';
  const civil = `${m[1]} ${m[2] ?? '00:00'}:${m[3] ?? '00'}${fraction}`;
  let offset = 0;
  if (m[5] && m[5].toUpperCase() !== 'Z') {
    const sign = m[5][0] === '-' ? -1 : 1;
    const digits = m[5].slice(1).replace(':', '');
    offset = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0));
  }
  return { civil, offset };
}

/** The query parameter for `watermarkColumn > @after`, typed like the column (BigQuery does not compare across types). */
export function watermarkParameter(column: string, fieldType: string, after: string): { parameterType: { type: string }; parameterValue: { value: string } } {
  const bad = (what: string) => new SourceError('user', `The watermark ${JSON.stringify(after.slice(0, 60))} is not ${what}, as column ${column} needs`);
  const param = (type: string, value: string) => ({ parameterType: { type }, parameterValue: { value } });
  switch (fieldType) {
    case 'INTEGER':
    case 'INT64':
      if (parseInteger(after) === INVALID) throw bad('an integer');
      return param('INT64', after);
    case 'FLOAT':
    case 'FLOAT64':
      if (parseFloatText(after) === INVALID) throw bad('a number');
      return param('FLOAT64', after);
    case 'NUMERIC':
    case 'BIGNUMERIC':
      if (!/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(after)) throw bad('a decimal number');
      return param(fieldType, after);
    case 'STRING':
      return param('STRING', after);
    case 'DATE': {
      if (parseDate(after) !== INVALID) return param('DATE', after);
      const ts = parseTimestamp(after);
      if (ts === INVALID) throw bad('a date');
      return param('DATE', ts.toISOString().slice(0, 10));
    }
    case 'TIMESTAMP': {
      const parts = splitTimestamp(after);
      if (!parts) throw bad('a timestamp');
      const sign = parts.offset < 0 ? '-' : '+';
      const abs = Math.abs(parts.offset);
      return param('TIMESTAMP', `${parts.civil}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`);
    }
    case 'DATETIME': {
      // DATETIME values are read as UTC, so the watermark is compared as UTC civil time.
      const parts = splitTimestamp(after);
      if (!parts) throw bad('a timestamp');
      if (parts.offset === 0) return param('DATETIME', parts.civil);
      const utc = new Date((parseTimestamp(after.trim()) as Date).getTime()).toISOString();
      return param('DATETIME', `${utc.slice(0, 10)} ${utc.slice(11, 23)}`);
    }
    default:
      throw new SourceError('user', `Column ${column} (${fieldType}) cannot be a watermark: choose an integer, number, date, timestamp or text column`);
  }
}

/** Pseudo columns of ingestion-time partitioned tables: not in a table's schema, but selectable. */
const PSEUDO_COLUMNS: Record<string, string> = { _PARTITIONTIME: 'TIMESTAMP', _PARTITIONDATE: 'DATE' };

// ---------------------------------------------------------------------------------------------------------------------
// Connector

interface QueryResponse {
  jobComplete?: boolean;
  jobReference?: { projectId?: string; jobId?: string; location?: string };
  schema?: { fields?: SchemaField[] };
  rows?: RestRow[];
  pageToken?: string;
  totalRows?: string;
  errors?: { reason?: string; message?: string }[];
}

interface TableResource {
  type?: string;
  numBytes?: string;
  schema?: { fields?: SchemaField[] };
  /** Time partitioning: by `field`, or by ingestion time (_PARTITIONTIME) when there is no field. */
  timePartitioning?: { type?: string; field?: string };
}

/** Partition units of TIMESTAMP_TRUNC, as tables.get names them in timePartitioning.type. */
const PARTITION_UNITS = new Set(['HOUR', 'DAY', 'MONTH', 'YEAR']);

export function createBigQueryConnector(settings: BigQuerySettings, credentials: Record<string, string>, config: Config): Connector {
  const endpoint = bigqueryTestEndpoint(settings as unknown as Record<string, unknown>, config);
  const stats: IoStats = { requests: 0, bytesRead: 0 };
  registerSecret(credentials.serviceAccountKey);
  const parsed = readKey(credentials.serviceAccountKey ?? '', Boolean(endpoint));
  const key = 'error' in parsed ? null : parsed;
  if (key) registerSecret(key.privateKeyPem);
  const clientEmail = key?.clientEmail ?? 'the service account';
  const egress = safeAgents(config);
  const tokens = key ? new ServiceAccountTokens(key, SCOPE, egress, stats) : null;
  const { projectId, dataset } = settings;
  const location = settings.location || undefined;
  const datasetDot = `${projectId}.${dataset}`;
  const datasetColon = `${projectId}:${dataset}`;

  let client: BigQuery | undefined;

  function requireKey(): ServiceAccountTokens {
    if (!tokens) throw new SourceError('user', `The stored service account key cannot be used (${(parsed as { error: string }).error}): update the connection's credentials`);
    return tokens;
  }

  /**
   * The client, made only once there is a usable key: it must never fall back to application-default credentials.
   * The client library is loaded on first use (it is big): a server without BigQuery connections never loads it.
   */
  async function bigquery(): Promise<BigQuery> {
    const options: BigQueryOptions = {
      projectId,
      authClient: requireKey() as unknown as BigQueryOptions['authClient'],
      apiEndpoint: endpoint ?? undefined,
      location,
      retryOptions: { autoRetry: false, maxRetries: 0 },
    };
    if (!client) {
      const { BigQuery } = await import('@google-cloud/bigquery');
      // Its HTTP layer takes no agent option: every connection goes through the egress agents this way.
      installGoogleCloudAgents('@google-cloud/bigquery', egress);
      client ??= new BigQuery({ ...options, ...({ timeout: 120_000 } as object) });
    }
    return client;
  }

  /** One authenticated REST call under /projects/{projectId}; errors are explained with `ctx`. */
  async function api<T>(method: 'GET' | 'POST', uri: string, ctx: Omit<ErrorContext, 'clientEmail'>, qs?: Record<string, unknown>, json?: object): Promise<T> {
    const bq = await bigquery();
    stats.requests++;
    const query = qs ? Object.fromEntries(Object.entries(qs).filter(([, v]) => v !== undefined && v !== null)) : undefined;
    return new Promise<T>((resolve, reject) => {
      bq.request({ method, uri, qs: query, json } as never, (error: unknown, body: unknown) => {
        if (error) {
          if ((error as { code?: unknown }).code === 401) tokens?.forget();
          reject(explainBigQueryError(error, { ...ctx, clientEmail }));
        } else {
          resolve((body ?? {}) as T);
        }
      });
    });
  }

  const tablePath = (table: string) => `/datasets/${encodeURIComponent(dataset)}/tables/${encodeURIComponent(table)}`;
  const tableLabel = (table: string) => `bigquery://${projectId}/${dataset}/${table}`;
  const schemas = new Map<string, TableResource>();

  async function getTable(table: string): Promise<TableResource> {
    const cached = schemas.get(table);
    if (cached) return cached;
    const resource = await api<TableResource>('GET', tablePath(table), {
      what: `reading the schema of ${tableLabel(table)}`,
      notFound: `Table ${datasetColon}.${table} no longer exists (or the service account cannot see it): refresh the schema`,
      permission: `bigquery.tables.get on ${datasetDot}.${table}`,
    });
    schemas.set(table, resource);
    return resource;
  }

  /** Runs a query and yields its pages; the next page is requested while the current one is consumed. */
  async function* queryPages(body: Record<string, unknown>, pageRows: number, what: string): AsyncGenerator<QueryResponse> {
    const ctx = { what, permission: `bigquery.jobs.create on project ${projectId}`, notFound: `Dataset ${datasetColon} or a table in the query does not exist (or the service account cannot see it)` };
    let page = await api<QueryResponse>('POST', '/queries', ctx, undefined, {
      useLegacySql: false,
      maxResults: pageRows,
      timeoutMs: POLL_TIMEOUT_MS,
      location,
      formatOptions: { useInt64Timestamp: true },
      requestId: randomUUID(),
      ...body,
    });
    const job = page.jobReference;
    const fetchPage = (pageToken?: string) => {
      if (!job?.jobId) throw new SourceError('internal', `BigQuery answered ${what} without a job reference`);
      return api<QueryResponse>('GET', `/queries/${encodeURIComponent(job.jobId)}`, { ...ctx, notFound: `The BigQuery job of ${what} expired before its results were read` }, {
        maxResults: pageRows,
        timeoutMs: POLL_TIMEOUT_MS,
        location: job.location ?? location,
        pageToken,
        'formatOptions.useInt64Timestamp': true,
      });
    };
    while (!page.jobComplete) page = await fetchPage();
    for (;;) {
      if (page.errors?.length) throw explainBigQueryError({ code: 400, errors: page.errors }, { ...ctx, clientEmail });
      const next = page.pageToken ? fetchPage(page.pageToken) : null;
      next?.catch(() => undefined); // surfaced when awaited below; the consumer may also stop early
      yield page;
      if (!next) return;
      page = await next;
    }
  }

  return {
    stats,

    async validate() {
      const t = requireKey();
      try {
        await t.token();
      } catch (error) {
        throw explainBigQueryError(error, { what: 'getting an access token', clientEmail });
      }
      const resource = await api<{ location?: string }>('GET', `/datasets/${encodeURIComponent(dataset)}`, {
        what: `reading dataset ${datasetDot}`,
        notFound: `Dataset ${datasetColon} does not exist (or the service account cannot see it)`,
        permission: `bigquery.datasets.get on dataset ${datasetDot}`,
      });
      if (location && resource.location && resource.location.toLowerCase() !== location.toLowerCase()) {
        throw new SourceError('user', `Dataset ${datasetColon} is in location ${resource.location}, not ${location}: correct the location or leave it empty`);
      }
      await api('GET', `/datasets/${encodeURIComponent(dataset)}/tables`, {
        what: `listing the tables of dataset ${datasetDot}`,
        notFound: `Dataset ${datasetColon} does not exist (or the service account cannot see it)`,
        permission: `bigquery.tables.list on dataset ${datasetDot}`,
      }, { maxResults: 1 });
      // A dry run checks bigquery.jobs.create (needed by discovery and every import) without running or billing anything.
      await api('POST', '/queries', {
        what: `checking that the service account can run queries in project ${projectId}`,
        permission: `bigquery.jobs.create on project ${projectId} (grant it roles/bigquery.jobUser)`,
        notFound: `Dataset ${datasetColon} does not exist (or the service account cannot see it)`,
      }, undefined, { query: discoveryQuery(settings), useLegacySql: false, dryRun: true, location });
    },

    async discover(): Promise<DiscoveredTable[]> {
      interface Meta { kind: string; tableType: string; columns: (DiscoveredColumn & { ordinal: number | null; clustering: number | null; pseudo: boolean })[]; warnings: string[] }
      const tables = new Map<string, Meta>();
      for await (const page of queryPages({ query: discoveryQuery(settings) }, METADATA_PAGE_ROWS, `discovering the tables of dataset ${datasetDot}`)) {
        for (const row of page.rows ?? []) {
          const [tableName, columnName, ordinal, isNullable, dataType, systemDefined, partitioning, clustering, tableType] = row.f.map((c) => (c.v === null || c.v === undefined ? null : String(c.v)));
          if (!tableName || !columnName || !dataType) continue;
          let meta = tables.get(tableName);
          if (!meta) {
            const type = (tableType ?? 'BASE TABLE').toUpperCase();
            const kind = type.includes('VIEW') ? 'VIEW' : type === 'EXTERNAL' ? 'EXTERNAL' : 'TABLE';
            meta = { kind, tableType: type, columns: [], warnings: [] };
            tables.set(tableName, meta);
          }
          const mapped = mapBigQueryType(dataType);
          if (!mapped.known) meta.warnings.push(`Column ${columnName} has type ${dataType}, which Inlet reads as text`);
          meta.columns.push({
            name: columnName,
            type: mapped.type,
            nullable: isNullable !== 'NO',
            sourceType: mapped.sourceType,
            nested: mapped.nested,
            isPartition: partitioning === 'YES',
            ordinal: ordinal === null ? null : Number(ordinal),
            clustering: clustering === null ? null : Number(clustering),
            pseudo: systemDefined === 'YES',
          });
          stats.bytesRead += tableName.length + columnName.length + dataType.length;
        }
      }
      return [...tables.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([name, meta]) => {
          // Pseudo columns (no ordinal) go last, after the table's own columns.
          const columns = meta.columns.sort((a, b) => (a.ordinal ?? Number.MAX_SAFE_INTEGER) - (b.ordinal ?? Number.MAX_SAFE_INTEGER));
          const partition = columns.find((c) => c.isPartition && c.name === '_PARTITIONTIME') ?? columns.find((c) => c.isPartition);
          const clusteredBy = columns.filter((c) => c.clustering !== null).sort((a, b) => a.clustering! - b.clustering!).map((c) => c.name);
          const details: Record<string, unknown> = { kind: meta.kind, tableType: meta.tableType };
          if (partition) {
            details.partitionColumn = partition.name;
            details.partitioning = partition.pseudo ? 'INGESTION_TIME' : 'COLUMN';
          }
          if (clusteredBy.length) details.clusteredBy = clusteredBy;
          return {
            name,
            columns: columns.map(({ ordinal: _o, clustering: _c, pseudo: _p, ...c }) => ({ ...c, isPartition: partition ? c.name === partition.name : false })),
            partitionColumns: partition ? [partition.name] : [],
            fileCount: null,
            totalBytes: null,
            schemaFile: null,
            warnings: meta.warnings,
            ignoredReason: null,
            details,
          };
        });
    },

    async planRead(request: ReadRequest): Promise<ReadUnit[]> {
      const table = await getTable(request.table);
      const known = new Set((table.schema?.fields ?? []).map((f) => f.name));
      const missing = request.columns.filter((c) => !known.has(c) && !(c.toUpperCase() in PSEUDO_COLUMNS));
      if (missing.length) {
        throw new SourceError('user', `Column ${missing.join(', ')} is no longer in ${tableLabel(request.table)}: refresh the schema`);
      }
      const size = table.numBytes === undefined || table.type === 'VIEW' ? null : Number(table.numBytes);
      return [{ id: 'query', label: tableLabel(request.table), size: Number.isFinite(size) ? size : null }];
    },

    async *read(unit: ReadUnit, request: ReadRequest): AsyncIterable<RecordBatch> {
      if (request.columns.length === 0) throw new SourceError('internal', `No columns to read from ${tableLabel(request.table)}`);
      const table = await getTable(request.table);
      const fieldType = (name: string) => (table.schema?.fields ?? []).find((f) => f.name === name)?.type ?? PSEUDO_COLUMNS[name.toUpperCase()];
      // Aliases c0…cN: results never depend on how a name looks, and pseudo columns (_PARTITIONTIME) can be selected.
      const select = request.columns
        .map((c, i) => {
          const quoted = quoteBigQueryIdentifier(c);
          return `${fieldType(c) === 'GEOGRAPHY' ? `ST_ASGEOJSON(${quoted})` : quoted} AS c${i}`;
        })
        .join(', ');
      let sql = `SELECT ${select} FROM ${datasetPath(settings)}.${quoteBigQueryIdentifier(request.table)}`;
      const queryParameters: object[] = [];
      const watermark = request.watermark;
      if (watermark?.column) {
        const type = fieldType(watermark.column);
        if (!type) throw new SourceError('user', `Watermark column ${watermark.column} is no longer in ${tableLabel(request.table)}: refresh the schema`);
        const column = quoteBigQueryIdentifier(watermark.column);
        const where: string[] = [];
        if (watermark.after !== null && watermark.after !== undefined) {
          where.push(`${column} > @after`);
          queryParameters.push({ name: 'after', ...watermarkParameter(watermark.column, type, watermark.after) });
        }
        // An ingestion-time partitioned table: rows loaded since the last successful read sit in partitions from the
        // one of that moment on, or in the streaming buffer (_PARTITIONTIME NULL), so older partitions are not scanned.
        // A table partitioned by a column is pruned by the watermark itself when that column is the watermark.
        const partitioning = table.timePartitioning;
        const unit = partitioning?.type?.toUpperCase() ?? '';
        if (watermark.since && partitioning && !partitioning.field && PARTITION_UNITS.has(unit) && !/^_PARTITION/i.test(watermark.column)) {
          where.push(`(_PARTITIONTIME >= TIMESTAMP_TRUNC(@since, ${unit}) OR _PARTITIONTIME IS NULL)`);
          queryParameters.push({ name: 'since', ...watermarkParameter('_PARTITIONTIME', 'TIMESTAMP', watermark.since) });
        }
        if (where.length) sql += ` WHERE ${where.join(' AND ')}`;
        sql += ` ORDER BY ${column}`;
      }
      const body: Record<string, unknown> = { query: sql };
      if (queryParameters.length) Object.assign(body, { parameterMode: 'NAMED', queryParameters });

      let firstRow = 1;
      let converters: ((value: unknown) => CellValue | typeof INVALID)[] | null = null;
      let fields: SchemaField[] = [];
      for await (const page of queryPages(body, Math.max(1, request.batchSize), `reading ${unit.label}`)) {
        if (!converters) {
          fields = page.schema?.fields ?? [];
          converters = fields.map(cellConverter);
        }
        const rows: CellValue[][] = [];
        const rejects: RecordBatch['rejects'] = [];
        const pageRows = page.rows ?? [];
        for (let r = 0; r < pageRows.length; r++) {
          const cells = pageRows[r]!.f;
          const out: CellValue[] = new Array(request.columns.length);
          let bad: string | null = null;
          for (let c = 0; c < request.columns.length; c++) {
            const v = cells[c]?.v;
            if (typeof v === 'string') stats.bytesRead += v.length + 8;
            const value = converters[c] ? converters[c]!(v) : null;
            if (value === INVALID) {
              bad ??= `column ${JSON.stringify(request.columns[c])}: ${JSON.stringify(String(v).slice(0, 80))} is not a valid ${fields[c]?.type ?? 'value'}`;
              out[c] = null;
            } else {
              out[c] = value;
            }
          }
          if (bad) rejects.push({ row: firstRow + r, reason: bad });
          else rows.push(out);
        }
        if (pageRows.length === 0) continue;
        yield { rows, firstRow, rejects, bytesRead: stats.bytesRead };
        firstRow += pageRows.length;
      }
    },
  };
}

export const bigqueryFactory: ConnectorFactory = {
  platform: 'BIGQUERY',
  async normalize(input, config) {
    const projectId = requiredString(input, 'projectId', 'bigquery.projectId', 'Project ID');
    if (!PROJECT_ID.test(projectId)) {
      throw badInput('bigquery.projectId', `Project ID "${projectId.slice(0, 80)}" is not valid: 6–30 lower-case letters, digits and hyphens, starting with a letter (or the legacy domain:project form)`);
    }
    const dataset = requiredString(input, 'dataset', 'bigquery.dataset', 'Dataset');
    if (!DATASET_ID.test(dataset)) {
      throw badInput('bigquery.dataset', `Dataset "${dataset.slice(0, 80)}" is not valid: letters, digits and underscores only, at most 1024 characters (without the project: for acme:audiences enter audiences)`);
    }
    let location = optionalString(input, 'location');
    if (location) {
      if (!LOCATION.test(location)) throw badInput('bigquery.location', `Location "${location.slice(0, 40)}" is not a BigQuery location (e.g. US, EU, europe-west2)`);
      if (location.length === 2) location = location.toUpperCase();
    }
    const settings: BigQuerySettings = { projectId, dataset, location };
    const endpoint = optionalString(input, 'endpoint');
    if (endpoint) {
      if (!config.allowPrivateEndpoints) {
        throw badInput('bigquery.endpoint', 'A custom BigQuery endpoint is only for tests: this server does not allow private endpoints');
      }
      const why = await checkEndpoint(endpoint, true);
      if (why) throw badInput('bigquery.endpoint', `Endpoint ${why}`);
      settings.endpoint = endpoint.replace(/\/+$/, '');
    }
    const trustTokenUri = bigqueryTestEndpoint(settings as unknown as Record<string, unknown>, config) !== null;
    const { credentials, credentialsHint } = normalizeKey(input.credentials as Input | undefined, 'bigquery.credentials.serviceAccountKey', trustTokenUri);
    return { settings: settings as unknown as Record<string, unknown>, credentials, credentialsHint };
  },
  async normalizeCredentials(input, config, settings) {
    return normalizeKey(input.gcp as Input | undefined, 'gcp.serviceAccountKey', bigqueryTestEndpoint(settings ?? {}, config) !== null);
  },
  create(settings, credentials, config) {
    return createBigQueryConnector(settings as unknown as BigQuerySettings, credentials, config);
  },
};
