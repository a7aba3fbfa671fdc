// First-party events: validates a batch, commits the good events to the event log before answering, then records
// what the batch teaches (aliases, event types with their property schema, per-minute counts) and feeds the live
// per-second counts. Also the background work of the log: backlog measurement and bounded retention purges.
import type { DataSource } from 'typeorm';
import type { Config } from '../config.js';
import type { DomainEvents, EventsIngested } from '../events/domain-events.js';
import { ImportType } from '../graphql/enums.js';
import { quoteIdent } from '../storage/data-store.js';
import type { ImportService } from '../imports/import.service.js';
import type { JobEngine } from '../jobs/engine.js';
import { log } from '../log.js';
import type { Principal } from '../workspaces/workspace.service.js';
import { DbEventLog, type EventLog, type LogRow } from './event-log.js';
import { JetStreamEventLog } from './jetstream-log.js';
import { schedulePurge } from './purge.job.js';
import { ingestSql, type IngestSql, type Stmt } from './sql.js';
import { eventBody, LIMITS, schemaTree, unknownPaths, validateEvent, type Rejection, type SchemaNode, type ValidEvent } from './validate.js';

export interface IngestResult {
  accepted: number;
  /** Accepted events whose event id the log already held (a retry): stored once. */
  duplicates: number;
  rejected: Rejection[];
}

export interface EventTypeInfo {
  name: string;
  firstSeen: Date;
  lastSeen: Date;
  countLastHour: number;
  countLast24h: number;
  /** Events per clock hour (UTC), the 24 hours up to and including the current one, oldest first (the sparkline). */
  hourlyCounts: number[];
  properties: { path: string; types: string[] }[];
  enforced: boolean;
}

export interface IdentityInfo {
  tag: string;
  id: string;
  priority: number | null;
  origin: string;
  seenAt: Date;
}

interface TypeState {
  enforced: boolean;
  schema: Map<string, Set<string>>;
  /** The schema as a tree of keys, walked beside an event's properties without building a path string per leaf. */
  tree: SchemaNode;
  /** The stored JSON, for compare-and-set updates across servers. */
  stored: string;
}

/** Counts per minute are kept this long: enough for "last 24 hours". */
const COUNT_KEEP_MS = 25 * 3600_000;
const TYPE_CACHE_MS = 2000;
const PURGE_WINDOW = 5000;
/** At most this many types in one per-second message (a NOTIFY payload is small). */
const MAX_TYPES_PER_MESSAGE = 40;

export class IngestService {
  readonly sql: IngestSql;
  readonly log: EventLog;
  private readonly types = new Map<string, { at: number; types: Map<string, TypeState> }>();
  private readonly perSecond = new Map<string, Map<string, { accepted: number; rejected: number }>>();
  private backlogs = new Map<string, number>();
  private inFlight = 0;
  private timers: NodeJS.Timeout[] = [];
  private purging: Promise<void> | null = null;
  /** The codes of each user's segments at receipt (audiences' bounded cache, wired in wiring.ts); events carry them as `segments`. */
  private segmentCodes: ((workspaceId: string, userIds: string[]) => Promise<Map<string, number[]>>) | null = null;

  constructor(db: DataSource, private readonly events: DomainEvents, private readonly config: Config, private readonly imports: ImportService, private readonly jobs: JobEngine, eventLog?: EventLog) {
    this.sql = ingestSql(db);
    this.log =
      eventLog ??
      (config.eventLog.startsWith('nats://') ? new JetStreamEventLog(config.eventLog, config.eventStream, config.eventRetentionMs, this.sql) : new DbEventLog(this.sql));
  }

  setSegmentLookup(lookup: (workspaceId: string, userIds: string[]) => Promise<Map<string, number[]>>): void {
    this.segmentCodes = lookup;
  }

