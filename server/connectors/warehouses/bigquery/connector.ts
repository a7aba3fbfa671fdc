/**
 * Google BigQuery: a dataset is a set of tables; a read is one query. This file is the connector itself (the REST calls
 * and what each operation does with them); input.ts checks what a user gives, errors.ts explains failures, sql.ts
 * writes the queries, types.ts maps and converts BigQuery's types, and ../rows-to-batches.ts turns rows into batches.
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
 * - large reads (issue 21): the first run of an activity import of a table larger than WINDOW_BYTES is planned as one
 *   unit per window of the watermark column (`SELECT MIN(w), MAX(w)` first), so no query sorts the whole table or
 *   returns more than the maximum query response (~10 GB compressed); a read BigQuery still refuses as too large
 *   (resourcesExceeded, responseTooLarge) before any row came is split in two windows, again and again; a snapshot of
 *   a large table (or one refused as responseTooLarge) is paged with `tabledata.list` (selectedFields, no query, no
 *   response limit, nothing billed). A view cannot be paged that way: the error then says so.
 * - tables with `requirePartitionFilter` (shown by discovery from INFORMATION_SCHEMA.TABLE_OPTIONS): a read whose
 *   conditions do not already filter the partitioning column adds `(col >= @partition_floor OR col IS NULL)`, which
 *   covers every partition (NULL and the streaming buffer too). Chosen over refusing such imports at creation: the
 *   table is read exactly as one without the option would be, and later activity runs are pruned by the watermark.
 * - errors by their documented `reason` (errors.ts); `errors[]` on a completed answer are warnings, not failures.
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
 * (no access to real BigQuery). Paged `jobs.getQueryResults` and `tabledata.list` keep memory bounded.
 */
import type { BigQuery, BigQueryOptions } from '@google-cloud/bigquery';
import { randomUUID } from 'node:crypto';
import type { Config } from '../../../config.js';
import { log, registerSecret } from '../../../log.js';
import type { Connector, ConnectorFactory, DiscoveredColumn, DiscoveredTable, ReadRequest, ReadUnit } from '../../connector.js';
import { SourceError } from '../../errors.js';
import type { IoStats } from '../../files/object-store.js';
import type { RecordBatch } from '../../formats/format.js';
import { ServiceAccountTokens } from '../../google-auth.js';
import { installGoogleCloudAgents, safeAgents } from '../../net/agents.js';
import { rowsToBatches, type RowShape } from '../rows-to-batches.js';
import { explainBigQueryError, reasonOf, type ErrorContext } from './errors.js';
import { bigqueryInput, bigqueryTestEndpoint, readKey, type BigQuerySettings } from './input.js';
import { boundsQuery, discoveryQuery, PSEUDO_COLUMNS, readQuery, WINDOW_TYPES, windowValue, type ReadWindow } from './sql.js';
import { cellConverter, mapBigQueryType, type RestRow, type SchemaField } from './types.js';

const SCOPE = 'https://www.googleapis.com/auth/bigquery';
/** Long-poll for a running query, per request (BigQuery waits up to this long before answering jobComplete=false). */
const POLL_TIMEOUT_MS = 10_000;
const METADATA_PAGE_ROWS = 10_000;
/**
 * Table bytes per window of a first run (activity imports), and beyond which a snapshot of a table is paged with
 * tabledata.list instead of a query. Below BigQuery's maximum query response (about 10 GB compressed), so a window's
 * result fits in one; the ORDER BY of a window sorts that much at most. A window that still fails with
 * resourcesExceeded or responseTooLarge (skewed data) is split in two, again and again.
 */
export const WINDOW_BYTES = 4 * 1024 ** 3;
const MAX_WINDOWS = 1000;
/** Reasons a read is retried as smaller windows (or, for a snapshot of a table, through tabledata.list). */
const TOO_LARGE = new Set(['resourcesExceeded', 'responseTooLarge']);

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
  rangePartitioning?: { field?: string };
  requirePartitionFilter?: boolean;
}

interface TableDataList {
  rows?: RestRow[];
  pageToken?: string;
  totalRows?: string;
}


