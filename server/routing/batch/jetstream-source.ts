// The row source over the JetStream event log (INLET_EVENT_LOG=nats://…): one UTC day by received_at, of one
// workspace (its subject) or of all (every subject of the stream), read in bounded pages by an ordered consumer.
// The stream keeps no index on receive time, but receive times grow with stream sequences (the same assumption as
// the log's retention purge): the day's sequence range is found by a binary search of single-message gets, widened by
// a slack for publishes that were stored out of receive order (several servers publish to one stream), and every
// message read is filtered on its received_at exactly. Aliases and segment metadata are not in the stream: ingestion
// keeps aliases in the database's event_alias table whatever the log, so they are read as the database log's source
// reads them.
import type { JetStreamEventLog } from '../../ingest/jetstream-log.js';
import { receivedAtOf } from '../../ingest/event-log.js';
import type { IngestSql } from '../../ingest/sql.js';
import { parseDay } from './export-day.js';
import { eventJsonOf, eventLogRowSource, eventRecordOf } from './log-source.js';
import type { BatchRowSource, EventJson, EventPage, EventRecord, SegmentMetadataRecord } from './types.js';

/** The type of a stored body, from its text: ingestion writes `event_id` (a UUID) then `type` (a plain name) first. */
const TYPE_AT_START = /^\{"event_id":"[^"\\]*","type":"([A-Za-z][A-Za-z0-9_]*)"/;
const typeOf = (body: string): string => TYPE_AT_START.exec(body)?.[1] ?? String((JSON.parse(body) as { type?: unknown }).type);

export interface JetStreamSourceOptions {
  /** The UTC day, YYYY-MM-DD. */
  date: string;
  /** The workspace to export; null: all workspaces (the instance-level scope). */
  workspaceId: string | null;
  /** Messages per pull (default 1,000): a page of messages is all the source holds at once. */
  pageRows?: number;
  /** How far out of receive order a message may have been stored (default 10 minutes). */
  slackMs?: number;
  /** The segment metadata snapshot (the audiences domain gives it). */
  segmentMetadata?: () => AsyncIterable<SegmentMetadataRecord[]>;
}

export function jetStreamRowSource(log: JetStreamEventLog, sql: IngestSql, opts: JetStreamSourceOptions): BatchRowSource {
  const { start, end } = parseDay(opts.date);
  const pageRows = opts.pageRows ?? 1000;
  const slack = opts.slackMs ?? 10 * 60_000;
  const subject = log.subject(opts.workspaceId);
  const decoder = new TextDecoder();
  const database = eventLogRowSource(sql, { date: opts.date, workspaceIds: opts.workspaceId ? [opts.workspaceId] : null, pageRows, segmentMetadata: opts.segmentMetadata });

  let range: Promise<{ from: number; to: number }> | null = null;
  const seqRange = () =>
    (range ??= (async () => {
      const { jsm } = await log.connection();
      const last = (await jsm.streams.info(log.stream)).state.last_seq;
      return {
        from: await log.firstReceivedFrom(opts.workspaceId, new Date(Date.parse(start) - slack).toISOString(), last),
        to: await log.firstReceivedFrom(opts.workspaceId, new Date(Date.parse(end) + slack).toISOString(), last),
      };
    })());

  /**
   * The day's messages of some types (all when `types` is null) as [type, body], a pull of at most `pageRows`
   * messages at a time: one ordered consumer from the range's first sequence, stopped at its end or when the subject
   * has nothing more (each message says how many follow it), deleted afterwards.
   */
  async function* pages(types: ReadonlySet<string> | null): AsyncIterable<[string, string][]> {
    const { from, to } = await seqRange();
    if (from >= to || types?.size === 0) return;
    const { js } = await log.connection();
    const consumer = await js.consumers.get(log.stream, { filter_subjects: subject, opt_start_seq: from });
    try {
      let last = from - 1;
      for (let finished = false; !finished; ) {
        const page: [string, string][] = [];
        let read = 0;
        const messages = await consumer.fetch({ max_messages: pageRows, expires: 10_000 });
        for await (const m of messages) {
          if (m.seq >= to) {
            finished = true;
            break;
          }
          read++;
          last = m.seq;
          const body = decoder.decode(m.data);
          const receivedAt = receivedAtOf(body);
          const type = typeOf(body);
          if (receivedAt >= start && receivedAt < end && (!types || types.has(type))) page.push([type, body]);
          if (m.info.pending === 0) {
            finished = true;
            break;
          }
        }
        await messages.close();
        if (!read && !finished) {
          // The pull expired empty: the rest of the range was purged meanwhile, or the server did not deliver (a
          // transient failure the job retries; a day written short would look complete once its manifest is).
          const next = await log.next(opts.workspaceId, last);
          if (next && next.position < to) throw new Error(`JetStream delivered nothing from sequence ${last + 1} of ${log.stream} within 10 s; the day is not complete`);
          finished = true;
        }
        if (page.length) yield page;
      }
    } finally {
      void consumer.delete().catch(() => undefined);
    }
  }

  return {
    async *events(types: readonly string[] | null): AsyncIterable<EventRecord[]> {
      for await (const page of pages(types && new Set(types))) yield page.map(([, body]) => eventRecordOf(body));
    },

    async *eventsJson(types: readonly string[] | null): AsyncIterable<EventJson[]> {
      for await (const page of pages(types && new Set(types))) yield page.map(([type, body]) => eventJsonOf(type, body));
    },

    async *eventPages(types: readonly string[] | null): AsyncIterable<EventPage> {
      for await (const page of pages(types && new Set(types))) yield { types: page.map(([type]) => type), bytes: Buffer.from(page.map(([, body]) => body).join('')) };
    },

    aliases: database.aliases,
    segmentMetadata: database.segmentMetadata,
  };
}
