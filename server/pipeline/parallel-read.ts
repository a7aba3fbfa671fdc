/**
 * The read side of a run on another core: a worker thread (read-worker.ts) creates the connector from the
 * connection's platform, settings and credentials, reads the run's units in order, and hands each batch over in a
 * columnar form whose typed arrays are transferred, not copied. The main thread only checks rows and inserts them.
 *
 * - Columns: numbers and dates (epoch ms) as a Float64Array with a null mask, booleans as a Uint8Array, text as one
 *   concatenated string with an Int32Array of lengths (cut up again here), or, when the format hands it over as
 *   bytes (the CSV and Parquet readers do), as those bytes with their value ends (decoded here for SQLite; PostgreSQL's
 *   COPY copies them as they are); any column whose values are of another or
 *   mixed kind in a batch (exact bigints beyond 2^53 among integers, for one) travels as the plain values, so nothing
 *   is ever rounded or retyped. Measured on 2M rows × 5 columns: rows through postMessage cost ~1.7 s of structured
 *   clone; these columns ~0.3 s in the worker and ~0.1 s here.
 * - Memory: credit-based backpressure; at most CREDIT batches are in flight between the threads, and the worker
 *   waits for credit before it reads on. While it waits (inserting is the slower side) it checkpoints the SQLite
 *   write-ahead log from a connection of its own (db/wal-checkpoints.ts), work the inserting thread otherwise does.
 * - The connection's credentials go to the worker in the job message (never in workerData or argv); the worker
 *   registers them for log redaction and sends its log lines through this thread's logger. The job's config carries
 *   no master key, API key or database URL.
 * - Errors: a SourceError in the worker is thrown here with the same kind, message and detail, after every batch
 *   that came before it; anything else as an Error with the worker's name, message and stack.
 * - Runs of one process share a worker, up to JOBS_PER_WORKER at once, each with its own credit. A run that ends
 *   early (an error while inserting, a crash) cancels its job there; a worker left with no run after such an end is
 *   terminated. A worker whose runs all finished cleanly waits, idle, for the next run (the module load is most of
 *   the start-up cost), and exits after IDLE_MS. A worker that crashes fails every run it reads.
 * - A worker that cannot start (no TypeScript loader for a worker, a platform without threads) makes runs read on
 *   the main thread instead, logged once.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isMainThread, Worker, type ResourceLimits } from 'node:worker_threads';
import type { Config, PlatformId } from '../config.js';
import type { ConnectionEntity } from '../connections/connection.entity.js';
import type { ConnectionService } from '../connections/connection.service.js';
import type { Connector, ReadRequest, ReadUnit } from '../connectors/connector.js';
import { SourceError, type SourceErrorKind } from '../connectors/errors.js';
import type { IoStats } from '../connectors/files/object-store.js';
import { BOOL_NULL, utf8Values, type CellValue, type ColumnVector, type RecordBatch } from '../connectors/formats/format.js';
import { log } from '../log.js';

// ---- the columnar batch ----------------------------------------------------------------------------------------

/** One column of a batch (the formats' ColumnVector). */
export type Column = ColumnVector;

/** A RecordBatch by columns: `columns[c]` holds the values of the requested column c for `length` rows. */
export interface ColumnBatch {
  length: number;
  columns: Column[];
  firstRow: number;
  rejects: { row: number; reason: string }[];
  bytesRead: number;
}


/** A batch of rows as columns (`width` columns, in request order). */
export function toColumnBatch(batch: RecordBatch, width: number): ColumnBatch {
  if (batch.columns) return { length: batch.columns.length, columns: batch.columns.vectors.map(withStrings), firstRow: batch.firstRow, rejects: batch.rejects, bytesRead: batch.bytesRead };
  const rows = batch.rows;
  const columns = new Array<Column>(width);
  for (let c = 0; c < width; c++) columns[c] = encodeColumn(rows, c);
  return { length: rows.length, columns, firstRow: batch.firstRow, rejects: batch.rejects, bytesRead: batch.bytesRead };
}