  /** Starts the timers: per-second counts, backlog measurement, and the purge slot (the purge itself is a job, purge.job.ts). */
  start(): void {
    if (this.timers.length) return;
    if (this.log instanceof JetStreamEventLog) this.log.connection().catch((error) => log.error('the JetStream event log is unreachable', { error: String((error as Error).message) }));
    this.timers.push(setInterval(() => void this.flushCounts(), 1000).unref());
    this.timers.push(setInterval(() => void this.measureBacklog(), 1000).unref());
    this.timers.push(setInterval(() => void this.schedulePurge().catch((error) => log.warn('event purge not scheduled', { error: String(error) })), this.config.eventPurgeIntervalMs).unref());
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    await this.purging;
    await this.log.close();
  }

  /** Why a batch cannot be taken now and the seconds a client should wait before retrying, or null when it can. */
  overloaded(workspaceId: string): { retryAfter: number; reason: string } | null {
    if ((this.backlogs.get(workspaceId) ?? 0) > this.config.eventBacklogLimit) return { retryAfter: 5, reason: 'The event log is over its backlog limit: retry later' };
    // Batches waiting on the log are bounded too: past this, clients wait rather than the server's memory growing.
    if (this.inFlight >= this.config.eventMaxInFlight) return { retryAfter: 1, reason: 'Too many event batches are being received at once: retry later' };
    return null;
  }

  /** Counts a request as in flight from before its body is read (the memory it holds) until it is answered; call the result when done. */
  admit(): () => void {
    this.inFlight++;
    let done = false;
    return () => void (!done && ((done = true), this.inFlight--));
  }

  /** Validates and commits one batch; resolves only once the good events are committed to the log. */
  ingest(principal: Principal, raw: unknown[], now = Date.now()): Promise<IngestResult> {
    return this.ingestBatch(principal.workspaceId, raw, now);
  }

  private async ingestBatch(workspaceId: string, raw: unknown[], now: number): Promise<IngestResult> {
    const receivedAt = new Date(now).toISOString();
    const types = await this.typeStates(workspaceId);
    const rejected: Rejection[] = [];
    const good: ValidEvent[] = [];
    const goodJson: string[] = [];
    const seen = new Set<string>();
    let duplicates = 0;
    for (let i = 0; i < raw.length; i++) {
      const result = validateEvent(raw[i], i, now);
      let rejection = 'rejection' in result ? result.rejection : null;
      if (!rejection && 'event' in result) {
        const state = types.get(result.event.type);
        if (state?.enforced) rejection = enforce(result.event, state, i);
      }
      if (rejection) {
        rejected.push(rejection);
        const t = raw[i] && typeof (raw[i] as { type?: unknown }).type === 'string' ? String((raw[i] as { type: string }).type).slice(0, 64) : '(invalid)';
        bump(this.tallyFor(workspaceId), t).rejected++;
        continue;
      }
      const { event, propertiesJson } = result as { event: ValidEvent; propertiesJson: string };
      // The same id twice in one batch is one event.
      if (seen.has(event.event_id)) {
        duplicates++;
        continue;
      }
      seen.add(event.event_id);
      good.push(event);
      goodJson.push(propertiesJson);
    }
    // Segments at receipt; an unanswered lookup must not lose events (they carry none then, and the log says why).
    const codes = this.segmentCodes && good.length
      ? await this.segmentCodes(workspaceId, good.map((e) => e.user_id)).catch((error) => (log.warn('segments of event users not read', { error: String(error) }), null))
      : null;
    const workspaceIdJson = JSON.stringify(workspaceId);
    const rows: LogRow[] = good.map((e, i) => ({
      eventId: e.event_id, type: e.type, userId: e.user_id, time: e.time, receivedAt,
      body: eventBody(e, goodJson[i]!, receivedAt, workspaceIdJson, codes?.get(e.user_id)),
    }));
    const inserted = await this.log.append(workspaceId, rows);
    const fresh = good.filter((_, i) => inserted[i]);
    duplicates += good.length - fresh.length;
    // The tally of now, not of before the append: a flush during it published and dropped that one.
    const tally = this.tallyFor(workspaceId);
    for (const e of fresh) bump(tally, e.type).accepted++;
    await this.recordMeta(workspaceId, good, fresh, receivedAt, types);
    return { accepted: raw.length - rejected.length, duplicates, rejected };
  }

