// The event log on NATS JetStream (INLET_EVENT_LOG=nats://host:4222), for installations that outgrow one database:
// one stream, a subject per workspace, the Nats-Msg-Id duplicate window as the dedupe, a publish ack (the stream has
// stored the message) before the answer. Consumer positions are stream sequences, kept in Inlet's database.
// Retention is Inlet's purge, not the stream's max_age: a message stays until every consumer of its workspace has
// taken it, and at least the retention (purge() below: a purge by sequence of each workspace's subject).
import { jetstreamManager, type JetStreamClient, type JetStreamManager, type JsMsg } from '@nats-io/jetstream';
import { connect, createInbox, headers, type Msg, type NatsConnection } from '@nats-io/transport-node';
import { loggedEvent, receivedAtOf, type EventLog, type LoggedEvent, type LogRow } from './event-log.js';
import { commitConsumerPosition, consumerPosition, type IngestSql } from './sql.js';

const NS = 1_000_000;
const RECENT_WINDOW = 5000;
/** Messages a cursor's consumer pulls ahead of its reader (JetStream's pull batch; about 2 MB of events). */
const CURSOR_BUFFER = 5000;
/** A read waits this long for a message the subject said was pending before it drops the cursor. */
const CURSOR_WAIT_MS = 10_000;
/** A cursor unused this long is closed (its consumer deleted). */
const CURSOR_IDLE_MS = 30_000;
/** Open cursors at most (one per reader in practice: a streaming destination, the batch export). */
const MAX_CURSORS = 32;

/** A publish ack (or the absence of one) waits at most this long; then the append fails and the client retries (dedupe makes that safe). */
const PUBLISH_ACK_TIMEOUT_MS = 10_000;

/** One append waiting for its acks: reply subjects `<inbox>.<first + i>` for its row i. */
interface PendingAppend {
  readonly first: number;
  readonly results: boolean[];
  remaining: number;
  resolve(results: boolean[]): void;
  reject(error: Error): void;
}

/** Where this process last read a workspace's subject, with the ordered consumer that continues from there. */
interface Cursor {
  readonly workspaceId: string;
  /** The position of the last message taken (the next read continues only when it starts after this one). */
  last: number;
  /** How many messages followed the last one taken when it was delivered. */
  pending: number;
  /** A read is taking from it (two reads never share a consumer). */
  busy: boolean;
  /** The next message, or null when none came within CURSOR_WAIT_MS. */
  take(): Promise<JsMsg | null>;
  close(): void;
  readonly idle: NodeJS.Timeout;
}

/** The JetStream log; connects on first use and creates (or updates) its stream. */
export class JetStreamEventLog implements EventLog {
  readonly kind = 'jetstream';
  private ready: Promise<{ nc: NatsConnection; jsm: JetStreamManager; js: JetStreamClient; inbox: string }> | null = null;
  private readonly decoder = new TextDecoder();
  private cursors: Cursor[] = [];
  /** Appends waiting for publish acks (a few at a time: one per request in flight). */
  private readonly appends = new Set<PendingAppend>();
  private nextReply = 0;