function encodeColumn(rows: CellValue[][], c: number): Column {
  const n = rows.length;
  let start = 0;
  let first: CellValue | undefined;
  for (; start < n; start++) {
    first = rows[start]![c];
    if (first !== null && first !== undefined) break;
  }
  if (start === n) return { kind: 'null' };
  // The kind of the first value decides; a value of any other kind makes the column plain values.
  let column: Column | null = null;
  if (typeof first === 'number') column = numbers(rows, c, start);
  else if (typeof first === 'string') column = strings(rows, c, start);
  else if (typeof first === 'boolean') column = booleans(rows, c, start);
  else if (first instanceof Date) column = dates(rows, c, start);
  return column ?? plain(rows, c);
}

function nullMask(n: number, start: number): Uint8Array | null {
  if (start === 0) return null;
  const mask = new Uint8Array(n);
  mask.fill(1, 0, start);
  return mask;
}

function numbers(rows: CellValue[][], c: number, start: number): Column | null {
  const n = rows.length;
  const values = new Float64Array(n);
  let nulls = nullMask(n, start);
  for (let i = start; i < n; i++) {
    const v = rows[i]![c];
    if (typeof v === 'number') values[i] = v;
    else if (v === null || v === undefined) (nulls ??= new Uint8Array(n))[i] = 1;
    else return null;
  }
  return { kind: 'num', values, nulls };
}

function dates(rows: CellValue[][], c: number, start: number): Column | null {
  const n = rows.length;
  const values = new Float64Array(n);
  let nulls = nullMask(n, start);
  for (let i = start; i < n; i++) {
    const v = rows[i]![c];
    if (v instanceof Date) values[i] = v.getTime();
    else if (v === null || v === undefined) (nulls ??= new Uint8Array(n))[i] = 1;
    else return null;
  }
  return { kind: 'date', values, nulls };
}

function booleans(rows: CellValue[][], c: number, start: number): Column | null {
  const n = rows.length;
  const values = new Uint8Array(n);
  values.fill(BOOL_NULL, 0, start);
  for (let i = start; i < n; i++) {
    const v = rows[i]![c];
    if (v === true) values[i] = 1;
    else if (v === null || v === undefined) values[i] = BOOL_NULL;
    else if (v !== false) return null;
  }
  return { kind: 'bool', values };
}

function strings(rows: CellValue[][], c: number, start: number): Column | null {
  const n = rows.length;
  const values = new Array<string | null>(n).fill(null);
  for (let i = start; i < n; i++) {
    const v = rows[i]![c];
    if (typeof v === 'string') values[i] = v;
    else if (v !== null && v !== undefined) return null;
  }
  return { kind: 'str', values };
}

function plain(rows: CellValue[][], c: number): Column {
  const n = rows.length;
  const values = new Array<CellValue>(n);
  for (let i = 0; i < n; i++) values[i] = rows[i]![c] ?? null;
  return { kind: 'any', values };
}

/**
 * A text column on the wire: the values concatenated, with each value's length (-1 for null). One flat string is
 * copied between threads in one go and cut up again with `slice`; an array of strings is (de)serialized string by
 * string, which costs several times as much on both threads.
 */
type TextColumn = { kind: 'text'; joined: string; lengths: Int32Array };

/** A ColumnBatch as it is posted to another thread. */
export interface WireBatch extends Omit<ColumnBatch, 'columns'> {
  columns: (Column | TextColumn)[];
}

/**
 * A batch of rows as columns ready for postMessage (what `toColumnBatch` makes, with text columns packed), and the
 * buffers to transfer rather than copy.
 */
