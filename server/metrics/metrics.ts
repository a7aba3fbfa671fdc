/**
 * metrics/: `GET /metrics` in Prometheus text format (prom-client), one registry per server.
 *
 * - Counters and histograms are this process's: each server counts what it did (the runs it executed, the refreshes
 *   it ran, the events it accepted, the GraphQL requests it answered). Scrape every server and let Prometheus sum
 *   them (`sum by (type, status) (inlet_import_runs_total)`): nothing is counted twice, since a fact is counted by
 *   the process that published it (DomainEvents.react, fed from server/wiring.ts).
 * - Gauges of shared state (queue depth, oldest queued job) are read from the `job` table at scrape time, so every
 *   server answers the same, correct number whichever server queued the work: take `max`, not `sum`, of those.
 * - Delivery lag per destination (`inlet_delivery_lag_seconds{destination}`) belongs to routing: read at scrape time
 *   through `deliveryLag` (routing's positions in the event log), like the queue gauges.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type express from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { log } from '../log.js';

/** Operation names become label values: at most this many distinct ones, the rest are "other" (a client picks names). */
const MAX_OPERATION_NAMES = 200;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** What a finished run contributes (ImportRunFinished, with the import's type). */
export interface FinishedRun {
  importType: string;
  status: 'SUCCEEDED' | 'FAILED' | 'CANCELLED';
  rowsRead: number;
  rowsImported: number;
  rowsRejected: number;
  bytesRead: number;
  /** Null when the run never started (cancelled or skipped while queued). */
  durationMs: number | null;
}

/** The server's metrics: counters fed by wiring.ts and the GraphQL edges, gauges read at scrape time. */
export class Metrics {
  readonly registry = new Registry();
  private readonly runs: Counter<'type' | 'status'>;
  private readonly rowsRead: Counter<'type'>;
  private readonly rowsImported: Counter<'type'>;
  private readonly rowsRejected: Counter<'type'>;
  private readonly bytesRead: Counter<'type'>;
  private readonly runDuration: Histogram<'type' | 'status'>;
  private readonly refreshes: Counter<'outcome'>;
  private readonly refreshRequests: Counter;
  private readonly refreshBytes: Counter;
  private readonly eventsAccepted: Counter;
  private readonly eventsRejected: Counter;
  private readonly graphqlDuration: Histogram<'operation' | 'type' | 'outcome'>;
  private readonly subscriptions: Gauge;
  private readonly operationNames = new Set<string>();

  /** Every streaming destination's lag (routing fills this in; none until it does). */
  deliveryLag: () => Promise<{ destination: string; seconds: number }[]> = async () => [];

  constructor(db: DataSource) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.runs = new Counter({ name: 'inlet_import_runs_total', help: 'Import runs that reached a final status, by import type and status', labelNames: ['type', 'status'], registers });
    this.rowsRead = new Counter({ name: 'inlet_import_rows_read_total', help: 'Rows read by finished import runs (published or not), by import type', labelNames: ['type'], registers });
    this.rowsImported = new Counter({ name: 'inlet_import_rows_imported_total', help: 'Rows published by successful import runs, by import type', labelNames: ['type'], registers });
    this.rowsRejected = new Counter({ name: 'inlet_import_rows_rejected_total', help: 'Rows rejected by finished import runs, by import type', labelNames: ['type'], registers });
    this.bytesRead = new Counter({ name: 'inlet_import_bytes_read_total', help: 'Bytes read from sources by finished import runs, by import type', labelNames: ['type'], registers });
    this.runDuration = new Histogram({
      name: 'inlet_import_run_duration_seconds',
      help: 'Import run duration from start to end, by import type and final status',
      labelNames: ['type', 'status'],
      buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200],
      registers,
    });
    this.refreshes = new Counter({ name: 'inlet_schema_refreshes_total', help: 'Schema refreshes that ended, by outcome (ok, error)', labelNames: ['outcome'], registers });
    this.refreshRequests = new Counter({ name: 'inlet_schema_refresh_requests_total', help: 'Requests schema refreshes made to sources', registers });
    this.refreshBytes = new Counter({ name: 'inlet_schema_refresh_bytes_total', help: 'Bytes schema refreshes read from sources', registers });
    this.eventsAccepted = new Counter({ name: 'inlet_events_ingested_total', help: 'Events accepted by POST /v1/events', registers });
    this.eventsRejected = new Counter({ name: 'inlet_events_rejected_total', help: 'Events refused by POST /v1/events (each listed in its answer)', registers });
    this.graphqlDuration = new Histogram({
      name: 'inlet_graphql_request_duration_seconds',
      help: 'GraphQL requests over HTTP, from receipt to response, by operation name, operation type and outcome (ok, error)',
      labelNames: ['operation', 'type', 'outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    // Delivery lag per destination: asked of routing at scrape time (routing sets `deliveryLag` in services.ts).
    new Gauge({
      name: 'inlet_delivery_lag_seconds',
      help: 'S3 Streaming destinations: age in seconds of the oldest event not yet delivered (0 when caught up), by destination (connection id); read at scrape time',
      labelNames: ['destination'],
      registers: [this.registry],
      collect: async function (this: Gauge<'destination'>) {
        this.reset();
        for (const { destination, seconds } of await lagOf()) this.set({ destination }, seconds);
      },
    });
    const lagOf = () => this.deliveryLag();
    this.subscriptions = new Gauge({ name: 'inlet_graphql_subscriptions_open', help: 'GraphQL subscriptions open on this server (graphql-ws)', registers });

    // The three queue gauges are filled by one query per scrape: the registry asks every metric at once, and each of
    // these awaits the same read (`shared`), so none is read before the query has set it.
    let shared: Promise<void> | null = null;
    const refresh = (): Promise<void> =>
      (shared ??= collectShared(db, { depth, running, oldest }).finally(() => {
        shared = null;
      }));
    const queueGauge = (name: string, help: string) => new Gauge({ name, help, labelNames: ['kind'], registers, collect: refresh });
    const depth = queueGauge('inlet_jobs_queued', 'Jobs queued (due or waiting for a retry), by kind; read from the job table, the same on every server');
    const running = queueGauge('inlet_jobs_running', 'Jobs running on any server, by kind; read from the job table');
    const oldest = queueGauge('inlet_jobs_oldest_queued_age_seconds', 'Age of the oldest due queued job, by kind (0 when none waits); read from the job table');
  }

  /** A run reached its final status here. */
  runFinished(run: FinishedRun): void {
    const type = run.importType;
    this.runs.inc({ type, status: run.status });
    this.rowsRead.inc({ type }, run.rowsRead);
    this.rowsRejected.inc({ type }, run.rowsRejected);
    this.bytesRead.inc({ type }, run.bytesRead);
    if (run.status === 'SUCCEEDED') this.rowsImported.inc({ type }, run.rowsImported);
    if (run.durationMs !== null) this.runDuration.observe({ type, status: run.status }, run.durationMs / 1000);
  }

  /** A schema refresh ended here, with what it cost. */
  schemaRefreshed(ok: boolean, requests: number, bytesRead: number): void {
    this.refreshes.inc({ outcome: ok ? 'ok' : 'error' });
    this.refreshRequests.inc(requests);
    this.refreshBytes.inc(bytesRead);
  }

  /** Events this server accepted and refused in the last second. */
  eventsIngested(accepted: number, rejected: number): void {
    this.eventsAccepted.inc(accepted);
    this.eventsRejected.inc(rejected);
  }

  subscriptionOpened(): void {
    this.subscriptions.inc();
  }

  subscriptionClosed(): void {
    this.subscriptions.dec();
  }

  /** A bounded label for a client-chosen operation name. */
  private operationLabel(name: string | null | undefined): string {
    if (!name) return 'anonymous';
    if (!OPERATION_NAME.test(name)) return 'other';
    if (this.operationNames.has(name)) return name;
    if (this.operationNames.size >= MAX_OPERATION_NAMES) return 'other';
    this.operationNames.add(name);
    return name;
  }

  /** The Apollo Server plugin timing every HTTP GraphQL request by operation name. */
  apolloPlugin(): ApolloServerPlugin {
    return {
      requestDidStart: async () => {
        const started = process.hrtime.bigint();
        return {
          willSendResponse: async (ctx) => {
            const seconds = Number(process.hrtime.bigint() - started) / 1e9;
            const body = ctx.response.body;
            const errors = ctx.errors?.length || (body.kind === 'single' && body.singleResult.errors?.length);
            this.graphqlDuration.observe(
              { operation: ctx.operation ? this.operationLabel(ctx.operationName ?? ctx.operation.name?.value) : 'unresolved', type: ctx.operation?.operation ?? 'unknown', outcome: errors ? 'error' : 'ok' },
              seconds,
            );
          },
        };
      },
    };
  }

  /** The graphql-ws hooks counting open subscriptions (a streaming result opens one; its completion, abrupt or not, closes it). */
  wsHooks() {
    const open = new WeakMap<object, Set<string>>();
    return {
      onOperation: (ctx: object, id: string, _payload: unknown, _args: unknown, result: unknown) => {
        if (!result || typeof (result as AsyncIterable<unknown>)[Symbol.asyncIterator] !== 'function') return;
        const ids = open.get(ctx) ?? new Set<string>();
        open.set(ctx, ids);
        ids.add(id);
        this.subscriptionOpened();
      },
      onComplete: (ctx: object, id: string) => {
        if (open.get(ctx)?.delete(id)) this.subscriptionClosed();
      },
    };
  }

  /** `GET /metrics`: Prometheus text; with a token configured, only for `Authorization: Bearer <token>` (401 otherwise). */
  handler(token: string | null): express.RequestHandler {
    const expected = token ? createHash('sha256').update(token).digest() : null;
    return async (req, res) => {
      if (expected) {
        const given = /^Bearer\s+(\S+)$/i.exec(String(req.headers.authorization ?? '').trim())?.[1] ?? '';
        // Digests are the same length whatever was sent: the comparison takes the same time for any guess.
        if (!timingSafeEqual(createHash('sha256').update(given).digest(), expected)) {
          res.status(401).set('www-authenticate', 'Bearer realm="metrics"').json({ errors: [{ message: 'Send the metrics token as "Authorization: Bearer <token>" (INLET_METRICS_TOKEN)', extensions: { code: 'UNAUTHENTICATED' } }] });
          return;
        }
      }
      try {
        const text = await this.registry.metrics();
        res.status(200).set('content-type', this.registry.contentType).set('cache-control', 'no-store').send(text);
      } catch (error) {
        log.error('metrics not collected', { error: String((error as Error)?.message ?? error) });
        res.status(500).json({ errors: [{ message: 'Metrics could not be collected: the details are in the server log', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      }
    };
  }
}

/** The gauges of shared state, read from the database at scrape time. */
async function collectShared(db: DataSource, g: { depth: Gauge<'kind'>; running: Gauge<'kind'>; oldest: Gauge<'kind'> }): Promise<void> {
  const now = new Date().toISOString();
  // Times are ISO text (db/columns.ts): they compare as text on both databases. A queued retry becomes due at notBefore.
  const rows: { kind: string; queued: number | string; running: number | string; oldest: string | null }[] = await db.query(
    `SELECT "kind",
       SUM(CASE WHEN "status" = 'QUEUED' THEN 1 ELSE 0 END) AS "queued",
       SUM(CASE WHEN "status" = 'RUNNING' THEN 1 ELSE 0 END) AS "running",
       MIN(CASE WHEN "status" = 'QUEUED' AND ("notBefore" IS NULL OR "notBefore" <= ${db.options.type === 'postgres' ? '$1' : '?'}) THEN COALESCE("notBefore", "createdAt") END) AS "oldest"
     FROM "job" WHERE "status" IN ('QUEUED', 'RUNNING') GROUP BY "kind"`,
    [now],
  );
  g.depth.reset();
  g.running.reset();
  g.oldest.reset();
  for (const kind of KNOWN_KINDS) {
    g.depth.set({ kind }, 0);
    g.running.set({ kind }, 0);
    g.oldest.set({ kind }, 0);
  }
  for (const row of rows) {
    g.depth.set({ kind: row.kind }, Number(row.queued));
    g.running.set({ kind: row.kind }, Number(row.running));
    g.oldest.set({ kind: row.kind }, row.oldest ? Math.max(0, (Date.now() - Date.parse(row.oldest)) / 1000) : 0);
  }
  // Delivery lag per destination (routing) is its own gauge (inlet_delivery_lag_seconds), read from the event log.
}

/** Job kinds always listed (0 when idle), so a dashboard's series exist before the first job. */
const KNOWN_KINDS = ['import-run', 'schema-refresh'];
