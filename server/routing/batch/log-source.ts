// The row source over Inlet's own event log (the event_log and event_alias tables on SQLite or PostgreSQL): one UTC
// day by received_at, of one workspace, some, or all, read in bounded pages by position (seq, the primary key).
// The log has no index on received_at (migration 007), but positions grow with receive time, so the day's position
// range is found by binary search on seq, widened by a slack for appends that committed out of receive order, and
// each page filters on received_at exactly.
import type { IngestSql } from '../../ingest/sql.js';
import { parseDay } from './export-day.js';
import { readPagesOnWorker } from './sqlite-reader.js';
import { EventJson, JSON_BYTES, type AliasRecord, type EventPage, type BatchRowSource, type EventRecord, type PropertyValueKind, type SegmentMetadataRecord } from './types.js';

/** A body whose last top-level key is `segments` (ingestion writes it last; a nested one would end in more braces). */
const WITH_SEGMENTS = /,"segments":\[[0-9,]*\]\}$/;

export interface EventLogSourceOptions {
  /** The UTC day, YYYY-MM-DD. */
  date: string;
  /** The workspaces to export; null or omitted: all workspaces (the instance-level scope). */
  workspaceIds?: string[] | null;
  /**
   * Positions per page (default 1,000 as strings, 2,500 as bytes): each query returns at most that many rows. A page of
   * strings lives in V8's heap while it is written: pages of 5,000 outlived its young generation (1M events: heap at
   * the peak 130 → 53 MB, CPU time a fifth less at 1,000). A page of bytes lives outside it, and fewer, bigger pages
   * cost less per event (2,500 against 1,000: 2.51–3.08 against 3.03–3.40 s for the benchmark's day, 20 MB more).
   */
  pageRows?: number;
  /** How far out of receive order an append may commit (default 10 minutes). */
  slackMs?: number;
  /** The segment metadata snapshot (the audiences domain gives it; empty until it exists). */
  segmentMetadata?: () => AsyncIterable<SegmentMetadataRecord[]>;
}

async function* nothing<T>(): AsyncIterable<T[]> {}

/** A stored event body as its record (a body from before audiences gets `segments: []`). */
export function eventRecordOf(body: string): EventRecord {
  const e = JSON.parse(body) as EventRecord & { [JSON_BYTES]?: number };
  e.segments ??= [];
  e[JSON_BYTES] = Buffer.byteLength(body); // as the native encoder counts a body: its UTF-8 bytes
  return e;
}

/** A stored event body as its record's JSON text: the body as ingestion serialized it, `segments` last; one from before audiences gets []. */
export function eventJsonOf(type: string, body: string): EventJson {
  return new EventJson(type, WITH_SEGMENTS.test(body) ? body : `${body.slice(0, -1)},"segments":[]}`);
}