export function toWireBatch(batch: RecordBatch, width: number): { wire: WireBatch; transfer: ArrayBuffer[] } {
  const given = batch.columns;
  const rows = given ? null : batch.rows;
  const length = given ? given.length : rows!.length;
  const transfer: ArrayBuffer[] = [];
  const columns = new Array<Column | TextColumn>(width);
  for (let c = 0; c < width; c++) {
    // Text goes straight to the packed form, without an array of its own.
    const col = given ? packText(given.vectors[c] ?? { kind: 'null' }) : (text(rows!, c) ?? encodeColumn(rows!, c));
    columns[c] = col;
    if (col.kind === 'num' || col.kind === 'date') {
      transfer.push(col.values.buffer as ArrayBuffer);
      if (col.nulls) transfer.push(col.nulls.buffer as ArrayBuffer);
    } else if (col.kind === 'bool') {
      transfer.push(col.values.buffer as ArrayBuffer);
    } else if (col.kind === 'text') {
      transfer.push(col.lengths.buffer as ArrayBuffer);
    } else if (col.kind === 'utf8') {
      for (const array of [col.bytes, col.ends, col.nulls, col.wide]) if (array) transfer.push(array.buffer as ArrayBuffer);
    }
  }
  return { wire: { length, columns, firstRow: batch.firstRow, rejects: batch.rejects, bytesRead: batch.bytesRead }, transfer };
}

/** Column `c` packed as text when its values are text or null (at least one text), else null. */
function text(rows: CellValue[][], c: number): TextColumn | null {
  const n = rows.length;
  const parts = new Array<string>(n);
  const lengths = new Int32Array(n);
  let any = false;
  for (let i = 0; i < n; i++) {
    const v = rows[i]![c];
    if (typeof v === 'string') {
      parts[i] = v;
      lengths[i] = v.length;
      any = true;
    } else if (v === null || v === undefined) {
      parts[i] = '';
      lengths[i] = -1;
    } else return null;
  }
  return any ? { kind: 'text', joined: parts.join(''), lengths } : null;
}

/** A column whose text is still bytes (`utf8`) with its strings; any other column as it is. */
export function withStrings(col: Column): Column {
  return col.kind === 'utf8' ? { kind: 'str', values: utf8Values(col) } : col;
}

/** A text column of a columnar batch, packed; any other column (`utf8` bytes included) as it is. */
function packText(col: Column): Column | TextColumn {
  if (col.kind !== 'str') return col;
  const n = col.values.length;
  const parts = new Array<string>(n);
  const lengths = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = col.values[i];
    if (v === null || v === undefined) {
      parts[i] = '';
      lengths[i] = -1;
    } else {
      parts[i] = v;
      lengths[i] = v.length;
    }
  }
  return { kind: 'text', joined: parts.join(''), lengths };
}

/**
 * The buffers a batch came with (its typed arrays), to be handed back to the worker once the batch is inserted.
 * Transferred buffers arrive here as external memory of ArrayBuffer objects that live as long as the batch, which waits
 * in the queue and is inserted over several turns of the event loop: they outlive scavenges and reach the old
 * generation, and their memory is freed only when a full collection finds them. Transferring them back detaches them
 * here, and the worker, whose young generation collects often, frees them at its next scavenge.
 */
export function spentBuffers(wire: WireBatch | ColumnBatch): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  const add = (array: ArrayBufferView | null | undefined) => {
    if (array && array.buffer instanceof ArrayBuffer && array.buffer.byteLength > 0) buffers.add(array.buffer);
  };
  for (const col of wire.columns) {
    if (col.kind === 'num' || col.kind === 'date') {
      add(col.values);
      add(col.nulls);
    } else if (col.kind === 'bool') add(col.values);
    else if (col.kind === 'text') add(col.lengths);
    else if (col.kind === 'utf8') for (const array of [col.bytes, col.ends, col.nulls, col.wide]) add(array);
  }
  return [...buffers];
}

/** The batch `toWireBatch` packed. */
export function unpack(wire: WireBatch, keepBytes = false): ColumnBatch {
  const columns = wire.columns.map((col): Column => {
    if (col.kind !== 'text') return keepBytes ? col : withStrings(col);
    const { joined, lengths } = col;
    const values = new Array<string | null>(lengths.length);
    let at = 0;
    for (let i = 0; i < lengths.length; i++) {
      const length = lengths[i]!;
      if (length < 0) values[i] = null;
      else {
        values[i] = joined.slice(at, at + length);
        at += length;
      }
    }
    return { kind: 'str', values };
  });
  return { ...wire, columns };
}