  private tallyFor(workspaceId: string) {
    let t = this.perSecond.get(workspaceId);
    if (!t) this.perSecond.set(workspaceId, (t = new Map()));
    return t;
  }

  /** Aliases (every accepted event: a retry after a crash still records them), counts and schemas (new events only). */
  private async recordMeta(workspaceId: string, good: ValidEvent[], fresh: ValidEvent[], receivedAt: string, types: Map<string, TypeState>): Promise<void> {
    const statements: Stmt[] = [];
    const minute = receivedAt.slice(0, 16);
    const perType = new Map<string, number>();
    for (const e of fresh) perType.set(e.type, (perType.get(e.type) ?? 0) + 1);
    for (const [name, n] of perType) {
      statements.push({
        sql: `INSERT INTO "event_type" ("workspace_id", "name", "first_seen", "last_seen", "enforced", "properties") VALUES (?, ?, ?, ?, 0, '{}')
              ON CONFLICT ("workspace_id", "name") DO UPDATE SET "last_seen" = excluded."last_seen"`,
        params: [workspaceId, name, receivedAt, receivedAt],
      });
      statements.push({
        sql: `INSERT INTO "event_type_count" ("workspace_id", "name", "minute", "n") VALUES (?, ?, ?, ?)
              ON CONFLICT ("workspace_id", "name", "minute") DO UPDATE SET "n" = "event_type_count"."n" + excluded."n"`,
        params: [workspaceId, name, minute, n],
      });
    }
    const aliases = new Map<string, [string, string, string, number | null, string]>();
    for (const e of good) {
      for (const a of e.aliases) {
        const key = `${e.user_id}\u0000${a.tag}\u0000${a.id}`;
        const prev = aliases.get(key);
        if (!prev || prev[4] <= e.time) aliases.set(key, [e.user_id, a.tag, a.id, a.priority ?? null, e.time]);
      }
    }
    if (aliases.size) statements.push(...aliasStatements(this.sql.dialect, workspaceId, [...aliases.values()]));
    if (statements.length) await this.sql.batch(statements);

    // Property schemas grow by compare-and-set, so two servers learning at once both land.
    const learned = new Map<string, [string, string][]>();
    const listed = new Set<string>();
    const unknown: [string, string][] = [];
    for (const e of fresh) {
      unknownPaths(e.properties, types.get(e.type)?.tree, unknown);
      for (const [path, type] of unknown.splice(0)) {
        // Listed once per batch, however many of its events carry the new path.
        const key = `${e.type}\u0000${path}\u0000${type}`;
        if (listed.has(key)) continue;
        listed.add(key);
        let list = learned.get(e.type);
        if (!list) learned.set(e.type, (list = []));
        list.push([path, type]);
      }
    }
    for (const [name, paths] of learned) await this.learn(workspaceId, name, paths);
    if (learned.size || [...perType.keys()].some((t) => !types.has(t))) this.types.delete(workspaceId);
  }

