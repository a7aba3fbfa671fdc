/**
 * The rows a keyed stage would keep, found in memory before they reach the database: of the rows handed to a keyed
 * stage, only the last per key (or the newest by its column) within a window of recent rows is written. The stage
 * then gets a row per key per window instead of every row read, and the store's own reduction (PostgreSQL's
 * DISTINCT ON at publish) has that much less to do; the result is the same, because the database still keeps one
 * row per key across windows and, within one, this drops only rows the database would have dropped anyway.
 *
 * It is sound, never complete: two rows are merged only when their key values are of kinds whose equality here is
 * the stored equality (text in a STRING column, numbers in an INTEGER or FLOAT one) and, with a newest column, when
 * its values are epoch-ms timestamps or numbers; any other batch is written as it came (after the rows held).
 *
 * The window holds the store's own encoding of each batch (`Held.encoded`, PostgreSQL's COPY tuples: bytes outside the
 * JavaScript heap, no object per value), the newest column's values, and one map entry per key. Memory is bounded by
 * rows, not keys: a batch is held while any of its rows is the last of its key and let go once every one is
 * replaced, and when the rows of held batches reach WINDOW_ROWS the survivors are written and the window starts
 * again. A window that replaced under MIN_REPLACED of its rows (keys that do not repeat within it) turns the holding
 * off for the rest of the stage, so unique keys cost one pass over a window and no more.
 */
import type { StoredColumn } from '../imports/import.entity.js';
import type { ColumnBatch } from '../pipeline/parallel-read.js';
import type { StageKey } from './data-store.js';

/**
 * The most rows held in memory (in batches holding at least one row that is last of its key): 2^18 rows, about
 * 18 MB of COPY tuples at the benchmark's five columns. A key that repeats further apart than this is reduced by the
 * database.
 */
export const WINDOW_ROWS = 1 << 18;
/** A window that replaced fewer than this share of its rows stops the holding (keys do not repeat within a window). */
const MIN_REPLACED = 0.1;

/** Writes the rows at `positions` (in the order handed over; null: every row) of what a store encoded. */
export type WriteRows<Encoded> = (encoded: Encoded, positions: Int32Array | null) => Promise<void>;

interface Held<Encoded> {
  /** The store's encoding of the rows handed over; null once none of them is the last of its key (freed). */
  encoded: Encoded | null;
  /** The ordinal of its first row. */
  first: number;
  count: number;
  /** Positions still the last of their key. */
  live: number;
  /** The newest column's values by position (NaN: null), with a newest column. */
  newest: Float64Array | null;
}

/** A key part: the value of row `r` when merging on it is sound, else undefined. */
type Part = (r: number) => string | number | undefined;

export class KeyWindow<Encoded> {
  /**
   * Key → its slot in `lastOrdinal`, the ordinal of its last row (a row that cannot be merged has a symbol of its
   * own): a repeated key costs one lookup.
   */
  private slots = new Map<string | number | symbol, number>();
  private lastOrdinal: number[] = [];
  /** The window's batches in ordinal order, freed ones included (a freed one is a few numbers). */
  private held: Held<Encoded>[] = [];
  private heldRows = 0;
  /** Rows handed over in this window and how many of them replaced an earlier one. */
  private seen = 0;
  private replaced = 0;
  /** The ordinal of the next row handed over. */
  private next = 0;
  private holding = true;
  private readonly keyIndexes: number[];
  private readonly newestIndex: number;

  constructor(
    private readonly columns: StoredColumn[],
    key: StageKey,
    private readonly write: WriteRows<Encoded>,
    /** Takes back the encoding of a batch none of whose rows is needed any more (to encode another into it). */
    private readonly recycle: (encoded: Encoded) => void = () => {},
    private readonly limit = WINDOW_ROWS,
  ) {
    this.keyIndexes = key.key.map((k) => columns.findIndex((c) => c.column === k));
    this.newestIndex = key.newest ? columns.findIndex((c) => c.column === key.newest) : -1;
  }

  /** The ordinal the next row handed over will have (its number in the order read, from 0). */
  get nextOrdinal(): number {
    return this.next;
  }