/**
 * For each row, the position in `indexes` of the first column whose value is missing (null or empty text), else -1;
 * null when no row misses any. An index outside the batch (-1) is missing in every row.
 */
export function firstMissing(batch: ColumnBatch, indexes: readonly number[]): Int8Array | null {
  const n = batch.length;
  let out: Int8Array | null = null;
  const mark = (i: number, k: number) => {
    if (!out) out = new Int8Array(n).fill(-1);
    out[i] = k;
  };
  // Last to first, so the first missing column is the one that stays marked.
  for (let k = indexes.length - 1; k >= 0; k--) {
    const col = batch.columns[indexes[k]!];
    if (!col || col.kind === 'null') {
      for (let i = 0; i < n; i++) mark(i, k);
      continue;
    }
    switch (col.kind) {
      case 'num':
      case 'date': {
        const nulls = col.nulls;
        if (nulls) for (let i = 0; i < n; i++) if (nulls[i]) mark(i, k);
        break;
      }
      case 'bool': {
        const values = col.values;
        for (let i = 0; i < n; i++) if (values[i] === BOOL_NULL) mark(i, k);
        break;
      }
      case 'str':
      case 'any': {
        const values = col.values;
        for (let i = 0; i < n; i++) {
          const v = values[i];
          if (v === null || v === undefined || v === '') mark(i, k);
        }
        break;
      }
      case 'utf8': {
        // Text still as bytes (unpack's keepBytes): null, or no bytes (empty text).
        const { ends, nulls } = col;
        for (let i = 0, start = 0; i < n; start = ends[i++]!) if ((nulls !== null && nulls[i]) || ends[i] === start) mark(i, k);
        break;
      }
    }
  }
  return out;
}

/**
 * The greatest event time among rows `rows` (all when null) of a column: `ms` over dates (epoch ms, -Infinity when
 * none), `text` over text values (DATE columns), as the row-based loop tracked them.
 */
export function latestTime(col: Column | undefined, rows: Int32Array | null, count: number): { ms: number; text: string | null } {
  let ms = -Infinity;
  let text: string | null = null;
  if (!col) return { ms, text };
  const n = rows ? rows.length : count;
  switch (col.kind) {
    case 'date': {
      const { values, nulls } = col;
      for (let k = 0; k < n; k++) {
        const r = rows ? rows[k]! : k;
        if (nulls && nulls[r]) continue;
        if (values[r]! > ms) ms = values[r]!;
      }
      break;
    }
    case 'str':
    case 'any': {
      for (let k = 0; k < n; k++) {
        const t = col.values[rows ? rows[k]! : k];
        if (t instanceof Date) {
          if (t.getTime() > ms) ms = t.getTime();
        } else if (typeof t === 'string' && (text === null || t > text)) text = t;
      }
      break;
    }
    default:
      break;
  }
  return { ms, text };
}

// ---- the worker protocol ---------------------------------------------------------------------------------------

/** Where a run reads from: what a connector factory needs. */
export interface ReadSource {
  platform: PlatformId;
  settings: Record<string, unknown>;
  credentials: Record<string, string>;
  config: Config;
}

/** What the worker needs to create a connection's connector. */
export function readSource(connections: ConnectionService, connection: ConnectionEntity, config: Config): ReadSource {
  return { platform: connection.platform, settings: connection.settings, credentials: connections.openCredentials(connection), config };
}

/** main → worker */
export type ToWorker =
  | ({ type: 'job'; id: number; request: ReadRequest; units: ReadUnit[]; credit: number; walFile: string | null } & ReadSource)
  /** `spent`: the buffers of the batches taken, handed back so that their memory is freed now (`spentBuffers`). */
  | { type: 'credit'; id: number; n: number; spent?: ArrayBuffer[] }
  /** The main thread gave the job up (an error while inserting, a cancelled run): stop reading it. */
  | { type: 'cancel'; id: number };