  private async learn(workspaceId: string, name: string, paths: [string, string][]): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const [row] = await this.sql.all<{ properties: string }>(`SELECT "properties" FROM "event_type" WHERE "workspace_id" = ? AND "name" = ?`, [workspaceId, name]);
      if (!row) return;
      const schema = JSON.parse(row.properties) as Record<string, string[]>;
      let changed = false;
      for (const [path, type] of paths) {
        const list = Object.prototype.hasOwnProperty.call(schema, path) ? schema[path]! : null;
        if (list?.includes(type)) continue;
        if (!list && Object.keys(schema).length >= LIMITS.schemaPaths) continue;
        // defineProperty: a "__proto__"-like path can never reach the prototype (validation refuses it anyway).
        Object.defineProperty(schema, path, { value: [...(list ?? []), type].sort(), enumerable: true, writable: true, configurable: true });
        changed = true;
      }
      if (!changed) return;
      const next = JSON.stringify(schema);
      const n = await this.sql.run(`UPDATE "event_type" SET "properties" = ? WHERE "workspace_id" = ? AND "name" = ? AND "properties" = ?`, [next, workspaceId, name, row.properties]);
      if (n > 0) return;
    }
    log.warn('event type schema not updated after 5 attempts', { workspaceId, name });
  }

  private async typeStates(workspaceId: string): Promise<Map<string, TypeState>> {
    const cached = this.types.get(workspaceId);
    if (cached && Date.now() - cached.at < TYPE_CACHE_MS) return cached.types;
    const rows = await this.sql.all<{ name: string; enforced: number | boolean; properties: string }>(
      `SELECT "name", "enforced", "properties" FROM "event_type" WHERE "workspace_id" = ?`,
      [workspaceId],
    );
    const types = new Map<string, TypeState>();
    for (const r of rows) {
      const schema = new Map<string, Set<string>>();
      for (const [path, list] of Object.entries(JSON.parse(r.properties) as Record<string, string[]>)) schema.set(path, new Set(list));
      types.set(r.name, { enforced: Boolean(Number(r.enforced)), schema, tree: schemaTree(schema), stored: r.properties });
    }
    this.types.set(workspaceId, { at: Date.now(), types });
    return types;
  }

  /** The workspace's event types with their counts and learned properties. */
  async eventTypes(workspaceId: string, now = Date.now()): Promise<EventTypeInfo[]> {
    const rows = await this.sql.all<{ name: string; first_seen: string; last_seen: string; enforced: number | boolean; properties: string }>(
      `SELECT "name", "first_seen", "last_seen", "enforced", "properties" FROM "event_type" WHERE "workspace_id" = ? ORDER BY "name"`,
      [workspaceId],
    );
    const hour = new Date(now - 3600_000).toISOString().slice(0, 16);
    const day = new Date(now - 24 * 3600_000).toISOString().slice(0, 16);
    // One row per type and clock hour (at most 25 a type): the totals and the hourly sparkline from one statement.
    const counts = await this.sql.all<{ name: string; hr: string; h: number | string | null; d: number | string | null }>(
      `SELECT "name", SUBSTR("minute", 1, 13) AS hr, SUM(CASE WHEN "minute" > ? THEN "n" ELSE 0 END) AS h, SUM("n") AS d
       FROM "event_type_count" WHERE "workspace_id" = ? AND "minute" > ? GROUP BY "name", SUBSTR("minute", 1, 13)`,
      [hour, workspaceId, day],
    );
    const currentHour = Math.floor(now / 3600_000);
    const byName = new Map<string, { h: number; d: number; hourly: number[] }>();
    for (const c of counts) {
      let t = byName.get(c.name);
      if (!t) byName.set(c.name, (t = { h: 0, d: 0, hourly: new Array<number>(24).fill(0) }));
      t.h += Number(c.h ?? 0);
      t.d += Number(c.d ?? 0);
      // The oldest, partial hour of the 24-hour window counts in countLast24h but has no bar of its own.
      const bar = 23 - (currentHour - Math.floor(Date.parse(`${c.hr}:00:00Z`) / 3600_000));
      if (bar >= 0 && bar < 24) t.hourly[bar]! += Number(c.d ?? 0);
    }
    return rows.map((r) => ({
      name: r.name,
      firstSeen: new Date(r.first_seen),
      lastSeen: new Date(r.last_seen),
      countLastHour: byName.get(r.name)?.h ?? 0,
      countLast24h: byName.get(r.name)?.d ?? 0,
      hourlyCounts: byName.get(r.name)?.hourly ?? new Array<number>(24).fill(0),
      enforced: Boolean(Number(r.enforced)),
      properties: Object.entries(JSON.parse(r.properties) as Record<string, string[]>)
        .map(([path, types]) => ({ path, types }))
        .sort((a, b) => (a.path < b.path ? -1 : 1)),
    }));
  }

  /** Turns enforcement of a type on or off; null when the workspace has never seen the type. */
  async setEventTypeEnforced(workspaceId: string, name: string, enforced: boolean): Promise<EventTypeInfo | null> {
    const n = await this.sql.run(`UPDATE "event_type" SET "enforced" = ? WHERE "workspace_id" = ? AND "name" = ?`, [enforced ? 1 : 0, workspaceId, name]);
    this.types.delete(workspaceId);
    if (!n) return null;
    return (await this.eventTypes(workspaceId)).find((t) => t.name === name) ?? null;
  }

  /** The newest events of the workspace (the live debugger), filtered by type and user. */
  recentEvents(workspaceId: string, type: string | null, userId: string | null, limit: number): Promise<Record<string, unknown>[]> {
    return this.log.recent(workspaceId, { type, userId, limit: Math.max(1, Math.min(limit, 500)) });
  }

  /** Every identifier of a user: aliases sent with events, and pairs from the workspace's IDENTITY imports. */
  async identities(principal: Principal, userId: string): Promise<IdentityInfo[]> {
    const out: IdentityInfo[] = (
      await this.sql.all<{ tag: string; alias_id: string; priority: number | null; seen_at: string }>(
        `SELECT "tag", "alias_id", "priority", "seen_at" FROM "event_alias" WHERE "workspace_id" = ? AND "user_id" = ? ORDER BY "tag", "alias_id"`,
        [principal.workspaceId, userId],
      )
    ).map((r) => ({ tag: r.tag, id: r.alias_id, priority: r.priority === null ? null : Number(r.priority), origin: 'event', seenAt: new Date(r.seen_at) }));
    for (const imp of await this.imports.list(principal)) {
      if (imp.type !== ImportType.IDENTITY || !imp.identifierColumn || !imp.identifierType) continue;
      const column = (name: string | null) => imp.stored.find((s) => s.name === name)?.column;
      const user = column(imp.userIdColumn);
      const id = column(imp.identifierColumn);
      const at = column(imp.timestampColumn);
      if (!user || !id) continue;
      let rows: { id: unknown; at: unknown }[];
      try {
        rows = await this.sql.all(
          `SELECT ${quoteIdent(id)} AS id, ${at ? quoteIdent(at) : 'NULL'} AS at FROM ${quoteIdent(imp.dataTable)} WHERE ${quoteIdent(user)} = ? LIMIT 1000`,
          [userId],
        );
      } catch (error) {
        // The data table appears with the import's first run.
        if (/no such table|does not exist/i.test(String((error as Error).message))) continue;
        throw error;
      }
      for (const r of rows) {
        if (r.id === null || r.id === undefined) continue;
        const seenAt = r.at instanceof Date ? r.at : r.at !== null && r.at !== undefined ? new Date(typeof r.at === 'bigint' ? Number(r.at) : (r.at as number | string)) : imp.updatedAt;
        out.push({ tag: imp.identifierType, id: String(r.id), priority: null, origin: imp.id, seenAt: Number.isNaN(seenAt.getTime()) ? imp.updatedAt : seenAt });
      }
    }
    return out;
  }

  /** Publishes the last second's counts, one message per workspace that saw events. */
  private async flushCounts(): Promise<void> {
    if (!this.perSecond.size) return;
    const at = new Date().toISOString();
    const batches = [...this.perSecond];
    this.perSecond.clear();
    for (const [workspaceId, tally] of batches) {
      const counts = [...tally]
        .map(([type, c]) => ({ type, ...c }))
        .sort((a, b) => b.accepted + b.rejected - (a.accepted + a.rejected))
        .slice(0, MAX_TYPES_PER_MESSAGE);
      const event: EventsIngested = { type: 'EventsIngested', workspaceId, at, counts };
      // publish() logs a lost notification itself; counts are advisory, so a failure never reaches ingestion.
      await this.events.publish(event);
    }
  }

  private async measureBacklog(): Promise<void> {
    try {
      this.backlogs = await this.log.backlog(this.config.eventBacklogLimit);
    } catch (error) {
      log.warn('event backlog not measured', { error: String(error) });
    }
  }

  /** Fires this interval's purge slot; every server ticks it, one queues the purge job. True when this call queued it. */
  schedulePurge(now = Date.now()): Promise<boolean> {
    return schedulePurge(this.jobs, this.config.eventPurgeIntervalMs, now);
  }

  /**
   * Retention as of `now` (the purge job's handler): bounded windows with a pause between them, so ingestion never
   * waits on a long delete; `signal` stops it between windows. Throws when the log refuses, so the job says FAILED.
   */
  purge(now = Date.now(), signal?: AbortSignal): Promise<void> {
    if (this.purging) return this.purging;
    this.purging = (async () => {
      try {
        const cutoff = new Date(now - this.config.eventRetentionMs).toISOString();
        let after = 0;
        let deleted = 0;
        for (;;) {
          signal?.throwIfAborted();
          const r = await this.log.purge(cutoff, PURGE_WINDOW, after);
          deleted += r.deleted;
          after = r.scannedTo;
          if (r.done) break;
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        await this.sql.run(`DELETE FROM "event_type_count" WHERE "minute" < ?`, [new Date(now - COUNT_KEEP_MS).toISOString().slice(0, 16)]);
        if (deleted) log.info('events purged', { deleted });
      } finally {
        this.purging = null;
      }
    })();
    return this.purging;
  }
}