export function eventLogRowSource(sql: IngestSql, opts: EventLogSourceOptions): BatchRowSource {
  const { start, end } = parseDay(opts.date);
  const pageRows = opts.pageRows ?? 1000;
  const bytePageRows = opts.pageRows ?? 2500;
  const slack = opts.slackMs ?? 10 * 60_000;
  const ws = opts.workspaceIds ?? null;
  if (ws && !ws.length) throw new RangeError('workspaceIds must name at least one workspace (or be null for all)');
  const wsWhere = ws ? ` AND "workspace_id" IN (${ws.map(() => '?').join(', ')})` : '';
  const wsParams = ws ?? [];

  /** The first position whose received_at is at or after `iso` (positions grow with receive time), or max + 1. */
  const firstAtOrAfter = async (iso: string): Promise<number> => {
    // One aggregate per subquery: SQLite answers a lone MIN or MAX of the key from the b-tree's end, but MIN and MAX
    // together in one SELECT scanned the whole table (1M events: 0.4 s, twice per export).
    const [bounds] = await sql.all<{ lo: number | string | null; hi: number | string | null }>(`SELECT (SELECT MIN("seq") FROM "event_log") AS lo, (SELECT MAX("seq") FROM "event_log") AS hi`);
    let lo = Number(bounds?.lo ?? 1);
    let hi = Number(bounds?.hi ?? 0) + 1;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      const [row] = await sql.all<{ seq: number | string; received_at: string }>(`SELECT "seq", "received_at" FROM "event_log" WHERE "seq" >= ? ORDER BY "seq" LIMIT 1`, [mid]);
      if (!row) hi = mid;
      else if (row.received_at >= iso) hi = mid;
      else lo = Number(row.seq) + 1;
    }
    return lo;
  };
  let range: Promise<{ from: number; to: number }> | null = null;
  const seqRange = () =>
    (range ??= (async () => ({
      from: await firstAtOrAfter(new Date(Date.parse(start) - slack).toISOString()),
      to: await firstAtOrAfter(new Date(Date.parse(end) + slack).toISOString()),
    }))());

  /** The day's page statement of some types (its first two parameters the page's bounds), or null when nothing can match. */
  async function pageQuery(types: readonly string[] | null) {
    const { from, to } = await seqRange();
    if (types?.length === 0 || from >= to) return null;
    const typeIn = types ? ` AND "type" IN (${types.map(() => '?').join(', ')})` : '';
    const query = `SELECT "type", "body" FROM "event_log" WHERE "seq" > ? AND "seq" <= ?${typeIn} AND "received_at" >= ? AND "received_at" < ?${wsWhere} ORDER BY "seq"`;
    return { query, from, to, params: [...(types ?? []), start, end, ...wsParams] };
  }

  /** Pages of positions read through the server's own connection (PostgreSQL). */
  async function* pagesHere(q: { query: string; from: number; to: number; params: unknown[] }, size: number): AsyncIterable<{ type: string; body: string }[]> {
    let after = q.from - 1;
    while (after < q.to - 1) {
      const upto = Math.min(after + size, q.to - 1);
      const rows = await sql.all<{ type: string; body: string }>(q.query, [after, upto, ...q.params]);
      after = upto;
      if (rows.length) yield rows;
    }
  }

  /**
   * The day's rows of some types, a page of positions at a time (bounded work per query whatever the types' share).
   * On a SQLite file a worker thread reads them (sqlite-reader.ts) while this thread writes the pages before.
   */
  async function* pages(types: readonly string[] | null): AsyncIterable<{ types: string[]; bodies: string[] }> {
    const q = await pageQuery(types);
    if (!q) return;
    if (sql.file) {
      yield* readPagesOnWorker({ ...q, file: sql.file, pageRows, bytes: false });
      return;
    }
    for await (const rows of pagesHere(q, pageRows)) yield { types: rows.map((r) => r.type), bodies: rows.map((r) => r.body) };
  }

  /** The same pages with the bodies as UTF-8 bytes (on SQLite, concatenated by SQLite on the reader's thread). */
  async function* bytePages(types: readonly string[] | null): AsyncIterable<EventPage> {
    const q = await pageQuery(types);
    if (!q) return;
    if (sql.file) {
      yield* readPagesOnWorker({ ...q, file: sql.file, pageRows: bytePageRows, bytes: true });
      return;
    }
    for await (const rows of pagesHere(q, bytePageRows)) yield { types: rows.map((r) => r.type), bytes: Buffer.from(rows.map((r) => r.body).join('')) };
  }

  return {
    async *events(types: readonly string[] | null): AsyncIterable<EventRecord[]> {
      for await (const { bodies } of pages(types)) {
        const out: EventRecord[] = new Array(bodies.length);
        for (let i = 0; i < bodies.length; i++) out[i] = eventRecordOf(bodies[i]!);
        yield out;
      }
    },

    async *eventsJson(types: readonly string[] | null): AsyncIterable<EventJson[]> {
      for await (const page of pages(types)) yield page.bodies.map((body, i) => eventJsonOf(page.types[i]!, body));
    },

    eventPages: bytePages,

    async propertyKinds(types: readonly string[]): Promise<Record<string, Record<string, PropertyValueKind[]>>> {
      const { from, to } = await seqRange();
      if (!types.length) return {};
      // (No question mark in these literals: the adapter turns every one into a placeholder on PostgreSQL.)
      // The database's JSON functions look at every row's properties in one pass, in C, without handing rows over.
      const day = `l."seq" >= ? AND l."seq" < ? AND l."type" IN (${types.map(() => '?').join(', ')}) AND l."received_at" >= ? AND l."received_at" < ?${wsWhere.replace('"workspace_id"', 'l."workspace_id"')}`;
      const rows = await sql.all<{ type: string; key: string; kind: string }>(
        sql.dialect === 'sqlite'
          ? `SELECT l."type" AS "type", j."key" AS "key", CASE WHEN j."type" = 'integer' AND abs(j."atom") > 9007199254740991 THEN 'real' ELSE j."type" END AS "kind"
             FROM "event_log" l, json_each(l."body", '$.properties') j WHERE ${day} GROUP BY 1, 2, 3`
          : `SELECT l."type" AS "type", j.key AS "key", CASE jsonb_typeof(j.value)
               WHEN 'number' THEN CASE WHEN j.value::text ~ '^-{0,1}[0-9]{1,15}$' THEN 'integer' ELSE 'real' END
               WHEN 'boolean' THEN 'true' WHEN 'string' THEN 'text' ELSE jsonb_typeof(j.value) END AS "kind"
             FROM "event_log" l CROSS JOIN LATERAL jsonb_each(CASE WHEN jsonb_typeof(l."body"::jsonb -> 'properties') = 'object'
               THEN l."body"::jsonb -> 'properties' ELSE '{}'::jsonb END) j WHERE ${day} GROUP BY 1, 2, 3`,
        [from, to, ...types, start, end, ...wsParams],
      );
      const kind: Record<string, PropertyValueKind> = { true: 'boolean', false: 'boolean', integer: 'integer', real: 'number', text: 'string', object: 'object', array: 'array', null: 'null' };
      const out: Record<string, Record<string, PropertyValueKind[]>> = {};
      for (const r of rows) ((out[r.type] ??= {})[r.key] ??= []).push(kind[r.kind] ?? 'object');
      return out;
    },

    async *aliases(): AsyncIterable<AliasRecord[]> {
      // Aliases last seen that day (event_alias keeps the latest seen_at), paged by its primary key.
      let key: [string, string, string, string] | null = null;
      for (;;) {
        const after: string = key ? ` AND ("workspace_id", "user_id", "tag", "alias_id") > (?, ?, ?, ?)` : '';
        const rows: { workspace_id: string; user_id: string; tag: string; alias_id: string; priority: number | string | null; seen_at: string }[] = await sql.all(
          `SELECT "workspace_id", "user_id", "tag", "alias_id", "priority", "seen_at" FROM "event_alias" WHERE 1 = 1${wsWhere}${after}
           ORDER BY "workspace_id", "user_id", "tag", "alias_id" LIMIT ?`,
          [...wsParams, ...(key ?? []), pageRows],
        );
        if (!rows.length) return;
        const last = rows[rows.length - 1]!;
        key = [last.workspace_id, last.user_id, last.tag, last.alias_id];
        const day = rows.filter((r) => r.seen_at >= start && r.seen_at < end);
        if (day.length) {
          yield day.map((r) => ({ user_id: r.user_id, tag: r.tag, id: r.alias_id, priority: r.priority === null ? null : Number(r.priority), time: r.seen_at, workspace_id: r.workspace_id }));
        }
        if (rows.length < pageRows) return;
      }
    },

    segmentMetadata: opts.segmentMetadata ?? nothing,
  };
}
