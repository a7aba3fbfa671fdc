/**
 * A columnar batch as the body of PostgreSQL's binary COPY (`COPY t (…) FROM STDIN (FORMAT binary)`): numbers,
 * booleans, dates and epoch-ms timestamps go from the batch's typed arrays into their binary forms, text as UTF-8;
 * nothing is formatted as text and parsed back. The values are the ones the SQLite store writes for the same cells.
 *
 * Measured on the 2M-row benchmark against the local PostgreSQL: one `unnest` of text arrays per batch took
 * 9.3-9.9 s per import; PostgreSQL's own COPY of the same rows from a CSV file takes 2.0 s. Every import type writes
 * its stage this way (a keyed stage with a row number per row, reduced at publish: data-store.ts).
 */
import { cellAt, type CellValue, type ColumnType } from '../connectors/formats/format.js';
import { daysFromCivil } from '../connectors/formats/values.js';
import type { StoredColumn } from '../imports/import.entity.js';
import type { Column, ColumnBatch } from '../pipeline/parallel-read.js';

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
/** PostgreSQL's epoch, 2000-01-01, in Unix days and milliseconds. */
const PG_EPOCH_DAYS = 10957;
const PG_EPOCH_MS = PG_EPOCH_DAYS * 86_400_000;
const TWO_32 = 4294967296;

/**
 * A growing buffer with the writes the format needs (keyed-window.ts keeps its rows in one). Numbers go through a
 * DataView of the buffer: Buffer's writeInt32BE and the like check their arguments on every call, and took a third of
 * the time of encoding the benchmark's rows.
 */
export class Out {
  buf!: Buffer;
  view!: DataView;
  at = 0;

  constructor(size: number) {
    this.use(Buffer.allocUnsafe(size));
  }

  /** Starts again in a new buffer of `size` bytes (the old one is the caller's). */
  reset(size: number): void {
    this.use(Buffer.allocUnsafe(size));
    this.at = 0;
  }

  /** Writes go to `buf` from now on. */
  protected use(buf: Buffer): void {
    this.buf = buf;
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  /** Makes room for `n` more bytes at `at` (a subclass may move what it holds, never the bytes before `at`'s row). */
  room(n: number): void {
    if (this.at + n <= this.buf.length) return;
    const grown = Buffer.allocUnsafe(Math.max(2 * this.buf.length, this.at + n));
    this.buf.copy(grown, 0, 0, this.at);
    this.use(grown);
  }

  int16(v: number): void {
    this.room(2);
    this.view.setInt16(this.at, v);
    this.at += 2;
  }

  int32(v: number): void {
    this.room(4);
    this.view.setInt32(this.at, v);
    this.at += 4;
  }

  null(): void {
    this.int32(-1);
  }

  /** An int64 field from a double holding an integer within ±2^53. */
  int64(v: number): void {
    this.room(12);
    const view = this.view;
    const at = this.at;
    view.setInt32(at, 8);
    const high = Math.floor(v / TWO_32);
    view.setInt32(at + 4, high);
    view.setUint32(at + 8, v - high * TWO_32);
    this.at = at + 12;
  }

  bigint64(v: bigint): void {
    this.room(12);
    this.view.setInt32(this.at, 8);
    this.view.setBigInt64(this.at + 4, v);
    this.at += 12;
  }

  float64(v: number): void {
    this.room(12);
    this.view.setInt32(this.at, 8);
    this.view.setFloat64(this.at + 4, v);
    this.at += 12;
  }

  bool(v: boolean): void {
    this.room(5);
    this.view.setInt32(this.at, 1);
    this.buf[this.at + 4] = v ? 1 : 0;
    this.at += 5;
  }

  date(days: number): void {
    this.room(8);
    this.view.setInt32(this.at, 4);
    this.view.setInt32(this.at + 4, days - PG_EPOCH_DAYS);
    this.at += 8;
  }

  /** A timestamptz field: microseconds since 2000-01-01 UTC. */
  timestamp(ms: number): void {
    const us = (ms - PG_EPOCH_MS) * 1000;
    if (Number.isSafeInteger(us)) this.int64(us);
    else this.bigint64((BigInt(Math.trunc(ms)) - BigInt(PG_EPOCH_MS)) * 1000n);
  }

  /** A text field of UTF-8 bytes `from[start, end)` as they are. */
  bytes(from: Uint8Array, start: number, end: number): void {
    const n = end - start;
    this.room(4 + n);
    const buf = this.buf;
    this.view.setInt32(this.at, n);
    let at = this.at + 4;
    if (n < 32) for (let i = start; i < end; i++) buf[at++] = from[i]!;
    else {
      buf.set(from.subarray(start, end), at);
      at += n;
    }
    this.at = at;
  }

  text(s: string): void {
    this.room(4 + 3 * s.length);
    const written = this.buf.write(s, this.at + 4, 'utf8');
    this.view.setInt32(this.at, written);
    this.at += 4 + written;
  }
}

/** `YYYY-MM-DD` as days since 1970-01-01. */
function dateDays(s: string): number {
  const digit = (i: number) => s.charCodeAt(i) - 48;
  const year = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3);
  return daysFromCivil(year, digit(5) * 10 + digit(6), digit(8) * 10 + digit(9));
}