  constructor(private readonly url: string, readonly stream: string, private readonly retentionMs: number, private readonly sql: IngestSql) {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(stream)) throw new Error('INLET_EVENT_STREAM must be letters, digits, - or _');
  }

  /** A workspace's subject; null: every workspace's (the stream's whole subject space). */
  subject(workspaceId: string | null): string {
    return `${this.stream}.${workspaceId ?? '>'}`;
  }

  /**
   * Connects and makes sure the stream exists with the 24-hour duplicate window and no age limit (a stream made by an
   * older Inlet with max_age as its retention is updated: JetStream must not expire what a destination has not taken).
   */
  connection() {
    this.ready ??= (async () => {
      // noAsyncTraces: no Error (with its stack) captured per request in case it times out; two per published event otherwise.
      const nc = await connect({ servers: this.url.replace(/^nats:\/\//, ''), name: 'inlet', noAsyncTraces: true });
      const jsm = await jetstreamManager(nc);
      const config = {
        name: this.stream,
        subjects: [`${this.stream}.>`],
        max_age: 0,
        duplicate_window: Math.min(24 * 3600_000, this.retentionMs) * NS,
      };
      try {
        await jsm.streams.info(this.stream);
        await jsm.streams.update(this.stream, config);
      } catch (error) {
        if (!/not found/i.test(String((error as Error).message))) throw error;
        await jsm.streams.add(config);
      }
      // Publish acks of every append arrive on one subscription (see append).
      const inbox = createInbox();
      nc.subscribe(`${inbox}.*`, { callback: (_error, msg) => this.acked(inbox, msg) });
      return { nc, jsm, js: jsm.jetstream(), inbox };
    })();
    this.ready.catch(() => (this.ready = null));
    return this.ready;
  }

  /**
   * Publishes every row with its Nats-Msg-Id and a reply subject of this connection's ack inbox, all at once, and
   * resolves once the stream has acknowledged each (stored, or a duplicate inside the window). The acks are matched
   * to rows by reply subject on one subscription, with one timer per append: the client's request() per message
   * would build a request object, a timer and an Error (its stack captured) per event.
   */
  async append(workspaceId: string, rows: LogRow[]): Promise<boolean[]> {
    if (!rows.length) return [];
    const { nc, inbox } = await this.connection();
    const subject = this.subject(workspaceId);
    const first = this.nextReply;
    this.nextReply += rows.length;
    let pending!: PendingAppend;
    const done = new Promise<boolean[]>((resolve, reject) => {
      pending = { first, results: new Array<boolean>(rows.length), remaining: rows.length, resolve, reject };
    });
    this.appends.add(pending);
    const timer = setTimeout(() => this.settle(pending, new Error(`JetStream did not acknowledge ${pending.remaining} of ${rows.length} events within ${PUBLISH_ACK_TIMEOUT_MS / 1000} s`)), PUBLISH_ACK_TIMEOUT_MS);
    try {
      for (let i = 0; i < rows.length; i++) {
        const h = headers();
        h.set('Nats-Msg-Id', `${workspaceId}:${rows[i]!.eventId}`);
        nc.publish(subject, rows[i]!.body, { reply: `${inbox}.${first + i}`, headers: h });
      }
    } catch (error) {
      this.settle(pending, error as Error);
    }
    try {
      return await done;
    } finally {
      clearTimeout(timer);
    }
  }

  /** One publish ack: `{ stream, seq, duplicate? }`, `{ error }`, or a 503 status when no stream takes the subject. */
  private acked(inbox: string, msg: Msg): void {
    const n = Number(msg.subject.slice(inbox.length + 1));
    let pending: PendingAppend | undefined;
    for (const a of this.appends) if (n >= a.first && n < a.first + a.results.length) pending = a;
    if (!pending) return; // late, after its append timed out
    if (msg.headers?.code === 503 || !msg.data.length) return this.settle(pending, new Error(`No JetStream stream takes ${this.stream}.* (is the stream there?)`));
    const ack = JSON.parse(this.decoder.decode(msg.data)) as { duplicate?: boolean; error?: { description?: string } };
    if (ack.error) return this.settle(pending, new Error(`JetStream refused an event: ${ack.error.description ?? 'unknown error'}`));
    pending.results[n - pending.first] = !ack.duplicate;
    if (--pending.remaining === 0) this.settle(pending, null);
  }

  private settle(pending: PendingAppend, error: Error | null): void {
    if (!this.appends.delete(pending)) return;
    if (error) pending.reject(error);
    else pending.resolve(pending.results);
  }

  /** The first event of a workspace (null: of any workspace) after stream sequence `after`, by one message get. */
  async next(workspaceId: string | null, after: number): Promise<LoggedEvent | null> {
    const { jsm } = await this.connection();
    // STREAM.MSG.GET takes next_by_subj since nats-server 2.9; the client's type lists only seq and last_by_subj.
    const request = { next_by_subj: this.subject(workspaceId), seq: after + 1 } as unknown as { seq: number };
    const msg = await jsm.streams.getMessage(this.stream, request).catch((error) => {
      if (/no message found|not found/i.test(String((error as Error).message))) return null;
      throw error;
    });
    if (!msg) return null;
    const body = this.decoder.decode(msg.data);
    return loggedEvent(msg.seq, receivedAtOf(body), body);
  }

  /**
   * Reads in order from `after`, through a cursor: an ordered consumer on the workspace's subject that stays open
   * between reads, so a reader that asks for the next page (after the last position it was given) continues the same
   * consumer instead of creating one per page. A read that starts anywhere else, or finds no cursor there, makes one
   * starting at the first event after `after` (found by one message get: none is an empty answer at once, no pull
   * waiting to expire). A read returns when the subject has nothing more pending (each message says how many follow
   * it) or at `limit`. The reader's own position is its business: a cursor is only where this process last read.
   */
  async read(workspaceId: string, after: number, limit: number): Promise<LoggedEvent[]> {
    return this.readFrom(workspaceId, after, limit, true);
  }

  private async readFrom(workspaceId: string, after: number, limit: number, keep: boolean): Promise<LoggedEvent[]> {
    let cursor = this.cursors.find((c) => c.workspaceId === workspaceId && c.last === after && !c.busy);
    // A cursor whose last message had nothing after it may have waited since: one message get tells whether the
    // subject has grown, without a pull that would wait for a message that may never come.
    if (!cursor || cursor.pending === 0) {
      const first = await this.next(workspaceId, after);
      if (!first) return [];
      if (!cursor && limit <= 1) return [first];
      cursor ??= await this.openCursor(workspaceId, first.position);
    }
    const out: LoggedEvent[] = [];
    cursor.busy = true;
    try {
      while (out.length < limit) {
        const m = await cursor.take();
        if (!m) {
          // Nothing came within the wait (the stream went away, or the consumer stalled): this cursor is dropped.
          this.closeCursor(cursor);
          break;
        }
        const body = this.decoder.decode(m.data);
        out.push(loggedEvent(m.seq, receivedAtOf(body), body));
        cursor.last = m.seq;
        cursor.pending = m.info.pending;
        if (m.info.pending === 0) break;
      }
    } finally {
      cursor.busy = false;
      if (!keep) this.closeCursor(cursor);
    }
    return out;
  }

  /** An ordered consumer from `seq` on, pulling ahead up to CURSOR_BUFFER messages; closed after CURSOR_IDLE_MS unused. */
  private async openCursor(workspaceId: string, seq: number): Promise<Cursor> {
    const { js } = await this.connection();
    const consumer = await js.consumers.get(this.stream, { filter_subjects: this.subject(workspaceId), opt_start_seq: seq });
    const messages = await consumer.consume({ max_messages: CURSOR_BUFFER });
    const iterator = messages[Symbol.asyncIterator]();
    const cursor: Cursor = {
      workspaceId, last: seq - 1, pending: 1, busy: false,
      take: async () => {
        cursor.idle.refresh();
        let timer: NodeJS.Timeout | undefined;
        const waited = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), CURSOR_WAIT_MS)));
        const r = await Promise.race([iterator.next(), waited]).finally(() => clearTimeout(timer));
        return r && !r.done ? r.value : null;
      },
      close: () => void messages.close().catch(() => undefined).then(() => consumer.delete().catch(() => undefined)),
      idle: setTimeout(() => this.closeCursor(cursor), CURSOR_IDLE_MS).unref(),
    };
    this.cursors.push(cursor);
    // Bounded: the least recently opened cursor beyond the limit goes (its reader, if any, opens a new one).
    while (this.cursors.length > MAX_CURSORS) this.closeCursor(this.cursors.find((c) => !c.busy) ?? this.cursors[0]!);
    return cursor;
  }

  private closeCursor(cursor: Cursor): void {
    const at = this.cursors.indexOf(cursor);
    if (at < 0) return;
    this.cursors.splice(at, 1);
    clearTimeout(cursor.idle);
    cursor.close();
  }

  async recent(workspaceId: string, filter: { type?: string | null; userId?: string | null; limit: number }): Promise<Record<string, unknown>[]> {
    const { jsm } = await this.connection();
    const last = (await jsm.streams.info(this.stream)).state.last_seq;
    // JetStream reads forward only: the newest window of positions is read and filtered.
    const events = await this.readFrom(workspaceId, Math.max(0, last - RECENT_WINDOW), RECENT_WINDOW, false);
    return events
      .map((e) => e.event)
      .filter((e) => (!filter.type || e.type === filter.type) && (!filter.userId || e.user_id === filter.userId))
      .slice(-filter.limit)
      .reverse();
  }

  position(consumer: string, workspaceId: string): Promise<number> {
    return consumerPosition(this.sql, consumer, workspaceId);
  }

  commit(consumer: string, workspaceId: string, position: number): Promise<void> {
    return commitConsumerPosition(this.sql, consumer, workspaceId, position);
  }

  async oldestUntakenAgeMs(consumer: string, workspaceId: string, now = Date.now()): Promise<number | null> {
    const e = await this.next(workspaceId, await this.position(consumer, workspaceId));
    return e ? Math.max(0, now - Date.parse(e.receivedAt)) : null;
  }

  async backlog(cap: number): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    const consumers = await this.sql.all<{ workspace_id: string; position: number | string }>(`SELECT "workspace_id", "position" FROM "event_consumer"`);
    if (!consumers.length) return out;
    const { jsm } = await this.connection();
    // An upper bound: the stream's positions after the consumer's, every workspace's messages included.
    const last = (await jsm.streams.info(this.stream)).state.last_seq;
    for (const c of consumers) out.set(c.workspace_id, Math.max(out.get(c.workspace_id) ?? 0, Math.min(cap + 1, Math.max(0, last - Number(c.position)))));
    return out;
  }

  /**
   * Retention: for each workspace's subject, purges (on the server, one request) the messages before the lower of
   * the first message received at or after `cutoff` and the lowest position any consumer of the workspace has not
   * taken. Our side is bounded: a binary search of about log2(stream length) reads per workspace.
   */
  async purge(cutoff: string): Promise<{ deleted: number; scannedTo: number; done: boolean }> {
    const { jsm } = await this.connection();
    const info = await jsm.streams.info(this.stream, { subjects_filter: `${this.stream}.>` });
    const subjects = Object.keys((info.state.subjects as Record<string, number> | undefined) ?? {});
    const floors = new Map(
      (await this.sql.all<{ workspace_id: string; p: number | string }>(`SELECT "workspace_id", MIN("position") AS p FROM "event_consumer" GROUP BY "workspace_id"`)).map(
        (r) => [r.workspace_id, Number(r.p)],
      ),
    );
    let deleted = 0;
    for (const subject of subjects) {
      const workspaceId = subject.slice(this.stream.length + 1);
      let keep = await this.firstReceivedFrom(workspaceId, cutoff, info.state.last_seq);
      const floor = floors.get(workspaceId);
      if (floor !== undefined) keep = Math.min(keep, floor + 1);
      if (keep <= info.state.first_seq) continue;
      // Purge with seq removes the subject's messages below that sequence.
      deleted += (await jsm.streams.purge(this.stream, { filter: subject, seq: keep })).purged;
    }
    return { deleted, scannedTo: 0, done: true };
  }

  /**
   * The lowest sequence from which the workspace's (null: every workspace's) messages were all received at or after
   * `cutoff` (receive times grow with sequences): a binary search over sequences, each probe one read of the next
   * message of the subject. The retention purge and the batch export's day range use it.
   */
  async firstReceivedFrom(workspaceId: string | null, cutoff: string, lastSeq: number): Promise<number> {
    const from = async (seq: number) => {
      const e = await this.next(workspaceId, seq - 1);
      return !e || e.receivedAt >= cutoff;
    };
    const first = await this.next(workspaceId, 0);
    if (!first || first.receivedAt >= cutoff) return first?.position ?? lastSeq + 1;
    let lo = first.position; // from(lo) is false
    let hi = lastSeq + 1; // from(hi) is true
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (await from(mid)) hi = mid;
      else lo = mid;
    }
    return hi;
  }

  async count(workspaceId: string): Promise<number> {
    const { jsm } = await this.connection();
    const subject = this.subject(workspaceId);
    const info = await jsm.streams.info(this.stream, { subjects_filter: subject });
    return Number((info.state.subjects as Record<string, number> | undefined)?.[subject] ?? 0);
  }

  /** Deletes the stream (tests make their own and remove it). */
  async deleteStream(): Promise<void> {
    const { jsm } = await this.connection();
    await jsm.streams.delete(this.stream);
  }

  async close(): Promise<void> {
    for (const c of [...this.cursors]) this.closeCursor(c);
    for (const a of [...this.appends]) this.settle(a, new Error('The JetStream event log was closed before the stream acknowledged'));
    const ready = this.ready;
    this.ready = null;
    if (ready) await (await ready.catch(() => null))?.nc.drain().catch(() => undefined);
  }
}
