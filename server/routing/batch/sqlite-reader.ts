// The day's event pages of a SQLite log, read on a worker thread with its own read-only connection, so that
// better-sqlite3 handing over the bodies (a third of a Parquet export's CPU time, and synchronous: nothing else ran
// while it did) overlaps with parsing and writing the columns on the export's thread. WAL lets the reader and the
// server's connection work at once; a past day's rows do not change, so the reader needs no snapshot shared with it.
//
// The worker is plain CommonJS evaluated from a string: it needs nothing but better-sqlite3 (resolved here and handed
// over as a path), so it runs the same under tsx, from the compiled server and from the benchmark's bundle, without
// an entry file of its own beside each build. Pages cross as two arrays of strings (types, bodies): cloning strings
// costs the export's thread far less than better-sqlite3's rows did. As bytes (EventPage, for the native Parquet
// encoder) SQLite concatenates a page's bodies itself, and the worker copies them into one of a few slots of memory
// shared with the export's thread, which hands the slot back when it is done with the page: no string per body on
// either thread, and no new buffer per page on the export's thread (330 MB of them per million events, short-lived
// outside V8's heap, made V8 run a full collection every 40 or so pages).
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { EventPage } from './types.js';

/** Pages the worker may read ahead of the export: bounds memory (a page of 1,000 events is about 330 KB of text). */
const CREDIT = 4;
/** A shared slot's size: a bigger page (events of more than 800 bytes on average) crosses in a buffer of its own. */
const SLOT_BYTES = 2 * 1024 * 1024;
/**
 * A page of bytes is read in pieces of fewer positions, each piece's bodies about this size: SQLite grows the
 * concatenation's buffer by doubling and better-sqlite3 copies it into a new one, and above glibc's mmap threshold
 * (`npm start` sets it to 128 KB) each such buffer is fresh memory from the kernel, zeroed a page fault at a time. In
 * whole pages of 2,500 (800 KB) the reader's thread spent 3.9–4.3 s of CPU on the benchmark's day, 1.7–1.9 s of it in
 * the kernel, and the export took 4.8–5.2 s; in pieces of 48 KB, 1.6–1.9 s and 2.9–3.0 s.
 */
const PIECE_BYTES = 48 * 1024;

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.sqlite);
const { file, query, from, to, pageRows, params, bytes: asBytes, shared, slotBytes, reader, pieceBytes } = workerData;
// The native events addon, to parse each page here as well (the export's thread adopts the parsed page).
const events = workerData.events ? require(workerData.events).addon : null;
// Pages sent, and (shared, counted by the export's thread) pages it has taken.
let sent = 0;
const taken = asBytes ? new Int32Array(workerData.taken) : null;