/** Writes one cell of a column of `type`, whatever its JavaScript kind (the general path). */
function writeCell(out: Out, type: ColumnType, v: CellValue): void {
  if (v === null) return out.null();
  switch (type) {
    case 'INTEGER':
      return typeof v === 'number' ? out.int64(v) : out.bigint64(BigInt(v as bigint | string));
    case 'FLOAT':
      return out.float64(Number(v));
    case 'BOOLEAN':
      return out.bool(Boolean(v));
    case 'DATE':
      return out.date(dateDays(v instanceof Date ? v.toISOString() : String(v)));
    case 'TIMESTAMP': {
      const ms = v instanceof Date ? v.getTime() : typeof v === 'string' ? Date.parse(v) : Number(v);
      return Number.isNaN(ms) ? out.null() : out.timestamp(ms);
    }
    case 'STRING':
      return out.text(typeof v === 'string' ? v : v instanceof Date ? v.toISOString() : typeof v === 'boolean' ? (v ? '1' : '0') : String(v));
  }
}

/** A writer for row `r` of a column: straight from its typed array for the usual pairs, else cell by cell. */
export function writer(out: Out, type: ColumnType, col: Column | undefined): (r: number) => void {
  if (!col || col.kind === 'null') return () => out.null();
  if (col.kind === 'num' && (type === 'INTEGER' || type === 'FLOAT')) {
    const { values, nulls } = col;
    const write = type === 'INTEGER' ? (v: number) => out.int64(v) : (v: number) => out.float64(v);
    return (r) => (nulls !== null && nulls[r] ? out.null() : write(values[r]!));
  }
  if (col.kind === 'date' && type === 'TIMESTAMP') {
    const { values, nulls } = col;
    return (r) => (nulls !== null && nulls[r]) || Number.isNaN(values[r]!) ? out.null() : out.timestamp(values[r]!);
  }
  if (col.kind === 'bool' && type === 'BOOLEAN') {
    const values = col.values;
    return (r) => (values[r] === 2 ? out.null() : out.bool(values[r] === 1));
  }
  if (col.kind === 'str' && type === 'STRING') {
    const values = col.values;
    return (r) => {
      const v = values[r];
      if (v === null || v === undefined) out.null();
      else out.text(v);
    };
  }
  if (col.kind === 'utf8' && type === 'STRING') {
    // Text still as the reader's bytes (on the read worker): a value without a byte above 0x7F (nor, in a binary
    // column, a NUL) is the same bytes as its string's UTF-8, so it is copied; the others go through their string.
    const { bytes, ends, nulls, wide } = col;
    let flags: Uint8Array | null = null;
    if (wide) {
      flags = new Uint8Array(ends.length);
      for (let k = 0; k < wide.length; k++) flags[wide[k]!] = 1;
    }
    return (r) => {
      if (nulls !== null && nulls[r]) out.null();
      else if (flags !== null && flags[r]) out.text(cellAt(col, r) as string);
      else out.bytes(bytes, r > 0 ? ends[r - 1]! : 0, ends[r]!);
    };
  }
  return (r) => writeCell(out, type, cellAt(col, r));
}

/** The start and the end of a binary COPY stream; `binaryCopyRows` bodies go between them. */
export const COPY_HEADER = Buffer.concat([SIGNATURE, Buffer.alloc(8)]); // flags, header extension length
export const COPY_TRAILER = Buffer.from([0xff, 0xff]);

/** A whole COPY body (header, rows, trailer) for rows `rows` (every row when null) of a batch. */
export function binaryCopy(columns: StoredColumn[], batch: ColumnBatch, rows: Int32Array | null): Buffer {
  return Buffer.concat([COPY_HEADER, binaryCopyRows(columns, batch, rows), COPY_TRAILER]);
}

/**
 * The rows `rows` (every row when null) of a batch whose columns are in `columns` order, as COPY tuples; with
 * `ordinals`, each row ends with one more bigint field numbering it (a keyed stage's row order): from that number
 * on, or row k with `ordinals[k]` (the rows a keyed window handed over).
 */
export function binaryCopyRows(columns: StoredColumn[], batch: ColumnBatch, rows: Int32Array | null, ordinals: number | Float64Array | null = null): Buffer {
  const count = rows ? rows.length : batch.length;
  const fields = columns.length + (ordinals === null ? 0 : 1);
  const out = new Out(64 + count * (2 + fields * 16));
  const writers = columns.map((c, i) => writer(out, c.type, batch.columns[i]));
  for (let k = 0; k < count; k++) {
    const r = rows ? rows[k]! : k;
    out.int16(fields);
    for (const write of writers) write(r);
    if (ordinals !== null) out.int64(typeof ordinals === 'number' ? ordinals + k : ordinals[k]!);
  }
  return out.buf.subarray(0, out.at);
}
