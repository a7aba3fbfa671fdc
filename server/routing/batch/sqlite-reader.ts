// The day's event pages of a SQLite log, read on a worker thread with its own read-only connection, so that
// better-sqlite3 handing over the bodies (a third of a Parquet export's CPU time, and synchronous: nothing else ran
// while it did) overlaps with parsing and writing the columns on the export's thread. WAL lets the reader and the
// server's connection work at once; a past day's rows do not change, so the reader needs no snapshot shared with it.
//
// The worker is plain CommonJS evaluated from a string: it needs nothing but better-sqlite3 (resolved here and handed
// over as a path), so it runs the same under tsx, from the compiled server and from the benchmark's bundle, without
// an entry file of its own beside each build. Pages cross as two arrays of strings (types, bodies): cloning strings
// costs the export's thread far less than better-sqlite3's rows did.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** Pages the worker may read ahead of the export: bounds memory (a page of 1,000 events is about 330 KB of text). */
const CREDIT = 4;

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.sqlite);
const { file, query, from, to, pageRows, params } = workerData;
let credit = workerData.credit;
let wake = null;
parentPort.on('message', () => {
  credit++;
  if (wake) { const w = wake; wake = null; w(); }
});
(async () => {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const stmt = db.prepare(query).raw();
    let after = from - 1;
    while (after < to - 1) {
      const upto = Math.min(after + pageRows, to - 1);
      const rows = stmt.all(after, upto, ...params);
      after = upto;
      if (!rows.length) continue;
      if (credit <= 0) await new Promise((r) => (wake = r));
      credit--;
      const types = new Array(rows.length);
      const bodies = new Array(rows.length);
      for (let i = 0; i < rows.length; i++) { types[i] = rows[i][0]; bodies[i] = rows[i][1]; }
      parentPort.postMessage({ types, bodies });
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
}

type Message = { types: string[]; bodies: string[] } | { done: true } | { error: string };

/** The pages with rows, in order; stopping early (or failing) ends the worker. */
export async function* readPagesOnWorker(q: PageQuery): AsyncIterable<{ types: string[]; bodies: string[] }> {
  sqlitePath ??= createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER, { eval: true, workerData: { ...q, sqlite: sqlitePath, credit: CREDIT } });
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
      worker.postMessage(1);
      yield m;
    }
  } finally {
    worker.removeAllListeners('exit');
    await worker.terminate();
  }
}
