// S3 Batch: one UTC day exported as Hive-partitioned parts, then stale parts of an earlier run pruned, then the
// manifest written last. Layout (../shared/API.md, "Routing"):
//   {prefix}events/type={event_type}/date=YYYY-MM-DD/part-NNNNN.{json.gz|parquet}
//   {prefix}aliases/date=YYYY-MM-DD/part-NNNNN.{json.gz|parquet}
//   {prefix}segment_metadata/date=YYYY-MM-DD/part-00000.{json.gz|parquet}   (a full snapshot, written even if empty)
//   {prefix}_manifests/date=YYYY-MM-DD.json                                  (every file with its rows; written last)
// Rows stream from the source in chunks into parts of at most `partSizeBytes` uncompressed, each uploaded while it is
// written: memory is bounded by a chunk, a row group and the upload queue, never by the day.
import { DeleteObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { BatchExportError, classifyS3Error } from './errors.js';
import { nativeEvents, type ParsedPage } from './native-events.js';
import { aliasColumns, eventColumns, PropertyStats, segmentColumns } from './parquet-schema.js';
import { ColumnsEncoder, JsonGzipPart, ParquetPart, type Part, type RowEncoder } from './parts.js';
import { encryption, type UploadTarget } from './upload.js';
import { DEFAULT_PART_SIZE, type EventJson, type EventPage, type EventRecord, type BatchDataType, type BatchFile, type ExportDayOptions, type ExportDayResult, type ExportFormat } from './types.js';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TYPE_RE = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
/** Event types written at once from one read of the day. */
const MAX_OPEN_TYPES = 16;

/** An event as a part takes it one at a time: a record, or its JSON text (JSON gzip). */
type EventRow = EventRecord | EventJson;

async function* parsedPages(native: NonNullable<typeof nativeEvents>, pages: AsyncIterable<EventPage>): AsyncIterable<ParsedPage> {
  for await (const page of pages) yield native.parse(page);
}

/** A page's rows of each type `keep` takes (asked once per run of a type, in page order), in page order. */
function rowsByType(types: string[], keep: (type: string) => boolean): [string, Int32Array][] {
  const byType = new Map<string, number[]>();
  let last: string | null = null;
  let list: number[] | undefined;
  for (let i = 0; i < types.length; i++) {
    const t = types[i]!;
    if (t !== last) {
      last = t;
      list = keep(t) ? (byType.get(t) ?? byType.set(t, []).get(t)) : undefined;
    }
    list?.push(i);
  }
  return [...byType].map(([t, rows]) => [t, Int32Array.from(rows)]);
}

/** Checks a `YYYY-MM-DD` that names a real UTC day. */
export function parseDay(date: string): { start: string; end: string } {
  const m = DATE_RE.exec(date);
  const start = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!start || start.toISOString().slice(0, 10) !== date) throw new RangeError(`date must be a UTC day as YYYY-MM-DD, not ${JSON.stringify(date)}`);
  return { start: start.toISOString(), end: new Date(start.getTime() + 86_400_000).toISOString() };
}

export const extension = (format: ExportFormat) => (format === 'PARQUET_SNAPPY' ? 'parquet' : 'json.gz');
const part = (n: number) => `part-${String(n).padStart(5, '0')}`;

/** The day's folders, for the keys and for pruning. */
export function dayLayout(prefix: string, date: string) {
  return {
    events: (type: string) => `${prefix}events/type=${type}/date=${date}/`,
    eventsRoot: `${prefix}events/`,
    aliases: `${prefix}aliases/date=${date}/`,
    segments: `${prefix}segment_metadata/date=${date}/`,
    manifest: `${prefix}_manifests/date=${date}.json`,
  };
}

export interface Manifest {
  date: string;
  format: ExportFormat;
  written_at: string;
  files: { key: string; data_type: BatchDataType; event_type?: string; rows: number; bytes: number }[];
  rows: { events: number; aliases: number; segment_metadata: number };
}

