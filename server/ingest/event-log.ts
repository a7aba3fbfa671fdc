// The event log: where accepted events are committed before the answer, read in order by consumers (routing), and
// purged after retention. One interface; the database implementation here (a table in SQLite or PostgreSQL).
import { commitConsumerPosition, consumerPosition, type IngestSql } from './sql.js';

/** One event ready to append: its body is the stored JSON (with received_at and workspace_id). */
export interface LogRow {
  eventId: string;
  type: string;
  userId: string;
  time: string;
  receivedAt: string;
  body: string;
}

/**
 * An event read back from the log, with its position (increasing per workspace). `body` is the stored JSON text as
 * ingestion wrote it, not parsed: a consumer that passes it on (the S3 Streaming writer) needs no parse or stringify.
 */
export interface LoggedEvent {
  readonly position: number;
  readonly receivedAt: string;
  readonly body: string;
  /** The body parsed (on each access). */
  readonly event: Record<string, unknown>;
}

class StoredEvent implements LoggedEvent {
  constructor(readonly position: number, readonly receivedAt: string, readonly body: string) {}
  get event(): Record<string, unknown> {
    return JSON.parse(this.body) as Record<string, unknown>;
  }
}

/** A logged event from its position, receive time and stored body. */
export function loggedEvent(position: number, receivedAt: string, body: string): LoggedEvent {
  return new StoredEvent(position, receivedAt, body);
}

/**
 * The `received_at` of a stored body, read from its text: ingestion writes it after the event's own fields (which may
 * not include one), so its last top-level occurrence is the last `,"received_at":"` (a quote inside a JSON string is
 * always escaped, so the pattern cannot come from a value). Falls back to parsing for bodies of another shape.
 */
export function receivedAtOf(body: string): string {
  const at = body.lastIndexOf(',"received_at":"');
  if (at > 0) {
    const from = at + 16;
    const to = body.indexOf('"', from);
    if (to > from) return body.slice(from, to);
  }
  return String((JSON.parse(body) as { received_at?: unknown }).received_at);
}

/** What ingestion and routing need from a log, whatever stores it. */
export interface EventLog {
  readonly kind: string;
  /** Commits rows durably; per row, true when it was new (false: its event id was already in the log). */
  append(workspaceId: string, rows: LogRow[]): Promise<boolean[]>;
  /** Up to `limit` events of a workspace after `position`, in order. */
  read(workspaceId: string, after: number, limit: number): Promise<LoggedEvent[]>;
  /** The newest events of a workspace, newest first (the live debugger). */
  recent(workspaceId: string, filter: { type?: string | null; userId?: string | null; limit: number }): Promise<Record<string, unknown>[]>;
  /** Where a consumer is (0 before it took anything). */
  position(consumer: string, workspaceId: string): Promise<number>;
  /** Records that a consumer has taken everything up to `position`. */
  commit(consumer: string, workspaceId: string, position: number): Promise<void>;
  /** Age of the oldest event the consumer has not taken, or null when it is caught up. */
  oldestUntakenAgeMs(consumer: string, workspaceId: string, now?: number): Promise<number | null>;
  /** For each workspace, the most events any consumer has not yet taken, counted up to `cap`. */
  backlog(cap: number): Promise<Map<string, number>>;
  /** Deletes events received before `cutoff` and taken by every consumer, among the `max` positions after `after`. */
  purge(cutoff: string, max: number, after?: number): Promise<{ deleted: number; scannedTo: number; done: boolean }>;
  /** Events of a workspace in the log. */
  count(workspaceId: string): Promise<number>;
  close(): Promise<void>;
}

/** The log as a table of Inlet's own database (the embedded default). */
export class DbEventLog implements EventLog {
  readonly kind = 'database';
  constructor(private readonly sql: IngestSql) {}

  private queue: { workspaceId: string; rows: LogRow[]; resolve: (r: boolean[]) => void; reject: (e: unknown) => void }[] = [];
  private flushScheduled = false;

  async append(workspaceId: string, rows: LogRow[]): Promise<boolean[]> {
    if (!rows.length) return [];
    if (this.sql.dialect === 'sqlite') {
      // Group commit: batches whose bodies were read in the same turn of the event loop share one synced transaction,
      // so 8 clients cost one fsync, not 8. Each still resolves only after that commit.
      return new Promise((resolve, reject) => {
        this.queue.push({ workspaceId, rows, resolve, reject });
        if (!this.flushScheduled) {
          this.flushScheduled = true;
          setImmediate(() => void this.flush());
        }
      });
    }
    // One statement for the batch; the per-workspace lock makes positions commit in order, so a reader never skips one.
    const [result] = await this.sql.batch(
      [
        {
          sql: `INSERT INTO "event_log" ("workspace_id", "event_id", "type", "user_id", "time", "received_at", "body")
                SELECT ?, * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                ON CONFLICT ("workspace_id", "event_id") DO NOTHING RETURNING "event_id"`,
          params: [workspaceId, rows.map((r) => r.eventId), rows.map((r) => r.type), rows.map((r) => r.userId), rows.map((r) => r.time), rows.map((r) => r.receivedAt), rows.map((r) => r.body)],
        },
      ],
      { lockKey: `inlet:events:${workspaceId}` },
    );
    const inserted = new Set(result!.rows.map((r) => r.event_id as string));
    return rows.map((r) => inserted.has(r.eventId));
  }