/** An error as it crosses threads. */
export type WireError =
  | { source: true; kind: SourceErrorKind; message: string; detail?: { file?: string; row?: number } }
  | { source: false; name: string; message: string; stack?: string };

/** worker → main */
export type FromWorker =
  | { type: 'ready' }
  | { type: 'log'; line: string }
  | { type: 'batch'; id: number; unit: number; batch: WireBatch; stats: IoStats }
  | { type: 'unit-end'; id: number; unit: number; stats: IoStats }
  | { type: 'error'; id: number; error: WireError; stats: IoStats };

export function toWire(error: unknown): WireError {
  if (error instanceof SourceError) return { source: true, kind: error.kind, message: error.message, detail: error.detail };
  const e = error as Error | undefined;
  return { source: false, name: e?.name ?? 'Error', message: String(e?.message ?? error), stack: e?.stack };
}

function fromWire(wire: WireError): Error {
  if (wire.source) return new SourceError(wire.kind, wire.message, wire.detail);
  const error = new Error(wire.message);
  error.name = wire.name;
  if (wire.stack) error.stack = wire.stack;
  return error;
}

/**
 * Batches in flight between the threads (queued or being inserted). More than a Parquet row group's worth (DuckDB
 * writes 122,880 rows, 13 batches), so the worker decodes the next row group while this thread inserts the last
 * one: with 4, the inserting thread waited 1.0-1.6 s per 2M-row import; with 16, 0.15-0.4 s. 16 batches of 10,000
 * rows of the benchmark's five columns are about 10 MB.
 */
const CREDIT = 16;
/** An idle worker exits after this long without a run. */
const IDLE_MS = 60_000;
/** At most this many idle workers wait for the next run. */
const MAX_IDLE = 1;
/**
 * Runs that read on one worker at once. Two runs (the default job concurrency) share one worker: reading is the
 * cheaper side (2M rows: 1.3-1.7 s of the worker's CPU for gzipped CSV against 2.9-3.8 s of inserting on the main
 * thread), and the inserting thread serves both runs anyway, so a second reading thread only added a V8 heap of
 * 20-30 MB and a malloc arena, and a third busy thread on the cores the main thread needs to answer requests.
 */
const JOBS_PER_WORKER = 2;
/**
 * A 16 MB young generation: the readers fill typed columns and byte buffers rather than objects per row, so little
 * survives a scavenge. With 64 MB (needed when CSV rows were arrays of cells and Dates) the worker kept 67 MB of
 * young generation committed after a CSV import: the server peaked at 298 MB (CSV) and 328 MB (Parquet), against
 * 244 MB and 283 MB with 16 MB, at about the same speed. No old-generation cap: Parquet holds a whole row group,
 * whose size the file decides, and a cap would fail such files rather than slow them down.
 */
const LIMITS: ResourceLimits = { maxYoungGenerationSizeMb: 16 };

type Event = FromWorker | { type: 'exit'; error: Error };

/** A worker thread that reads up to JOBS_PER_WORKER jobs side by side. */
class ReadWorker {
  readonly worker: Worker;
  /** Resolves true once the worker has loaded its modules, false when it could not start. */
  readonly ready: Promise<boolean>;
  /** The jobs it reads, each with where its events go. */
  private readonly jobs = new Map<number, (event: Event) => void>();
  /** A job was given up before its end since the worker was last idle: it may still be stuck in a read. */
  private abandoned = false;
  private idleTimer: NodeJS.Timeout | null = null;
  exited = false;
  startError: Error | null = null;

