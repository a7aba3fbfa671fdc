/**
 * The keyed window of a keyed run, on the inserting thread: of the rows read, it keeps one per key (the last read, or
 * the one whose `newest` column is greatest: ties to the last read, a null losing to any value), up to `limit` keys,
 * and hands the winners over as rows of their batches, each with its number in the run's read order (Winners); each
 * store writes them its way (data-store.ts, insertWinners: PostgreSQL as binary COPY tuples with the numbers, SQLite
 * upserted into its keyed stage). The stage then gets one row per key instead of every row read: 2M rows over 200k
 * keys reach it as 200k (PostgreSQL's stage then needs no `DISTINCT ON` when the run publishes; SQLite's makes 200k
 * upserts instead of 2M).
 *
 * A row held is a reference to its batch (kept while it holds a row) until the batches kept take RETAINED_BYTES.
 * Then, on PostgreSQL (`arena`), their rows held are encoded as COPY tuples into one buffer (the arena) and the
 * batches let go; on SQLite the window hands over every row it holds, as when it is full (below): SQLite's stage
 * upserts, so rows handed over early are replaced by later winners as the read order says. Only the key (and the
 * newest column) of each row read is encoded, to compare it: encoding the whole of every row (0.4-0.6 s of CPU for
 * the benchmark's 2M rows, a micro-benchmark) is left to the winners, a tenth of them there. Text stays the reader's
 * bytes (unpack's keepBytes): no string is made per value, and the winners' bytes go into the COPY as they are.
 *
 * On the read worker instead (measured, not kept): the read phase was then reading and reducing one after the
 * other, and the server's CPU per import came out higher (4.8-7.5 s against 4.2-6.1 s here, one round each at
 * load 10-16).
 *
 * When a new key would make it hold more than `limit` keys, the window hands over every row it holds and starts
 * again empty: the stage then holds several rows for some keys, and the publish reduces it by the row numbers as it
 * does without a window (data-store.ts, lastPerKey), with the same result, since every row keeps its read number
 * (SQLite's stage upserts as without a window: a later hand-over holds later rows).
 *
 * Keys are compared by their encoded bytes, which is PostgreSQL's equality for every type the store writes (text
 * under a deterministic collation, integers, timestamps, dates, booleans) but floats, whose -0 and NaNs are made one
 * key each here as PostgreSQL's `=` makes them. In the arena, a row replaced is garbage until the rows still held
 * are copied into a new buffer, when the replaced ones take half of it.
 */
import type { ColumnType } from '../connectors/formats/format.js';
import { Out, writer } from '../storage/pg-copy.js';
import type { Column, ColumnBatch } from './parallel-read.js';

/** What a window keeps: the stored column types (a batch's columns in this order), the key's and the newest's column indexes. */
export interface WindowSpec extends WindowRules {
  types: ColumnType[];
  key: number[];
  /** The column whose greatest value wins (a DATE or TIMESTAMP); null: the last row read wins. */
  newest: number | null;
  /** At most this many keys held at once. */
  limit: number;
  /** Bytes of batches kept before their rows held leave them (RETAINED_BYTES unless given: tests). */
  retainedBytes?: number;
}

/**
 * How a store's stage compares rows, which the window must compare the same way (DataStore.windowRules). Keys are
 * compared by their pg-copy.ts bytes either way.
 */
export interface WindowRules {
  /**
   * true: rows held past RETAINED_BYTES are encoded into the arena as COPY tuples (PostgreSQL); false: the window
   * then hands over every row it holds (a store whose keyed stage upserts: SQLite).
   */
  arena: boolean;
  /**
   * The newest column's values as the store compares them, a number per row (NaN: null); null: as PostgreSQL
   * compares them, by their COPY encoding (a date's days, a timestamp's microseconds).
   */
  newestValue: ((col: Column | undefined) => (r: number) => number) | null;
}

/** Rows handed over: COPY tuples (pg-copy.ts's form, each with its read number), and how many. */
export interface Tuples {
  body: Uint8Array;
  rows: number;
}

