// Part writers: a part is one object, streamed to S3 while rows arrive. JSON gzip writes UTF-8 JSONL through gzip;
// Parquet buffers one row group of encoded column values at a time (column-writer.ts, Snappy), so memory is one row
// group plus the upload's queued parts, never the part or the day.
import { once } from 'node:events';
import { createGzip, constants as zlib } from 'node:zlib';
import type { SchemaElement } from 'hyparquet';
import { Leaf, leavesOf, ParquetFileWriter, type LeafGroup, type LeafSpec } from './column-writer.js';
import { schemaOf, type Column } from './parquet-schema.js';
import type { ParsedPage } from './native-events.js';
import { EventJson, GZIP_WRITE_BYTES, JSON_BYTES } from './types.js';
import { ObjectUpload, type UploadTarget } from './upload.js';

export interface Part<T> {
  readonly key: string;
  rows: number;
  /** Uncompressed bytes so far (JSON: the JSONL text; Parquet: the values, about what the JSON would weigh). */
  uncompressed: number;
  /** The uncompressed size a row would add, and what to add. */
  measure(row: T): { size: number; item: unknown };
  add(item: unknown, size: number): Promise<void>;
  /**
   * Parquet with an encoder that reads parsed pages: adds rows[from..] of the page, as add() would one by one, up to
   * the end of the row group or before the part would pass `limit` bytes; returns the index after the last row taken
   * (`from` when the part is full).
   */
  addRows?(page: ParsedPage, rows: Int32Array, from: number, limit: number): Promise<number>;
  /** Rows held in memory, not yet encoded into the object (a Parquet row group). */
  readonly buffered: number;
  /** Encodes and sends what is buffered (a Parquet row group). */
  flushBuffered(): Promise<void>;
  /** Finishes the object; returns its stored size. */
  end(): Promise<number>;
  abort(): Promise<void>;
}

/** JSONL through gzip into one object. */
export class JsonGzipPart<T> implements Part<T> {
  rows = 0;
  uncompressed = 0;
  private readonly upload: ObjectUpload;
  private readonly gzip = createGzip({ level: zlib.Z_DEFAULT_COMPRESSION });
  private pending: string[] = [];
  private pendingChars = 0;

  constructor(target: UploadTarget, readonly key: string) {
    this.upload = new ObjectUpload(target, key, 'application/x-ndjson');
    // pipe() stops gzip's output while the upload's body is full; its bytes are the object's size.
    this.gzip.on('data', (chunk: Buffer) => (this.upload.bytes += chunk.length));
    this.gzip.pipe(this.upload.body);
  }

  measure(row: T) {
    const line = (row instanceof EventJson ? row.text : JSON.stringify(row)) + '\n';
    return { size: Buffer.byteLength(line), item: line };
  }

  readonly buffered = 0;
  flushBuffered(): Promise<void> {
    return this.flush();
  }

  async add(item: unknown, size: number): Promise<void> {
    this.pending.push(item as string);
    this.pendingChars += size;
    this.rows++;
    this.uncompressed += size;
    if (this.pendingChars >= GZIP_WRITE_BYTES) await this.flush();
  }

  private async flush(): Promise<void> {
    if (!this.pending.length) return;
    const text = this.pending.join('');
    this.pending = [];
    this.pendingChars = 0;
    if (!this.gzip.write(text)) await Promise.race([once(this.gzip, 'drain'), this.upload.failure]);
  }

  async end(): Promise<number> {
    await this.flush();
    this.gzip.end();
    // pipe() ends the upload's body after gzip's last bytes.
    await Promise.race([once(this.gzip, 'end'), this.upload.failure]);
    await this.upload.finished();
    return this.upload.bytes;
  }

  async abort(): Promise<void> {
    this.gzip.destroy();
    await this.upload.abort();
  }
}

const ROW_GROUP_BYTES = 16 * 1024 * 1024;

/** Turns a part's rows into Parquet leaf groups: the columns' JavaScript writers, or the native events encoder. */
export interface RowEncoder<T> {
  readonly schema: SchemaElement[];
  /** The schema's leaves, in order (one LeafGroup each per row group). */
  readonly leaves: LeafSpec[];
  /** Approximate uncompressed bytes of a row (the part size limit counts these) when the row does not carry them. */
  size(row: T): number;
  add(row: T): void;
  /** Rows of a parsed page (the native events encoder). */
  addRows?(page: ParsedPage, rows: Int32Array, from: number, to: number): void;
  /** The row group's leaf groups; the encoder starts the next group. */
  take(): LeafGroup[];
}