  constructor() {
    this.worker = spawnWorker();
    let started = false;
    this.ready = new Promise<boolean>((resolve) => {
      this.worker.on('message', (message: FromWorker) => {
        if (message.type === 'ready') {
          started = true;
          workerStarted = true;
          resolve(true);
        } else if (message.type === 'log') relayLog(message.line);
        else this.jobs.get(message.id)?.(message);
      });
      this.worker.on('error', (error) => {
        if (!started) this.startError = error;
        // A crash ends every job it reads.
        for (const onEvent of [...this.jobs.values()]) onEvent({ type: 'exit', error });
      });
      this.worker.on('exit', (code) => {
        this.exited = true;
        if (this.idleTimer) clearTimeout(this.idleTimer);
        idle.delete(this);
        busy.delete(this);
        if (!started) {
          this.startError ??= new Error(`the read worker exited with code ${code} while starting`);
          resolve(false);
        }
        for (const onEvent of [...this.jobs.values()]) onEvent({ type: 'exit', error: new Error(`the read worker stopped (exit code ${code})`) });
      });
    });
  }

  /** Whether another job can be read here now. */
  get hasRoom(): boolean {
    return !this.exited && this.jobs.size < JOBS_PER_WORKER;
  }

  /** Sends job `id`'s events to `onEvent` from now on. */
  attach(id: number, onEvent: (event: Event) => void): void {
    this.jobs.set(id, onEvent);
    idle.delete(this);
    busy.add(this);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    this.worker.ref();
  }

  /**
   * Job `id` is over here: `finished` when it read every unit (or never started), otherwise it is cancelled in the
   * worker. The last job out leaves the worker waiting for the next run (at most MAX_IDLE wait), or ends it when a
   * job was given up early: one stuck in a read ends with the thread.
   */
  detach(id: number, finished: boolean): void {
    if (!this.jobs.delete(id)) return;
    if (!finished) {
      this.abandoned = true;
      if (!this.exited && this.jobs.size) this.post({ type: 'cancel', id });
    }
    if (this.jobs.size) return;
    busy.delete(this);
    if (this.abandoned || this.exited || idle.size >= MAX_IDLE) this.terminate();
    else this.wait();
  }

  /** Waits, idle, for the next run; exits after IDLE_MS. */
  wait(): void {
    idle.add(this);
    this.worker.unref();
    this.idleTimer = setTimeout(() => void this.terminate(), IDLE_MS);
    this.idleTimer.unref();
  }

  post(message: ToWorker, transfer: ArrayBuffer[] = []): void {
    this.worker.postMessage(message, transfer);
  }

  terminate(): void {
    idle.delete(this);
    busy.delete(this);
    if (!this.exited) void this.worker.terminate().catch(() => undefined);
  }
}

let workerUnavailable = false;
/** A worker has loaded its modules in this process at least once. */
let workerStarted = false;
const idle = new Set<ReadWorker>();
/** Workers reading at least one job. */
const busy = new Set<ReadWorker>();

/** The outcome of this process's first worker start (the prewarm at boot): true once one has loaded its modules. */
let firstStart: Promise<boolean> | null = null;

/** Starts a worker now so that the next run finds one ready (server start; optional). */
export function prewarmReadWorker(): void {
  if (!isMainThread || workerUnavailable || idle.size > 0) return;
  const worker = startWorker();
  if (!worker) return;
  firstStart ??= worker.ready.then((ok) => {
    if (!ok) unavailable(worker.startError);
    return ok;
  });
  worker.wait();
}

/**
 * Whether imports here read on a worker thread (`/readyz`'s read-worker check): false once a worker failed to start
 * (runs then read on the main thread, slower and with the server's memory); otherwise the first start's outcome,
 * awaited (one is started when none was), so a server whose worker cannot load is not ready.
 */
export async function readWorkerStarts(): Promise<boolean> {
  if (workerUnavailable) return false;
  if (workerStarted) return true;
  if (!firstStart) {
    const waiting = [...idle][0];
    if (waiting) firstStart = waiting.ready;
    else prewarmReadWorker();
  }
  return !workerUnavailable && (firstStart ? await firstStart : false);
}

function startWorker(): ReadWorker | null {
  try {
    return new ReadWorker();
  } catch (error) {
    unavailable(error);
    return null;
  }
}

function unavailable(error: unknown): void {
  if (workerUnavailable) return;
  workerUnavailable = true;
  log.warn('imports read on the main thread: the read worker cannot start', { error: String((error as Error)?.message ?? error) });
}