  private async flush(): Promise<void> {
    const jobs = this.queue.splice(0);
    this.flushScheduled = false;
    const insert = `INSERT INTO "event_log" ("workspace_id", "event_id", "type", "user_id", "time", "received_at", "body") VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT ("workspace_id", "event_id") DO NOTHING`;
    const statements = jobs.flatMap((j) => j.rows.map((r) => ({ sql: insert, params: [j.workspaceId, r.eventId, r.type, r.userId, r.time, r.receivedAt, r.body] })));
    try {
      const results = await this.sql.batch(statements, { durable: true });
      let at = 0;
      for (const j of jobs) {
        j.resolve(results.slice(at, at + j.rows.length).map((r) => r.changes > 0));
        at += j.rows.length;
      }
    } catch (error) {
      for (const j of jobs) j.reject(error);
    }
  }

  async read(workspaceId: string, after: number, limit: number): Promise<LoggedEvent[]> {
    const rows = await this.sql.all<{ seq: number | string; received_at: string; body: string }>(
      `SELECT "seq", "received_at", "body" FROM "event_log" WHERE "workspace_id" = ? AND "seq" > ? ORDER BY "seq" LIMIT ?`,
      [workspaceId, after, limit],
    );
    return rows.map((r) => loggedEvent(Number(r.seq), r.received_at, r.body));
  }

  async recent(workspaceId: string, filter: { type?: string | null; userId?: string | null; limit: number }): Promise<Record<string, unknown>[]> {
    const where = ['"workspace_id" = ?'];
    const params: unknown[] = [workspaceId];
    if (filter.type) (where.push('"type" = ?'), params.push(filter.type));
    if (filter.userId) (where.push('"user_id" = ?'), params.push(filter.userId));
    // Only the newest 100,000 positions are searched: the debugger shows what is arriving, never scans the whole log.
    const [top] = await this.sql.all<{ m: number | string | null }>(`SELECT MAX("seq") AS m FROM "event_log" WHERE "workspace_id" = ?`, [workspaceId]);
    where.push('"seq" > ?');
    params.push(Number(top?.m ?? 0) - 100_000);
    const rows = await this.sql.all<{ body: string }>(`SELECT "body" FROM "event_log" WHERE ${where.join(' AND ')} ORDER BY "seq" DESC LIMIT ?`, [...params, filter.limit]);
    return rows.map((r) => JSON.parse(r.body));
  }

  position(consumer: string, workspaceId: string): Promise<number> {
    return consumerPosition(this.sql, consumer, workspaceId);
  }

  commit(consumer: string, workspaceId: string, position: number): Promise<void> {
    return commitConsumerPosition(this.sql, consumer, workspaceId, position);
  }

  async oldestUntakenAgeMs(consumer: string, workspaceId: string, now = Date.now()): Promise<number | null> {
    const after = await this.position(consumer, workspaceId);
    const [row] = await this.sql.all<{ received_at: string }>(
      `SELECT "received_at" FROM "event_log" WHERE "workspace_id" = ? AND "seq" > ? ORDER BY "seq" LIMIT 1`,
      [workspaceId, after],
    );
    return row ? Math.max(0, now - Date.parse(row.received_at)) : null;
  }

  async backlog(cap: number): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    const consumers = await this.sql.all<{ workspace_id: string; position: number | string }>(`SELECT "workspace_id", "position" FROM "event_consumer"`);
    for (const c of consumers) {
      // Counted through the (workspace, position) index and stopped at the cap: bounded work however far behind.
      const [row] = await this.sql.all<{ n: number | string }>(
        `SELECT COUNT(*) AS n FROM (SELECT 1 FROM "event_log" WHERE "workspace_id" = ? AND "seq" > ? LIMIT ?) t`,
        [c.workspace_id, c.position, cap + 1],
      );
      out.set(c.workspace_id, Math.max(out.get(c.workspace_id) ?? 0, Number(row?.n ?? 0)));
    }
    return out;
  }

  async purge(cutoff: string, max: number, after = 0): Promise<{ deleted: number; scannedTo: number; done: boolean }> {
    // Positions grow with receive time, so the oldest rows are the lowest positions: a window of `max` positions after
    // `after` is scanned (no index on received_at, bounded work), and a workspace's rows stay while a consumer of it
    // has not taken them.
    const window = await this.sql.all<{ seq: number | string; received_at: string; keep: number | string }>(
      `SELECT l."seq", l."received_at", (SELECT COUNT(*) FROM "event_consumer" c WHERE c."workspace_id" = l."workspace_id" AND c."position" < l."seq") AS keep
       FROM "event_log" l WHERE l."seq" > ? ORDER BY l."seq" LIMIT ?`,
      [after, max],
    );
    const old = window.filter((r) => r.received_at < cutoff);
    const doomed = old.filter((r) => Number(r.keep) === 0).map((r) => Number(r.seq));
    let deleted = 0;
    for (let i = 0; i < doomed.length; i += 500) {
      const part = doomed.slice(i, i + 500);
      deleted += await this.sql.run(`DELETE FROM "event_log" WHERE "seq" IN (${part.map(() => '?').join(', ')})`, part);
    }
    const scannedTo = window.length ? Number(window[window.length - 1]!.seq) : after;
    return { deleted, scannedTo, done: window.length < max || old.length < window.length };
  }

  async count(workspaceId: string): Promise<number> {
    const [row] = await this.sql.all<{ n: number | string }>(`SELECT COUNT(*) AS n FROM "event_log" WHERE "workspace_id" = ?`, [workspaceId]);
    return Number(row?.n ?? 0);
  }

  async close(): Promise<void> {}
}