/** The JavaScript encoder: each column puts its value into its leaves (column-writer.ts). */
export class ColumnsEncoder<T> implements RowEncoder<T> {
  readonly schema: SchemaElement[];
  readonly leaves: LeafSpec[];
  private readonly leavesOf: Leaf[][];
  private readonly all: Leaf[];

  constructor(private readonly columns: Column<T>[]) {
    this.schema = schemaOf(columns);
    this.leavesOf = columns.map((c) => leavesOf(c.elements, c.statistics !== false, c.dictionary !== false).map((spec) => new Leaf(spec)));
    this.all = this.leavesOf.flat();
    this.leaves = this.all.map((l) => l.spec);
  }

  size(row: T): number {
    let size = 0;
    for (const c of this.columns) size += c.size(row);
    return size;
  }

  add(row: T): void {
    for (let i = 0; i < this.columns.length; i++) this.columns[i]!.put(row, this.leavesOf[i]!);
  }

  take(): LeafGroup[] {
    return this.all.map((leaf) => leaf.take());
  }
}

/** One Parquet (Snappy) object, written a row group at a time. */
export class ParquetPart<T> implements Part<T> {
  rows = 0;
  uncompressed = 0;
  private readonly upload: ObjectUpload;
  private readonly file: ParquetFileWriter;
  private groupRows = 0;
  private groupBytes = 0;

  /** `shared` counts the rows buffered by every open Parquet part of an export (its memory budget). */
  constructor(target: UploadTarget, readonly key: string, private readonly encoder: RowEncoder<T>, private readonly rowGroupRows: number, private readonly shared = { rows: 0 }) {
    this.upload = new ObjectUpload(target, key, 'application/vnd.apache.parquet');
    this.file = new ParquetFileWriter((bytes) => this.upload.write(bytes), encoder.schema);
  }

  measure(row: T) {
    let size = (row as { [JSON_BYTES]?: number })[JSON_BYTES] ?? -1;
    if (size < 0) size = this.encoder.size(row);
    return { size, item: row };
  }

  async add(item: unknown, size: number): Promise<void> {
    this.encoder.add(item as T);
    this.rows++;
    this.groupRows++;
    this.shared.rows++;
    this.groupBytes += size;
    this.uncompressed += size;
    if (this.groupRows >= this.rowGroupRows || this.groupBytes >= ROW_GROUP_BYTES) await this.flushGroup();
  }

  async addRows(page: ParsedPage, rows: Int32Array, from: number, limit: number): Promise<number> {
    let k = from;
    let bytes = 0;
    while (k < rows.length) {
      const size = page.size(rows[k]!);
      if ((this.rows > 0 || k > from) && this.uncompressed + bytes + size > limit) break;
      bytes += size;
      k++;
      if (this.groupRows + (k - from) >= this.rowGroupRows || this.groupBytes + bytes >= ROW_GROUP_BYTES) break;
    }
    if (k === from) return from;
    this.encoder.addRows!(page, rows, from, k);
    const n = k - from;
    this.rows += n;
    this.groupRows += n;
    this.shared.rows += n;
    this.groupBytes += bytes;
    this.uncompressed += bytes;
    if (this.groupRows >= this.rowGroupRows || this.groupBytes >= ROW_GROUP_BYTES) await this.flushGroup();
    return k;
  }

  get buffered(): number {
    return this.groupRows;
  }

  flushBuffered(): Promise<void> {
    return this.flushGroup();
  }

  private async flushGroup(): Promise<void> {
    if (!this.groupRows) return;
    const rows = this.groupRows;
    this.shared.rows -= rows;
    this.groupRows = 0;
    this.groupBytes = 0;
    await this.file.rowGroup(this.encoder.leaves, this.encoder.take(), rows);
  }

  async end(): Promise<number> {
    await this.flushGroup();
    await this.file.finish();
    await this.upload.end();
    return this.upload.bytes;
  }

  async abort(): Promise<void> {
    this.shared.rows -= this.groupRows;
    this.groupRows = 0;
    await this.upload.abort();
  }
}