/** Rows handed over: rows `rows` of a batch with their read numbers, or (arena) rows encoded already as COPY tuples. */
export type Winners = { batch: ColumnBatch; rows: Int32Array; ordinals: Float64Array } | Tuples;

/** `add` offers the caller a turn of the event loop every this many rows. */
const PAUSE_ROWS = 1024;
/**
 * A hand-over whose rows taken since the last one are fewer than this many times the keys held found almost every
 * key new (a profile snapshot of one row per user): the window then passes every later row straight through
 * (`passing`), as a window that keeps overflowing would, without hashing and holding each. 1M profiles of unique
 * users on SQLite: 4.7-4.8 s with the window, 3.2 s without (bench:audiences).
 */
const FEW_REPEATS = 1.1;

/** Rows of the arena go in pieces of about this many bytes (the inserting thread streams each into the COPY). */
const PIECE_BYTES = 1 << 20;
/**
 * Batches kept for the rows they hold take at most about this much before those rows are encoded into the arena. The
 * benchmark's 2M rows over 200k keys (each key every 200,000 rows) keep about 20 batches of 10,000 rows, 12 MB.
 */
const RETAINED_BYTES = 32 * 1024 * 1024;

/** The hash table's size for `slots` keys: a power of two (probes wrap by a mask), at least twice as many. */
const tableSize = (slots: number) => 2 ** Math.ceil(Math.log2(2 * slots));

/** A batch kept for the rows it holds: how many, and what it takes. */
interface Held {
  batch: ColumnBatch;
  live: number;
  bytes: number;
}

/** About the memory a batch's columns take (their whole buffers: a column may be a view of a bigger one). */
function batchBytes(batch: ColumnBatch): number {
  let bytes = 0;
  for (const col of batch.columns) {
    switch (col.kind) {
      case 'num':
      case 'date':
        bytes += col.values.buffer.byteLength + (col.nulls?.buffer.byteLength ?? 0);
        break;
      case 'bool':
        bytes += col.values.buffer.byteLength;
        break;
      case 'utf8':
        bytes += col.bytes.buffer.byteLength + col.ends.buffer.byteLength + (col.nulls?.buffer.byteLength ?? 0) + (col.wide?.buffer.byteLength ?? 0);
        break;
      case 'str':
      case 'any':
        bytes += 48 * col.values.length;
        break;
      default:
        break;
    }
  }
  return bytes;
}

/** The one NaN a float key field is made of (PostgreSQL's float8 `=` makes every NaN one value, and -0 equal to 0). */
const NAN_BYTES = (() => {
  const b = Buffer.alloc(8);
  b.writeDoubleBE(NaN, 0);
  return b;
})();

/** Copies `from[start, end)` to `to[at…]`: a loop, as rows are short (a call per row to Buffer#copy cost more than the bytes). */
function copyBytes(from: Uint8Array, start: number, end: number, to: Uint8Array, at: number): void {
  if (end - start > 256) to.set(from.subarray(start, end), at);
  else for (let i = start; i < end; i++) to[at++] = from[i]!;
}

/** The arena: an Out whose growth first drops the rows no longer held (the window says which are). */
class Arena extends Out {
  /** Where the row being written starts. */
  rowStart = 0;
  constructor(
    size: number,
    private readonly compact: (into: Buffer) => number,
    /** Bytes of rows replaced since the last compaction. */
    public garbage = 0,
  ) {
    super(size);
  }

  override room(n: number): void {
    if (this.at + n <= this.buf.length) return;
    const partial = this.at - this.rowStart;
    const live = this.rowStart - this.garbage;
    // Replaced rows are half the buffer or more: copy the held ones (and the row being written) into a new one.
    const size = this.garbage * 2 >= this.at ? Math.max(this.buf.length, 2 * (live + partial + n)) : Math.max(2 * this.buf.length, this.at + n);
    const next = Buffer.allocUnsafe(size);
    let at: number;
    if (this.garbage * 2 >= this.at) {
      at = this.compact(next);
      this.garbage = 0;
    } else {
      this.buf.copy(next, 0, 0, this.rowStart);
      at = this.rowStart;
    }
    copyBytes(this.buf, this.rowStart, this.at, next, at);
    this.rowStart = at;
    this.at = at + partial;
    this.use(next);
  }
}