/** A worker for a new job: one already reading with room for another, an idle one, or a new one. */
function takeWorker(): ReadWorker | null {
  if (workerUnavailable) return null;
  for (const worker of busy) if (worker.hasRoom) return worker;
  for (const worker of idle) {
    idle.delete(worker);
    if (!worker.exited) return worker;
  }
  return startWorker();
}

/** Writes a worker's log line through this thread's logger (its sink, level and redaction). */
function relayLog(line: string): void {
  try {
    const { t: _t, level, msg, ...fields } = JSON.parse(line) as { t: string; level: keyof typeof log; msg: string };
    (log[level] ?? log.info)(msg, fields);
  } catch {
    // not a line of ours: drop it rather than print something unredacted
  }
}

const HERE = import.meta.url;

function spawnWorker(): Worker {
  const entry = new URL(HERE.endsWith('.ts') ? './read-worker.ts' : './read-worker.js', HERE);
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, { resourceLimits: LIMITS });
  // TypeScript sources: tsx's loader registers itself in the main thread only (Node 20), so the worker registers it
  // through tsx's API before it imports the entry. The execArgv (e.g. `--import tsx`) is inherited and harmless.
  const code = `import(${JSON.stringify(tsxApi())}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(code, { eval: true, resourceLimits: LIMITS });
}

let tsxApiUrl: string | null = null;

/** The ESM entry of tsx's API (`tsx/esm/api`), through tsx's package exports. */
function tsxApi(): string {
  if (tsxApiUrl) return tsxApiUrl;
  const require = createRequire(HERE);
  const manifest = require.resolve('tsx/package.json');
  const exports = (JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import?: { default?: string } }> }).exports;
  const target = exports['./esm/api']?.import?.default;
  if (!target) throw new Error('tsx has no ESM API entry (tsx/esm/api)');
  tsxApiUrl = pathToFileURL(path.join(path.dirname(manifest), target)).href;
  return tsxApiUrl;
}

let nextJob = 1;

/**
 * How a run's text columns reach the inserting thread (ParallelRead's `text`). Decoding 2M rows' two text columns
 * into strings, only for PostgreSQL's COPY to encode them back into the same UTF-8, took 0.7 s of the inserting
 * thread's CPU per import (bench/csv-path.ts: unpack and encode 1.43-1.50 s as strings, 0.70-0.94 s as bytes).
 */
export type TextHandover = 'strings' | 'bytes' | 'held';

/**
 * Reads `units` of `request` through a worker and yields columnar batches unit by unit:
 *
 *   const reader = new ParallelRead(source, connector, request, units);
 *   try { for (let u = 0; u < units.length; u++) for await (const batch of reader.unit(u)) … } finally { reader.close(); }
 *
 * `connector` is the run's own connector: its stats count the worker's requests and bytes too, and it reads on this
 * thread when no worker can start.
 */
export class ParallelRead {
  private readonly id = nextJob++;
  private readonly width: number;
  private readonly worker: ReadWorker | null;
  private readonly base: IoStats;
  private readonly queue: Event[] = [];
  private wake: (() => void) | null = null;
  private readonly starting: Promise<void>;
  private started = false;
  private local = false;
  private closed = false;
  private done = false;
  private unitsDone = 0;

  /** Starts reading at once (in a worker when one can start), before the first batch is asked for. */
  constructor(
    private readonly source: ReadSource | null,
    private readonly connector: Connector,
    private readonly request: ReadRequest,
    private readonly units: ReadUnit[],
    /** The SQLite database the rows go to, whose write-ahead log the worker checkpoints meanwhile (none: PostgreSQL). */
    private readonly walFile: string | null = null,
    /**
     * How text reaches this thread: as strings (`strings`: SQLite binds strings), or as the reader's bytes (`utf8`
     * columns), which PostgreSQL's binary COPY copies as they are (`bytes`) and a KeyedWindow holds by reference
     * (`held`: the batch's buffers then stay here after the next batch is asked for).
     */
    private readonly text: TextHandover = 'strings',
  ) {
    this.width = request.columns.length;
    this.base = { ...connector.stats };
    if (!source) unavailable(new Error('the connection\'s credentials cannot be handed to a worker'));
    this.worker = units.length && source ? takeWorker() : null;
    this.worker?.attach(this.id, (event) => this.receive(event));
    this.starting = this.start();
  }

  /** The worker thread reading this run (its `threadId`), once started; null when it reads on this thread. */
  async readerThread(): Promise<number | null> {
    await this.starting;
    return this.local || !this.worker ? null : this.worker.worker.threadId;
  }

  private receive(event: Event): void {
    if (('id' in event && event.id !== this.id) || this.closed) return;
    this.queue.push(event);
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  private async next(): Promise<Event> {
    while (!this.queue.length) await new Promise<void>((resolve) => (this.wake = resolve));
    return this.queue.shift()!;
  }

  private async start(): Promise<void> {
    const ready = this.worker ? await this.worker.ready : false;
    if (this.closed) return;
    if (!ready || !this.worker) {
      if (this.worker) {
        unavailable(this.worker.startError);
        this.worker.detach(this.id, false);
        this.worker.terminate();
      }
      this.local = true;
      return;
    }
    this.started = true;
    const { platform, settings, credentials, config } = this.source!;
    // The worker needs the connector settings only: not the keys that seal credentials or open the database.
    const safe: Config = { ...config, masterKey: null, initialApiKey: null, databaseUrl: null, busDatabaseUrl: null };
    this.worker.post({ type: 'job', id: this.id, platform, settings, credentials, config: safe, request: this.request, units: this.units, credit: CREDIT, walFile: this.walFile });
  }

  private count(stats: IoStats): void {
    this.connector.stats.requests = this.base.requests + stats.requests;
    this.connector.stats.bytesRead = this.base.bytesRead + stats.bytesRead;
  }

  /** The batches of unit `index`, in order; units must be read in order, each to its end. */
  async *unit(index: number): AsyncGenerator<ColumnBatch> {
    await this.starting;
    if (this.local) {
      for await (const batch of this.connector.read(this.units[index]!, this.request)) yield toColumnBatch(batch, this.width);
      return;
    }
    for (;;) {
      const event = await this.next();
      switch (event.type) {
        case 'batch':
          this.count(event.stats);
          yield unpack(event.batch, this.text !== 'strings');
          // The caller is done with the batch (inserted it) when it asks for the next one, unless a KeyedWindow
          // (`held`) holds rows of it by reference: then its buffers stay here until the window lets them go.
          const spent = this.text === 'held' ? [] : spentBuffers(event.batch);
          this.worker!.post({ type: 'credit', id: this.id, n: 1, spent }, spent);
          break;
        case 'unit-end':
          this.count(event.stats);
          this.unitsDone++;
          return;
        case 'error':
          this.count(event.stats);
          throw fromWire(event.error);
        case 'exit':
          throw event.error;
        default:
          break;
      }
    }
  }

  /**
   * Hands the buffers of batches taken `held` back to the worker once the caller is done with them (a
   * KeyedWindow let them go), so that their memory is freed at the worker's next scavenge rather than here at the
   * next full collection (spentBuffers). The batches must not be read after.
   */
  giveBack(batches: ColumnBatch[]): void {
    if (!batches.length || !this.worker || this.local || this.closed || !this.started) return;
    const spent = [...new Set(batches.flatMap((batch) => spentBuffers(batch)))];
    if (spent.length) this.worker.post({ type: 'credit', id: this.id, n: 0, spent }, spent);
  }

  /**
   * Ends the read. A job that read every unit (or was never given to the worker) leaves it for the next run; one
   * stopped early is cancelled there, and its worker ends once no other run reads on it.
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.queue.length = 0;
    if (!this.worker || this.local || this.done) return;
    this.done = true;
    this.worker.detach(this.id, !this.started || this.unitsDone === this.units.length);
  }
}