/** Exports one UTC day; returns every file written (the manifest last). Throws BatchExportError on S3 failures. */
export async function exportDay(opts: ExportDayOptions): Promise<ExportDayResult> {
  const prefix = opts.prefix ?? '';
  if (prefix.startsWith('/')) throw new RangeError('prefix must not start with a slash');
  parseDay(opts.date);
  const limit = opts.partSizeBytes ?? DEFAULT_PART_SIZE;
  if (!(limit > 0)) throw new RangeError('partSizeBytes must be positive');
  const rowGroupRows = opts.rowGroupRows ?? 10_000;
  const region = typeof opts.s3.config.region === 'function' ? await opts.s3.config.region() : String(opts.s3.config.region ?? '');
  const target: UploadTarget = { s3: opts.s3, bucket: opts.bucket, kmsKeyArn: opts.kmsKeyArn };
  const layout = dayLayout(prefix, opts.date);
  const ext = extension(opts.format);
  const files: BatchFile[] = [];
  const where = (key: string) => `s3://${opts.bucket}/${key}`;
  const checkAbort = () => {
    if (opts.signal?.aborted) throw opts.signal.reason ?? new DOMException('The export was aborted', 'AbortError');
  };
  const report = (file: BatchFile) => {
    files.push(file);
    opts.onFile?.(file);
  };
  const fail = (error: unknown, operation: string, key: string): never => {
    checkAbort();
    throw classifyS3Error(error, operation, where(key), region, opts.kmsKeyArn);
  };

  /** Numbered parts of one folder: rows go into the current part until the next row would pass the size limit. */
  class PartSequence<T> {
    current: Part<T> | null = null;
    private started = 0;
    private n = 0;
    total = 0;
    /** `written` collects the files closed (else each is reported as it closes). */
    constructor(private readonly dataType: BatchDataType, private readonly folder: string, private readonly open: (key: string) => Part<T>, private readonly eventType?: string, private readonly written?: BatchFile[]) {}

    private next(): Part<T> {
      this.current = this.open(`${this.folder}${part(this.n++)}.${ext}`);
      this.started = Date.now();
      return this.current;
    }

    /** Adds some rows of a parsed page (native Parquet), by the same size and row group rules as add(). */
    async addRows(page: ParsedPage, rows: Int32Array): Promise<void> {
      let i = 0;
      while (i < rows.length) {
        const p = this.current ?? this.next();
        let k = i;
        try {
          k = await p.addRows!(page, rows, i, limit);
        } catch (error) {
          fail(error, 'PutObject', p.key);
        }
        if (k === i) await this.close();
        this.total += k - i;
        i = k;
      }
    }

    async add(row: T): Promise<void> {
      let p = this.current ?? this.next();
      const { size, item } = p.measure(row);
      if (p.rows > 0 && p.uncompressed + size > limit) {
        await this.close();
        p = this.next();
      }
      try {
        await p.add(item, size);
      } catch (error) {
        fail(error, 'PutObject', p.key);
      }
      this.total++;
    }

    /** Closes the open part (or, with `always`, writes an empty part-00000 when there were no rows). */
    async finish(always = false): Promise<void> {
      if (!this.current && always && this.n === 0) this.next();
      if (this.current) await this.close();
    }

    private async close(): Promise<void> {
      const p = this.current!;
      this.current = null;
      let bytes: number;
      try {
        bytes = await p.end();
      } catch (error) {
        await p.abort();
        return fail(error, 'PutObject', p.key);
      }
      const file: BatchFile = { key: p.key, dataType: this.dataType, ...(this.eventType ? { eventType: this.eventType } : {}), rows: p.rows, bytes, durationMs: Date.now() - this.started };
      if (this.written) this.written.push(file);
      else report(file);
    }

    async abort(): Promise<void> {
      const p = this.current;
      this.current = null;
      if (p) await p.abort();
    }
  }

  /** Parquet row groups of all open parts share one budget of buffered rows: past it, the biggest group is written. */
  const buffered = { rows: 0 };
  const opener = <T>(encoder: () => RowEncoder<T>) => (key: string): Part<T> =>
    opts.format === 'PARQUET_SNAPPY' ? new ParquetPart<T>(target, key, encoder(), rowGroupRows, buffered) : new JsonGzipPart<T>(target, key);
  // Parquet events from pages of bytes, parsed and encoded in C++, when the addon is built and the source has them.
  const eventPages = opts.format === 'PARQUET_SNAPPY' && nativeEvents && opts.source.eventPages ? { native: nativeEvents, read: opts.source.eventPages.bind(opts.source) } : null;
  const keepBudget = async (sequences: Iterable<PartSequence<unknown>>) => {
    while (buffered.rows >= rowGroupRows) {
      let biggest: Part<unknown> | null = null;
      for (const q of sequences) if (q.current && (!biggest || q.current.buffered > biggest.buffered)) biggest = q.current;
      if (!biggest || !biggest.buffered) return;
      await biggest.flushBuffered().catch((error) => fail(error, 'PutObject', biggest!.key));
    }
  };

  /** Writes a whole iterable into one sequence of parts. */
  async function writeAll<T>(sequence: PartSequence<T>, chunks: AsyncIterable<T[]>, always: boolean): Promise<number> {
    try {
      for await (const chunk of chunks) {
        checkAbort();
        for (const row of chunk) await sequence.add(row);
      }
      await sequence.finish(always);
    } finally {
      await sequence.abort();
    }
    return sequence.total;
  }

  const rows = { events: 0, aliases: 0, segment_metadata: 0 };
  const checkType = (type: string) => {
    if (!TYPE_RE.test(type)) throw new RangeError(`event type ${JSON.stringify(type)} cannot name a partition`);
  };

  /**
   * The day's property kinds of some types: from one read of the pages through the addon when Parquet takes pages,
   * else from the source when it can tell (its database's JSON functions; PostgreSQL's refuse a body holding a lone
   * surrogate's escape), else (or when the source could not tell) from one read of the rows.
   */
  const dayKinds = async (group: string[]): Promise<Map<string, PropertyStats>> => {
    const stats = new Map(group.map((t) => [t, new PropertyStats()]));
    if (eventPages) {
      for await (const page of parsedPages(eventPages.native, eventPages.read(group))) {
        checkAbort();
        try {
          for (const [t, rows] of rowsByType(page.types, (type) => stats.has(type))) stats.get(t)!.addBits(eventPages.native.kinds(page, rows), rows.length);
        } finally {
          page.release();
        }
      }
      return stats;
    }
    // The source's answer is a shortcut: when its database cannot give it, the rows can.
    const reported = await opts.source.propertyKinds?.(group).catch(() => null);
    if (reported) {
      for (const [t, kinds] of Object.entries(reported)) stats.get(t)?.addKinds(kinds);
      return stats;
    }
    for await (const chunk of opts.source.events(group)) {
      checkAbort();
      for (const r of chunk) stats.get(r.type)?.add(r);
    }
    return stats;
  };

  /**
   * Writes the day's events of some types in one read: of `group`, or (null) of the first MAX_OPEN_TYPES types the
   * read meets, noting the others it skips. Parquet needs each type's property kinds before its first row group: given
   * `known` (the whole day's), they are final; without, they are learned from the rows read so far, and the pass gives
   * up (ok: false) as soon as a type's kinds change after its schema was fixed. The files of the pass are reported only
   * once it succeeded, since a pass given up on is written again to the same keys.
   */
  async function writeEvents(group: string[] | null, known: Map<string, PropertyStats> | null): Promise<{ ok: boolean; written: string[]; skipped: Set<string> }> {
    const stats = known ?? new Map<string, PropertyStats>();
    /** Per type, the stats' change count when its schema was fixed (its first part opened), and its kinds. */
    const fixed = new Map<string, { changes: number; kinds: ReturnType<PropertyStats['kinds']> }>();
    const encoderOf = (t: string) => (): RowEncoder<EventRow> => {
      let f = fixed.get(t);
      if (!f) fixed.set(t, (f = { changes: stats.get(t)!.changes, kinds: stats.get(t)!.kinds() }));
      return (eventPages ? eventPages.native.encoder(f.kinds) : new ColumnsEncoder(eventColumns(f.kinds))) as RowEncoder<EventRow>;
    };
    const written: BatchFile[] = [];
    const sequences = new Map<string, PartSequence<EventRow>>();
    const skipped = new Set<string>();
    const open = (t: string) => {
      if (!stats.has(t)) stats.set(t, new PropertyStats());
      const sequence = new PartSequence<EventRow>('events', layout.events(t), opener(encoderOf(t)), t, written);
      sequences.set(t, sequence);
      return sequence;
    };
    if (group) for (const t of group) open(t);
    /** The sequence of a row's type; null when this pass skips it (an open pass with MAX_OPEN_TYPES types already). */
    const sequenceOf = (type: string) => {
      const sequence = sequences.get(type);
      if (sequence) return sequence;
      if (group) throw new RangeError(`the source gave an event of type ${JSON.stringify(type)} when asked for ${group.join(', ')}`);
      if (skipped.has(type)) return null;
      checkType(type);
      // Given the day's kinds, only their types: a pass written again after one that gave up opens the same ones.
      if (sequences.size < MAX_OPEN_TYPES && (!known || known.has(type))) return open(type);
      skipped.add(type);
      return null;
    };
    // JSON gzip takes the events as text when the source has them so (no parse, no serialization per row); Parquet
    // takes pages of bytes for the native encoder when it can.
    const chunks: AsyncIterable<EventRow[] | ParsedPage> = eventPages
      ? parsedPages(eventPages.native, eventPages.read(group))
      : opts.format === 'JSON_GZIP' && opts.source.eventsJson ? opts.source.eventsJson(group) : opts.source.events(group);
    const learning = opts.format === 'PARQUET_SNAPPY' && !known;
    const kindsChanged = () => [...fixed].some(([t, f]) => stats.get(t)!.changes !== f.changes);
    try {
      for await (const chunk of chunks) {
        checkAbort();
        if (Array.isArray(chunk)) {
          // The whole chunk first: a type's schema, fixed when its first part opens, knows every row read so far.
          if (learning) {
            for (const row of chunk) if (sequenceOf(row.type)) stats.get(row.type)!.add(row as EventRecord);
            if (kindsChanged()) return { ok: false, written: [...sequences.keys()], skipped };
          }
          for (const row of chunk) await sequenceOf(row.type)?.add(row);
        } else {
          // A parsed page: its rows of each type this pass writes (in page order), learned from, then written, a type
          // at a time, in the addon.
          try {
            const groups = rowsByType(chunk.types, (t) => sequenceOf(t) !== null);
            if (learning) {
              for (const [t, r] of groups) stats.get(t)!.addBits(eventPages!.native.kinds(chunk, r), r.length);
              if (kindsChanged()) return { ok: false, written: [...sequences.keys()], skipped };
            }
            for (const [t, r] of groups) await sequences.get(t)!.addRows(chunk, r);
          } finally {
            chunk.release();
          }
        }
        if (buffered.rows >= rowGroupRows) await keepBudget(sequences.values() as Iterable<PartSequence<unknown>>);
      }
      // Every open part closes at once: each waits for its upload to complete.
      await Promise.all([...sequences.values()].map((sequence) => sequence.finish()));
    } finally {
      for (const sequence of sequences.values()) await sequence.abort();
    }
    for (const sequence of sequences.values()) rows.events += sequence.total;
    for (const file of written) report(file);
    return { ok: true, written: [...sequences.keys()], skipped };
  }

  // Events: one partition per type, up to MAX_OPEN_TYPES written at once from one read of the day (each read is a scan
  // of the day in the log, and each open type holds a part's buffers). The first read takes every type and meets the
  // day's types on the way (no scan of its own to list them first); the types it skipped are written by later reads.
  // Usually each is one read: kinds learned on the way hold for the whole day. When a later event brings a new
  // property or kind, those types are written again with the day's kinds, looked at first.
  let first = await writeEvents(null, null);
  // Written again to the end (not only its types): it meets every type the first pass stopped before.
  if (!first.ok) first = await writeEvents(null, await dayKinds(first.written));
  const rest = [...first.skipped].sort();
  for (let i = 0; i < rest.length; i += MAX_OPEN_TYPES) {
    checkAbort();
    const group = rest.slice(i, i + MAX_OPEN_TYPES);
    if (!(await writeEvents(group, null)).ok) await writeEvents(group, await dayKinds(group));
  }
  rows.aliases = await writeAll(new PartSequence('aliases', layout.aliases, opener(() => new ColumnsEncoder(aliasColumns()))), opts.source.aliases(), false);
  rows.segment_metadata = await writeAll(new PartSequence('segment_metadata', layout.segments, opener(() => new ColumnsEncoder(segmentColumns()))), opts.source.segmentMetadata(), true);

  // Prune: every key under the day's folders that this run did not write (parts of an earlier, larger run; types
  // that had events then and none now). Done before the manifest, so once it is written the day is all new.
  checkAbort();
  const written = new Set(files.map((f) => f.key));
  const deleted: string[] = [];
  const list = async (p: string, delimiter?: string) => {
    const keys: string[] = [];
    const prefixes: string[] = [];
    let token: string | undefined;
    do {
      const page = await opts.s3.send(new ListObjectsV2Command({ Bucket: opts.bucket, Prefix: p, Delimiter: delimiter, ContinuationToken: token })).catch((e) => fail(e, 'ListObjectsV2', p));
      for (const o of page.Contents ?? []) if (o.Key) keys.push(o.Key);
      for (const c of page.CommonPrefixes ?? []) if (c.Prefix) prefixes.push(c.Prefix);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return { keys, prefixes };
  };
  const folders = [layout.aliases, layout.segments];
  for (const typeFolder of (await list(layout.eventsRoot, '/')).prefixes) folders.push(`${typeFolder}date=${opts.date}/`);
  for (const folder of folders) {
    for (const key of (await list(folder)).keys) {
      if (written.has(key)) continue;
      checkAbort();
      await opts.s3.send(new DeleteObjectCommand({ Bucket: opts.bucket, Key: key })).catch((e) => fail(e, 'DeleteObject', key));
      deleted.push(key);
    }
  }

  // The manifest, last.
  const started = Date.now();
  const manifest: Manifest = {
    date: opts.date,
    format: opts.format,
    written_at: new Date().toISOString(),
    files: files.map((f) => ({ key: f.key, data_type: f.dataType as BatchDataType, ...(f.eventType ? { event_type: f.eventType } : {}), rows: f.rows, bytes: f.bytes })),
    rows,
  };
  const body = Buffer.from(JSON.stringify(manifest, null, 2));
  checkAbort();
  await opts.s3
    .send(new PutObjectCommand({ Bucket: opts.bucket, Key: layout.manifest, Body: body, ContentLength: body.length, ContentType: 'application/json', ...encryption(opts.kmsKeyArn) }))
    .catch((e) => fail(e, 'PutObject', layout.manifest));
  const file: BatchFile = { key: layout.manifest, dataType: 'manifest', rows: files.reduce((n, f) => n + f.rows, 0), bytes: body.length, durationMs: Date.now() - started };
  files.push(file);
  opts.onFile?.(file);
  return { date: opts.date, files, deleted };
}

export { BatchExportError };