export class KeyedWindow {
  private readonly fields: number;
  /** Keys held: an open-addressing table of slot + 1 (0: empty), by the hash of the key's bytes. */
  private readonly table: Int32Array;
  /** Slots in use (keys held). */
  private used = 0;
  /** Per slot: its key's hash, and where its key's bytes end in `keyBytes` (they start where the previous slot's end). */
  private readonly hashes: Int32Array;
  private readonly keyEnds: Int32Array;
  /** Per slot: the batch (its number) and row of the row held, or -1 and where the row is in the arena and how long. */
  private readonly where: Int32Array;
  private readonly rowOf: Int32Array;
  private readonly offsets: Int32Array;
  private readonly lengths: Int32Array;
  /** Per slot: the read number of the row held, and its newest value (hi, lo words; or newestValue's in `newestNum`), or null. */
  private readonly ordinals: Float64Array;
  private readonly newestNum: Float64Array;
  private readonly newestHi: Int32Array;
  private readonly newestLo: Uint32Array;
  private readonly newestNull: Uint8Array;
  /** The keys' bytes, slot after slot (a key never changes while its slot is held). */
  private keyBytes: Uint8Array = new Uint8Array(1 << 20);
  /** Batches kept for rows they hold, by number, and the bytes they take. */
  private readonly held = new Map<number, Held>();
  private retained = 0;
  private batches = 0;
  /** The batch `add` is taking (its number), else -1: it is not let go while its rows are still being read. */
  private adding = -1;
  /** Batches the window holds no row of any more, since letGo() was last asked. */
  private readonly goneBatches = new Set<ColumnBatch>();
  private readonly arena: Arena;
  /** Where a row's key and newest fields are encoded to be compared. */
  private readonly scratch = new Out(1024);
  /** The read number of the next row. */
  private ordinal = 0;
  private readonly isFloatKey: boolean[];
  /** Times the window handed its rows over before the end (it was full, or held too many batches without an arena). */
  overflows = 0;
  /** Rows taken since the last hand-over (against the keys held then: FEW_REPEATS). */
  private taken = 0;
  /** Every row goes straight over, in read order, with its number: the data had almost no repeated keys. */
  passing = false;

  constructor(private readonly spec: WindowSpec) {
    this.fields = spec.types.length + 1;
    // Sized for the limit at once: growing on the way rehashed every key held in one synchronous go (32-62 ms at
    // 2^16 and 2^17 keys: `bench:api`'s slowest probes), and untouched pages of these arrays cost no memory.
    const slots = Math.max(16, spec.limit);
    this.hashes = new Int32Array(slots);
    this.keyEnds = new Int32Array(slots);
    this.where = new Int32Array(slots);
    this.rowOf = new Int32Array(slots);
    this.offsets = new Int32Array(slots);
    this.lengths = new Int32Array(slots);
    this.ordinals = new Float64Array(slots);
    this.newestNum = new Float64Array(slots);
    this.newestHi = new Int32Array(slots);
    this.newestLo = new Uint32Array(slots);
    this.newestNull = new Uint8Array(slots);
    this.table = new Int32Array(tableSize(slots));
    this.isFloatKey = spec.key.map((c) => spec.types[c] === 'FLOAT');
    this.arena = new Arena(1 << 20, (into) => this.compactInto(into));
  }

  /** Rows held now. */
  get size(): number {
    return this.used;
  }