// Strings: a credit per page taken. Bytes: the free slots (each page holds one until the export hands it back).
let credit = workerData.credit;
const free = asBytes ? Array.from({ length: credit }, (_, i) => i) : [];
let wake = null;
parentPort.on('message', (slot) => {
  if (asBytes) free.push(slot);
  credit++;
  if (wake) { const w = wake; wake = null; w(); }
});
(async () => {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const stmt = db.prepare(query).raw();
    // Positions per statement when reading bytes (adapted to the bodies' size, see PIECE_BYTES).
    let step = 64;
    /** A page of bytes: its types and the pieces of its bodies, or null when it has no rows. */
    const readBytes = (after, upto) => {
      const pieces = [];
      const types = [];
      let length = 0;
      while (after < upto) {
        const end = Math.min(after + step, upto);
        const [count, typeList, blob] = stmt.all(after, end, ...params)[0];
        step = Math.max(1, Math.min(pageRows, blob ? Math.floor(pieceBytes / (blob.length / (end - after))) : step * 2));
        after = end;
        if (!count) continue;
        pieces.push(blob);
        length += blob.length;
        for (const t of typeList.split(',')) types.push(t);
      }
      return pieces.length ? { types, pieces, length } : null;
    };
    let after = from - 1;
    while (after < to - 1) {
      const upto = Math.min(after + pageRows, to - 1);
      if (!asBytes) {
        const rows = stmt.all(after, upto, ...params);
        after = upto;
        if (!rows.length) continue;
        if (credit <= 0) await new Promise((r) => (wake = r));
        credit--;
        const types = new Array(rows.length);
        const bodies = new Array(rows.length);
        for (let i = 0; i < rows.length; i++) { types[i] = rows[i][0]; bodies[i] = rows[i][1]; }
        parentPort.postMessage({ types, bodies });
        continue;
      }
      const page = readBytes(after, upto);
      after = upto;
      if (!page) continue;
      if (credit <= 0) await new Promise((r) => (wake = r));
      credit--;
      const { types, pieces, length } = page;
      const slot = free.shift();
      const inSlot = length <= slotBytes;
      const bytes = inSlot ? new Uint8Array(shared, slot * slotBytes, length) : new Uint8Array(length);
      let at = 0;
      for (const piece of pieces) { bytes.set(piece, at); at += piece.length; }
      // Parsed here while the export's thread has pages waiting (it is the busier thread then); when it has taken
      // every page sent, it is waiting for this one and parses it itself (the work goes to whichever thread is idle).
      let parsed = null;
      if (events && sent > Atomics.load(taken, 0)) {
        try {
          const [address, ends] = events.parsePageDetached(bytes, types.length, reader);
          parsed = { address, ends };
        } catch (e) {
          const at = /event body (\\d+) /.exec(e.message);
          const type = at ? types[Number(at[1])] : undefined;
          throw new Error('an event' + (type ? ' of type ' + type : '') + ' in the log is not valid JSON: ' + e.message);
        }
      }
      sent++;
      if (inSlot) parentPort.postMessage({ types, slot, length, parsed });
      else parentPort.postMessage({ types, slot, bytes, parsed }, [bytes.buffer]);
    }
    parentPort.postMessage({ done: true });
  } finally {
    db.close();
  }
})().catch((e) => parentPort.postMessage({ error: String((e && e.message) || e) }));
`;

let sqlitePath: string | null = null;

export interface PageQuery {
  file: string;
  /** A statement selecting (type, body) whose first two parameters are the page's bounds: seq > ? AND seq <= ?. */
  query: string;
  /** Positions from (inclusive) to (exclusive), `pageRows` positions a page. */
  from: number;
  to: number;
  pageRows: number;
  /** The statement's other parameters, after the bounds. */
  params: unknown[];
  /**
   * Bodies as UTF-8 bytes (EventPage) instead of strings: the statement's rows are concatenated in it (types with
   * commas, which type names never hold).
   */
  bytes: boolean;
}

type Page = { types: string[]; bodies: string[] };
type Message = Page | { types: string[]; slot: number; length?: number; bytes?: Uint8Array; parsed: { address: bigint; ends: Uint32Array } | null } | { done: true } | { error: string };

let readers = 0;
let eventsAddon: { path: string; dropReader(reader: number): number } | null | undefined;
/** The native events addon (its path for the worker, and dropReader), when it is built. */
function nativeAddon() {
  if (eventsAddon === undefined) {
    const require = createRequire(import.meta.url);
    const path = require.resolve('inlet-event-columns');
    const { addon } = require(path) as { addon: { dropReader(reader: number): number } | null };
    eventsAddon = addon && process.env.INLET_NATIVE_EVENTS !== 'false' ? { path, dropReader: (r) => addon.dropReader(r) } : null;
  }
  return eventsAddon;
}

/** The pages with rows, in order; stopping early (or failing) ends the worker. */
export function readPagesOnWorker(q: PageQuery & { bytes: false }): AsyncIterable<Page>;
export function readPagesOnWorker(q: PageQuery & { bytes: true }): AsyncIterable<EventPage>;
export async function* readPagesOnWorker(q: PageQuery): AsyncIterable<Page | EventPage> {
  sqlitePath ??= createRequire(import.meta.url).resolve('better-sqlite3');
  // As bytes: SQLite concatenates the page's bodies (and types) itself, one buffer handed over (transferred, not
  // copied): no string per body on either thread.
  const query = q.bytes ? `SELECT count(*), group_concat("type", ','), CAST(group_concat("body", '') AS BLOB) FROM (${q.query})` : q.query;
  const shared = q.bytes ? new SharedArrayBuffer(CREDIT * SLOT_BYTES) : null;
  const taken = q.bytes ? new Int32Array(new SharedArrayBuffer(4)) : null;
  // Bytes are parsed on the worker too when the addon is built (native-events.ts adopts the pages).
  const events = q.bytes ? nativeAddon() : null;
  const reader = ++readers;
  const worker = new Worker(WORKER, { eval: true, workerData: { ...q, query, sqlite: sqlitePath, credit: CREDIT, shared, slotBytes: SLOT_BYTES, events: events?.path ?? null, reader, taken: taken?.buffer ?? null, pieceBytes: PIECE_BYTES } });
  const queue: Message[] = [];
  let wake: (() => void) | null = null;
  const push = (m: Message) => {
    queue.push(m);
    if (wake) {
      const w = wake;
      wake = null;
      w();
    }
  };
  worker.on('message', push);
  worker.on('error', (e) => push({ error: e.message }));
  worker.on('exit', (code) => push({ error: `the event log reader stopped (exit ${code})` }));
  try {
    for (;;) {
      if (!queue.length) await new Promise<void>((r) => (wake = r));
      const m = queue.shift()!;
      if ('error' in m) throw new Error(`reading the event log: ${m.error}`);
      if ('done' in m) return;
      if ('slot' in m) {
        Atomics.add(taken!, 0, 1);
        // The slot goes back to the worker when the page's reader is done with it (once).
        let held = true;
        const release = () => {
          if (held) worker.postMessage(m.slot);
          held = false;
        };
        const bytes = m.bytes ?? new Uint8Array(shared!, m.slot * SLOT_BYTES, m.length!);
        yield { types: m.types, bytes, release, ...(m.parsed ? { parsed: { ...m.parsed, reader } } : {}) };
        continue;
      }
      worker.postMessage(1);
      yield m;
    }
  } finally {
    worker.removeAllListeners('exit');
    await worker.terminate();
    // Pages the worker parsed whose messages were never read.
    events?.dropReader(reader);
  }
}