  /**
   * Takes rows `rows` (every row when null) of a batch, which the store encoded as `encoded` with ordinals from
   * `nextOrdinal`; writes what can no longer be held.
   */
  async add(batch: ColumnBatch, rows: Int32Array | null, encoded: Encoded): Promise<void> {
    const count = rows ? rows.length : batch.length;
    const first = this.next;
    this.next += count;
    const parts = this.holding ? this.keyParts(batch) : null;
    const newest = parts && this.newestIndex >= 0 ? this.newestOf(batch) : null;
    if (!parts || (this.newestIndex >= 0 && !newest)) {
      await this.flush();
      return this.write(encoded, null);
    }
    const entry: Held<Encoded> = { encoded, first, count, live: 0, newest: newest && (rows ? Float64Array.from(rows, (r) => newest[r]!) : newest.slice(0, count)) };
    this.held.push(entry);
    this.heldRows += count;
    const keyOf = parts.length === 1 ? parts[0]! : compositeKey(parts);
    for (let k = 0; k < count; k++) {
      const r = rows ? rows[k]! : k;
      const key = keyOf(r);
      const ordinal = first + k;
      if (key === undefined) {
        // Not mergeable (a null, NaN): the row is kept, under a key of its own.
        this.slots.set(Symbol(), this.lastOrdinal.push(ordinal) - 1);
        entry.live++;
        continue;
      }
      const slot = this.slots.get(key);
      if (slot !== undefined) {
        const previous = this.lastOrdinal[slot]!;
        const old = this.entryOf(previous);
        // With a newest column the stored row stays when it is newer (ties and nulls as the stores decide).
        if (newest && !newerWins(newest[r]!, old.newest![previous - old.first]!)) continue;
        this.replaced++;
        // (the batch being added is let go, if need be, once all its rows are in)
        if (--old.live === 0 && old !== entry) this.free(old);
        this.lastOrdinal[slot] = ordinal;
      } else {
        // A key seen first is kept as a string of its own: a slice of the batch's text would keep all of it alive.
        this.slots.set(typeof key === 'string' ? ownString(key) : key, this.lastOrdinal.push(ordinal) - 1);
      }
      entry.live++;
    }
    this.seen += count;
    if (entry.live === 0) this.free(entry);
    if (this.heldRows >= this.limit) {
      if (this.replaced < this.seen * MIN_REPLACED) this.holding = false;
      await this.flush();
    }
  }

  /** Writes every row held (the last per key of this window), in the order read, and starts a new window. */
  async flush(): Promise<void> {
    const ordinals = Float64Array.from(this.lastOrdinal).sort();
    const held = this.held;
    this.reset();
    let at = 0;
    for (const entry of held) {
      let end = at;
      while (end < ordinals.length && ordinals[end]! < entry.first + entry.count) end++;
      if (end === at) continue;
      const positions = new Int32Array(end - at);
      for (let k = 0; k < positions.length; k++) positions[k] = ordinals[at + k]! - entry.first;
      await this.write(entry.encoded!, positions);
      at = end;
    }
  }

  /** Starts a new window (the rows held are the caller's to write). */
  private reset(): void {
    this.slots = new Map();
    this.lastOrdinal = [];
    this.held = [];
    this.heldRows = 0;
    this.seen = 0;
    this.replaced = 0;
  }

  /** The held batch an ordinal of this window is in. */
  private entryOf(ordinal: number): Held<Encoded> {
    let lo = 0;
    let hi = this.held.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.held[mid]!.first <= ordinal) lo = mid;
      else hi = mid - 1;
    }
    return this.held[lo]!;
  }

  private free(entry: Held<Encoded>): void {
    this.heldRows -= entry.count;
    if (entry.encoded) this.recycle(entry.encoded);
    entry.encoded = null;
    entry.newest = null;
  }

  /** The key's parts for this batch, or null when a key column's values are not of a kind merged here. */
  private keyParts(batch: ColumnBatch): Part[] | null {
    const parts: Part[] = [];
    for (const index of this.keyIndexes) {
      const col = batch.columns[index];
      const type = this.columns[index]?.type;
      if (col?.kind === 'str' && type === 'STRING') {
        const values = col.values;
        parts.push((r) => values[r] ?? undefined);
      } else if (col?.kind === 'num' && (type === 'INTEGER' || type === 'FLOAT')) {
        const { values, nulls } = col;
        // -0 is 0 (as Map keys and stored numbers are); NaN is stored as null.
        parts.push((r) => (nulls?.[r] || Number.isNaN(values[r]!) ? undefined : values[r]! + 0));
      } else return null;
    }
    return parts;
  }

  /** The newest column's values as numbers (NaN: null), when they compare here as they do stored. */
  private newestOf(batch: ColumnBatch): Float64Array | null {
    const col = batch.columns[this.newestIndex];
    const type = this.columns[this.newestIndex]?.type;
    const comparable = (col?.kind === 'date' && type === 'TIMESTAMP') || (col?.kind === 'num' && (type === 'INTEGER' || type === 'FLOAT'));
    if (!comparable) return null;
    if (!col.nulls) return col.values;
    const values = Float64Array.from(col.values);
    for (let r = 0; r < values.length; r++) if (col.nulls[r]) values[r] = NaN;
    return values;
  }
}

/**
 * Whether a later row replaces the kept one by the newest column, as the stores decide: a later row wins when its
 * value is at least the kept one's, or the kept one's is null (a null never beats a value).
 */
function newerWins(later: number, kept: number): boolean {
  return Number.isNaN(kept) || later >= kept;
}

/** A copy of a string that shares no memory with another: V8 makes a `slice` of 13 characters or more a view that keeps the whole string alive. */
function ownString(s: string): string {
  return s.length < 13 ? s : Buffer.from(s, 'utf16le').toString('utf16le');
}

/** One key for several parts: each but the last with its length, so no two different tuples meet. */
function compositeKey(parts: Part[]): Part {
  return (r) => {
    let key = '';
    for (let i = 0; i < parts.length; i++) {
      const v = parts[i]!(r);
      if (v === undefined) return undefined;
      const text = typeof v === 'number' ? `#${v}` : v;
      key += i === parts.length - 1 ? text : `${text.length}:${text}`;
    }
    return key;
  };
}