  /**
   * Takes the rows `rows` (every row when null) of a batch, in order, as it is iterated: yields the rows it hands
   * over on the way (it was full; each to be inserted before the next is asked for), and null every PAUSE_ROWS rows,
   * where the caller may let the event loop turn (a Parquet batch is a row group, 150k rows in the benchmark: taken
   * in one go, it kept requests waiting for seconds). The batch is kept while it holds rows: its columns must not change.
   */
  *add(batch: ColumnBatch, rows: Int32Array | null): Generator<Winners | null> {
    const { types, key, newest, newestValue } = this.spec;
    const b = this.batches++;
    this.adding = b;
    const scratch = this.scratch;
    const keyWriters = key.map((c) => writer(scratch, types[c]!, batch.columns[c]));
    const newestOf = newest === null || newestValue === null ? null : newestValue(batch.columns[newest]);
    const newestWriter = newest === null || newestOf !== null ? null : writer(scratch, types[newest]!, batch.columns[newest]);
    const isFloatKey = this.isFloatKey;
    const count = rows ? rows.length : batch.length;
    if (this.passing) {
      // Rows still held (the rest of the batch the window filled up on) go over first: they were read earlier.
      if (this.used > 0) yield* this.handOver();
      // Straight over: the rows in read order with their numbers (the stage reduces them as after an overflow).
      const over = rows ?? Int32Array.from({ length: count }, (_, k) => k);
      const ordinals = new Float64Array(count);
      for (let k = 0; k < count; k++) ordinals[k] = this.ordinal++;
      this.adding = -1;
      yield { batch, rows: over, ordinals };
      this.goneBatches.add(batch);
      return;
    }
    this.taken += count;
    for (let k = 0; k < count; k++) {
      if (k % PAUSE_ROWS === PAUSE_ROWS - 1) yield null;
      const r = rows ? rows[k]! : k;
      // The key's fields, each with its length (so a composite key is unambiguous), and their hash (FNV-1a).
      scratch.at = 0;
      for (let i = 0; i < keyWriters.length; i++) {
        const at = scratch.at;
        keyWriters[i]!(r);
        if (isFloatKey[i] && scratch.at - at === 12) {
          const v = scratch.view.getFloat64(at + 4);
          // -0 as 0, every NaN as one: their bytes differ, PostgreSQL's = does not.
          if (v === 0) scratch.buf.fill(0, at + 4, at + 12);
          else if (v !== v) NAN_BYTES.copy(scratch.buf, at + 4);
        }
      }
      const keyLength = scratch.at;
      const keyStart = this.used > 0 ? this.keyEnds[this.used - 1]! : 0;
      let kb = this.keyBytes;
      if (keyStart + keyLength > kb.length) kb = this.growKeys(keyStart + keyLength);
      const sb = scratch.buf;
      let h = 0x811c9dc5 | 0;
      for (let j = 0; j < keyLength; j++) {
        const byte = sb[j]!;
        kb[keyStart + j] = byte;
        h = Math.imul(h ^ byte, 0x01000193);
      }
      // The newest value as two words (timestamps: int64 microseconds; dates: int32 days), or null.
      let hi = 0;
      let lo = 0;
      let isNull = 0;
      let num = 0;
      if (newestOf !== null) {
        num = newestOf(r);
        if (num !== num) isNull = 1;
      } else if (newestWriter !== null) {
        const at = scratch.at;
        newestWriter(r);
        const length = scratch.at - at - 4;
        const view = scratch.view;
        if (length === 8) {
          hi = view.getInt32(at + 4);
          lo = view.getUint32(at + 8);
        } else if (length === 4) hi = view.getInt32(at + 4);
        else isNull = 1;
      }
      const ordinal = this.ordinal++;
      let slot = this.find(h, keyStart, keyStart + keyLength);
      if (slot < 0) {
        let keyEnd = keyStart + keyLength;
        if (this.used >= this.spec.limit) {
          // Full: everything held goes over, and the window starts again with this row (its key moved to the start).
          this.keyBytes.copyWithin(0, keyStart, keyEnd);
          keyEnd = keyLength;
          yield* this.handOver();
          this.overflows++;
        }
        slot = this.insert(h, keyEnd);
        this.where[slot] = -2;
      } else if (newest !== null && this.loses(slot, hi, lo, num, isNull)) {
        // An older row than the one held: dropped.
        continue;
      }
      const before = this.where[slot]!;
      this.hold(slot, b, batch, r);
      this.ordinals[slot] = ordinal;
      this.newestNum[slot] = num;
      this.newestHi[slot] = hi;
      this.newestLo[slot] = lo;
      this.newestNull[slot] = isNull;
      if (before >= 0) this.release(before);
      else if (before === -1) this.arena.garbage += this.lengths[slot]!;
    }
    if (this.retained > (this.spec.retainedBytes ?? RETAINED_BYTES)) {
      if (this.spec.arena) this.spill();
      else {
        // No arena (SQLite): the rows held go over now, so their batches can go.
        yield* this.handOver();
        this.overflows++;
      }
    }
    this.adding = -1;
    if (!this.held.has(b)) this.goneBatches.add(batch);
  }