/** A BigQuery connector for one dataset; the client library is loaded on first use. */
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
      const options: Parameters<BigQuery['request']>[0] = { method, uri, qs: query, json };
      bq.request(options, (error: unknown, body: unknown) => {
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
      // A failed job answers an HTTP error; `errors[]` on a successful answer are "the first errors or warnings
      // encountered during the running of the job" and "do not necessarily mean that the job … was unsuccessful".
      if (page.errors?.length) log.debug('bigquery: a completed query reported non-fatal errors', { what, reasons: page.errors.map((e) => e.reason ?? '?').join(', ') });
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
      interface Meta { kind: string; tableType: string; requirePartitionFilter: boolean; columns: (DiscoveredColumn & { ordinal: number | null; clustering: number | null; pseudo: boolean })[]; warnings: string[] }
      const tables = new Map<string, Meta>();
      for await (const page of queryPages({ query: discoveryQuery(settings) }, METADATA_PAGE_ROWS, `discovering the tables of dataset ${datasetDot}`)) {
        for (const row of page.rows ?? []) {
          const [tableName, columnName, ordinal, isNullable, dataType, systemDefined, partitioning, clustering, tableType, requireFilter] = row.f.map((c) => (c.v === null || c.v === undefined ? null : String(c.v)));
          if (!tableName || !columnName || !dataType) continue;
          let meta = tables.get(tableName);
          if (!meta) {
            const type = (tableType ?? 'BASE TABLE').toUpperCase();
            const kind = type.includes('VIEW') ? 'VIEW' : type === 'EXTERNAL' ? 'EXTERNAL' : 'TABLE';
            meta = { kind, tableType: type, requirePartitionFilter: requireFilter?.toLowerCase() === 'true', columns: [], warnings: [] };
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
          // Every query must filter on the partitioning column: reads add one that covers every partition.
          if (meta.requirePartitionFilter) details.requirePartitionFilter = true;
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
      const label = tableLabel(request.table);
      // The first run of an activity import of a large table: one query per window of the watermark column, so no
      // query sorts (ORDER BY) the whole table or returns more than BigQuery's maximum response.
      const watermark = request.watermark;
      const type = watermark?.column ? fieldTypeOf(table, watermark.column) : undefined;
      if (watermark?.column && (watermark.after === null || watermark.after === undefined) && size && size > WINDOW_BYTES && type && WINDOW_TYPES.has(type)) {
        const range = await bounds(table, request);
        if (range) {
          const count = BigInt(Math.min(MAX_WINDOWS, Math.ceil(size / WINDOW_BYTES)));
          const span = range.end - range.start;
          const step = span / count + (span % count === 0n ? 0n : 1n);
          const units: ReadUnit[] = [];
          for (let start = range.start; start < range.end; start += step) {
            const end = start + step < range.end ? start + step : range.end;
            units.push({ id: `window:${start}:${end}`, label: `${label} (${watermark.column} window ${units.length + 1})`, size: Math.round(size / Number(count)) });
          }
          return units;
        }
      }
      return [{ id: 'query', label, size: Number.isFinite(size) ? size : null }];
    },


    async *read(unit: ReadUnit, request: ReadRequest): AsyncIterable<RecordBatch> {
      if (request.columns.length === 0) throw new SourceError('internal', `No columns to read from ${tableLabel(request.table)}`);
      const table = await getTable(request.table);
      const counter = { firstRow: 1 };
      const window = /^window:(-?\d+):(-?\d+)$/.exec(unit.id);
      if (!request.watermark?.column && listable(table, request) && Number(table.numBytes ?? 0) > WINDOW_BYTES) {
        // A snapshot of a large table: paged straight from the table (no query, no response limit, nothing billed).
        yield* listTable(table, request, counter);
        return;
      }
      yield* readWindow(table, request, unit.label, window ? { start: BigInt(window[1]!), end: BigInt(window[2]!) } : undefined, counter);
    },
  };

  function fieldTypeOf(table: TableResource, name: string): string | undefined {
    return (table.schema?.fields ?? []).find((f) => f.name === name)?.type ?? PSEUDO_COLUMNS[name.toUpperCase()];
  }

  /** The window [lowest, highest + 1) of the watermark values a read would see, or null when there are none. */
  async function bounds(table: TableResource, request: ReadRequest): Promise<ReadWindow | null> {
    const fieldType = (name: string) => fieldTypeOf(table, name);
    const body = boundsQuery(settings, request, fieldType, table, tableLabel(request.table));
    const type = fieldType(request.watermark!.column)!;
    for await (const page of queryPages(body, 1, `planning the read of ${tableLabel(request.table)}`)) {
      const [lo, hi] = (page.rows?.[0]?.f ?? []).map((c) => (c.v === null || c.v === undefined ? null : String(c.v)));
      if (lo === null || lo === undefined || hi === null || hi === undefined) return null;
      return { start: windowValue(type, lo), end: windowValue(type, hi) + 1n };
    }
    return null;
  }

  /** Whether a read can page the table itself (tabledata.list): a table, only its own columns, no GEOGRAPHY (read as GeoJSON by query). */
  function listable(table: TableResource, request: ReadRequest): boolean {
    return (table.type ?? 'TABLE') === 'TABLE' && request.columns.every((c) => {
      const type = (table.schema?.fields ?? []).find((f) => f.name === c)?.type;
      return type !== undefined && type !== 'GEOGRAPHY';
    });
  }

  /**
   * One query over `window` (or the whole read), page by page. When BigQuery answers that it is too large
   * (resourcesExceeded, responseTooLarge) before any row came, a read with a window-able watermark is split in two
   * windows, each read the same way; a snapshot of a table is paged with tabledata.list instead.
   */
  async function* readWindow(table: TableResource, request: ReadRequest, label: string, window: ReadWindow | undefined, counter: { firstRow: number }): AsyncGenerator<RecordBatch> {
    const fieldType = (name: string) => fieldTypeOf(table, name);
    const body = readQuery(settings, request, fieldType, table, tableLabel(request.table), window);
    const pages = queryPages(body, Math.max(1, request.batchSize), `reading ${label}`);
    let first: IteratorResult<QueryResponse>;
    try {
      first = await pages.next();
    } catch (error) {
      const reason = reasonOf(error);
      if (!reason || !TOO_LARGE.has(reason)) throw error;
      const watermarkType = request.watermark?.column ? fieldType(request.watermark.column) : undefined;
      if (watermarkType && WINDOW_TYPES.has(watermarkType)) {
        const range = window ?? (await bounds(table, request));
        if (!range) throw error;
        if (range.end - range.start <= 1n) throw error;
        const middle = range.start + (range.end - range.start) / 2n;
        log.info('bigquery: a read was too large for one query; splitting it', { table: request.table, reason });
        yield* readWindow(table, request, label, { start: range.start, end: middle }, counter);
        yield* readWindow(table, request, label, { start: middle, end: range.end }, counter);
        return;
      }
      if (!request.watermark?.column && listable(table, request)) {
        yield* listTable(table, request, counter);
        return;
      }
      throw error;
    }
    let shape: RowShape<RestRow> | null = null;
    for (let step = first; !step.done; step = await pages.next()) {
      const page = step.value;
      if (!shape) {
        const fields: SchemaField[] = page.schema?.fields ?? [];
        shape = {
          columns: request.columns,
          converters: fields.map(cellConverter),
          cell: (row, c) => row.f[c]?.v,
          valueBytes: (v) => (typeof v === 'string' ? v.length + 8 : 0),
          invalid: (c) => `is not a valid ${fields[c]?.type ?? 'value'}`,
        };
      }
      // One batch per page (a page holds at most batchSize rows): rows are handed on as soon as their page arrives.
      const pageRows = page.rows ?? [];
      yield* rowsToBatches(pageRows, shape, stats, Infinity, counter.firstRow);
      counter.firstRow += pageRows.length;
    }
  }

  /**
   * A snapshot read paged straight from the table with tabledata.list (`selectedFields`, `maxResults = batchSize`,
   * `pageToken`): no query job, so no maximum response size and nothing billed; rows come in the table's column order
   * restricted to the selected fields. The next page is requested while the current one is consumed.
   */
  async function* listTable(table: TableResource, request: ReadRequest, counter: { firstRow: number }): AsyncGenerator<RecordBatch> {
    const fields = table.schema?.fields ?? [];
    const selected = fields.filter((f) => request.columns.includes(f.name));
    const position = request.columns.map((c) => selected.findIndex((f) => f.name === c));
    const ctx = {
      what: `reading ${tableLabel(request.table)}`,
      notFound: `Table ${datasetColon}.${request.table} no longer exists (or the service account cannot see it): refresh the schema`,
      permission: `bigquery.tables.getData on ${datasetDot}.${request.table} (grant roles/bigquery.dataViewer on the dataset)`,
    };
    const fetchPage = (pageToken?: string) =>
      api<TableDataList>('GET', `${tablePath(request.table)}/data`, ctx, {
        maxResults: Math.max(1, request.batchSize),
        selectedFields: selected.map((f) => f.name).join(','),
        pageToken,
        'formatOptions.useInt64Timestamp': true,
      });
    const shape: RowShape<RestRow> = {
      columns: request.columns,
      converters: position.map((p) => (p >= 0 ? cellConverter(selected[p]!) : undefined)),
      cell: (row, c) => row.f[position[c]!]?.v,
      valueBytes: (v) => (typeof v === 'string' ? v.length + 8 : 0),
      invalid: (c) => `is not a valid ${selected[position[c]!]?.type ?? 'value'}`,
    };
    let page = await fetchPage();
    for (;;) {
      const next = page.pageToken ? fetchPage(page.pageToken) : null;
      next?.catch(() => undefined); // surfaced when awaited below; the consumer may also stop early
      const rows = page.rows ?? [];
      yield* rowsToBatches(rows, shape, stats, Infinity, counter.firstRow);
      counter.firstRow += rows.length;
      if (!next) return;
      page = await next;
    }
  }
}

/** Connects to one BigQuery dataset with a service-account key. */
export const bigqueryFactory: ConnectorFactory = {
  platform: 'BIGQUERY',
  ...bigqueryInput,
  create(settings, credentials, config) {
    return createBigQueryConnector(settings as unknown as BigQuerySettings, credentials, config);
  },
};