function bump(tally: Map<string, { accepted: number; rejected: number }>, type: string) {
  let c = tally.get(type);
  if (!c) tally.set(type, (c = { accepted: 0, rejected: 0 }));
  return c;
}

/** An enforced type refuses properties its learned schema does not have, naming the first offending path. */
function enforce(event: ValidEvent, state: TypeState, index: number): Rejection | null {
  for (const [path, type] of unknownPaths(event.properties, state.tree, [], 1)) {
    const allowed = state.schema.get(path);
    if (!allowed) return { index, event_id: event.event_id, field: `properties.${path}`, reason: `"${path}" is not in the enforced schema of ${event.type}` };
    if (!allowed.has(type)) return { index, event_id: event.event_id, field: `properties.${path}`, reason: `"${path}" is ${type}; the enforced schema of ${event.type} has ${[...allowed].join(' or ')}` };
  }
  return null;
}

function aliasStatements(dialect: 'sqlite' | 'postgres', workspaceId: string, rows: [string, string, string, number | null, string][]): Stmt[] {
  const onConflict = `ON CONFLICT ("workspace_id", "user_id", "tag", "alias_id") DO UPDATE SET "priority" = excluded."priority", "seen_at" = excluded."seen_at"
    WHERE excluded."seen_at" >= "event_alias"."seen_at"`;
  if (dialect === 'postgres') {
    return [
      {
        sql: `INSERT INTO "event_alias" ("workspace_id", "user_id", "tag", "alias_id", "priority", "seen_at")
              SELECT ?, * FROM unnest(?::text[], ?::text[], ?::text[], ?::int[], ?::text[]) ${onConflict}`,
        params: [workspaceId, rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2]), rows.map((r) => r[3]), rows.map((r) => r[4])],
      },
    ];
  }
  const sql = `INSERT INTO "event_alias" ("workspace_id", "user_id", "tag", "alias_id", "priority", "seen_at") VALUES (?, ?, ?, ?, ?, ?) ${onConflict}`;
  return rows.map((r) => ({ sql, params: [workspaceId, ...r] }));
}