  /**
   * The batches the window let go (holds no row of) since this was last asked: their buffers may be handed back to
   * the reader (ParallelRead.giveBack) once the rows handed over with them are inserted.
   */
  letGo(): ColumnBatch[] {
    const gone = [...this.goneBatches];
    this.goneBatches.clear();
    return gone;
  }

  /** Every row held, in pieces made as they are asked for; the window is then empty. */
  drain(): Iterable<Winners> {
    return this.handOver();
  }

  /** `slot` holds row `r` of batch `b`. */
  private hold(slot: number, b: number, batch: ColumnBatch, r: number): void {
    let held = this.held.get(b);
    if (!held) {
      held = { batch, live: 0, bytes: batchBytes(batch) };
      this.held.set(b, held);
      this.retained += held.bytes;
    }
    held.live++;
    this.where[slot] = b;
    this.rowOf[slot] = r;
  }

  /** Batch `b` holds one row less (and is let go when it holds none). */
  private release(b: number): void {
    const held = this.held.get(b)!;
    if (--held.live === 0) {
      this.held.delete(b);
      this.retained -= held.bytes;
      if (b !== this.adding) this.goneBatches.add(held.batch);
    }
  }

  /** The slot holding the key `keyBytes[from, to)` with hash `h`, or -1. */
  private find(h: number, from: number, to: number): number {
    const table = this.table;
    const mask = table.length - 1;
    const kb = this.keyBytes;
    const length = to - from;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const entry = table[i]!;
      if (entry === 0) return -1;
      const slot = entry - 1;
      if (this.hashes[slot] !== h) continue;
      const start = slot > 0 ? this.keyEnds[slot - 1]! : 0;
      if (this.keyEnds[slot]! - start !== length) continue;
      let j = 0;
      while (j < length && kb[start + j] === kb[from + j]) j++;
      if (j === length) return slot;
    }
  }

  /** A new slot for the key just written to `keyBytes` (ending at `keyEnd`), with hash `h`. */
  private insert(h: number, keyEnd: number): number {
    const slot = this.used++;
    this.hashes[slot] = h;
    this.keyEnds[slot] = keyEnd;
    this.place(slot);
    return slot;
  }

  private place(slot: number): void {
    const table = this.table;
    const mask = table.length - 1;
    let i = this.hashes[slot]! & mask;
    while (table[i] !== 0) i = (i + 1) & mask;
    table[i] = slot + 1;
  }

  private growKeys(need: number): Uint8Array {
    const grown = new Uint8Array(Math.max(2 * this.keyBytes.length, need));
    grown.set(this.keyBytes);
    this.keyBytes = grown;
    return grown;
  }

  /** Whether a row with this newest value loses to the one held in `slot` (ties go to the later row; null loses). */
  private loses(slot: number, hi: number, lo: number, num: number, isNull: number): boolean {
    if (isNull) return !this.newestNull[slot];
    if (this.newestNull[slot]) return false;
    if (this.spec.newestValue !== null) return num < this.newestNum[slot]!;
    const heldHi = this.newestHi[slot]!;
    return hi < heldHi || (hi === heldHi && lo < this.newestLo[slot]!);
  }

  /** Encodes the rows held by reference into the arena and lets their batches go. */
  private spill(): void {
    if (!this.held.size) return;
    const bySlot = new Map<number, number[]>();
    for (let s = 0; s < this.used; s++) {
      const b = this.where[s]!;
      if (b < 0) continue;
      let list = bySlot.get(b);
      if (!list) bySlot.set(b, (list = []));
      list.push(s);
    }
    const arena = this.arena;
    for (const [b, slots] of bySlot) {
      const batch = this.held.get(b)!.batch;
      const writers = this.spec.types.map((t, c) => writer(arena, t, batch.columns[c]));
      for (const s of slots) {
        arena.rowStart = arena.at;
        arena.int16(this.fields);
        const r = this.rowOf[s]!;
        for (let c = 0; c < writers.length; c++) writers[c]!(r);
        arena.int64(this.ordinals[s]!);
        this.where[s] = -1;
        this.offsets[s] = arena.rowStart;
        this.lengths[s] = arena.at - arena.rowStart;
      }
    }
    arena.rowStart = arena.at;
    for (const [b, held] of this.held) if (b !== this.adding) this.goneBatches.add(held.batch);
    this.held.clear();
    this.retained = 0;
  }

  /** Copies the rows held in the arena into `into` from 0 (their offsets follow); returns where they end. */
  private compactInto(into: Buffer): number {
    const from = this.arena.buf;
    let at = 0;
    for (let s = 0; s < this.used; s++) {
      if (this.where[s] !== -1) continue;
      const offset = this.offsets[s]!;
      const length = this.lengths[s]!;
      copyBytes(from, offset, offset + length, into, at);
      this.offsets[s] = at;
      at += length;
    }
    return at;
  }

  /**
   * Every row held, made as they are asked for: the arena's in pieces of about PIECE_BYTES, then those held by
   * reference, batch by batch (each batch let go once handed over); the window is then empty.
   */
  private *handOver(): Generator<Winners> {
    const arena = this.arena;
    const n = this.used;
    // Hardly a repeated key since the last hand-over: pass the rest of the run straight through (only a window that
    // overflows hands over before the end, so its stage is reduced when it is published in any case).
    if (n > 0 && this.taken < n * FEW_REPEATS) this.passing = true;
    this.taken = 0;
    let piece: Out | null = null;
    let pieceRows = 0;
    const bySlot = new Map<number, number[]>();
    for (let s = 0; s < n; s++) {
      const b = this.where[s]!;
      if (b >= 0) {
        let list = bySlot.get(b);
        if (!list) bySlot.set(b, (list = []));
        list.push(s);
        continue;
      }
      // In the arena: its bytes as they are.
      piece ??= new Out(PIECE_BYTES + (PIECE_BYTES >> 2));
      const offset = this.offsets[s]!;
      const length = this.lengths[s]!;
      piece.room(length);
      copyBytes(arena.buf, offset, offset + length, piece.buf, piece.at);
      piece.at += length;
      pieceRows++;
      if (piece.at >= PIECE_BYTES) {
        yield { body: piece.buf.subarray(0, piece.at), rows: pieceRows };
        piece = null;
        pieceRows = 0;
      }
    }
    if (piece !== null && pieceRows > 0) yield { body: piece.buf.subarray(0, piece.at), rows: pieceRows };
    for (const [b, slots] of bySlot) {
      const batch = this.held.get(b)!.batch;
      const rows = new Int32Array(slots.length);
      const ordinals = new Float64Array(slots.length);
      for (let k = 0; k < slots.length; k++) {
        rows[k] = this.rowOf[slots[k]!]!;
        ordinals[k] = this.ordinals[slots[k]!]!;
      }
      this.held.delete(b);
      yield { batch, rows, ordinals };
      if (b !== this.adding) this.goneBatches.add(batch);
    }
    this.held.clear();
    this.retained = 0;
    this.used = 0;
    this.table.fill(0);
    arena.rowStart = 0;
    arena.at = 0;
    arena.garbage = 0;
  }
}
