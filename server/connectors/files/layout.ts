import { Readable } from 'node:stream';
import { SourceError } from '../errors.js';
import type { DiscoveredColumn, DiscoveredTable, PartitionValues, PreviousTables } from '../connector.js';
import type { CellValue, ColumnType, FileFormat } from '../formats/format.js';
import { CSV_SAMPLE_BYTES } from '../formats/csv.js';
import { formatOfKey } from '../formats/index.js';
import { inferType } from '../formats/values.js';
import { locationOf, type ListPage, type ObjectInfo, type ObjectStore } from './object-store.js';

/**
 * The layout rules of the seed, written once for every object store: under the schema prefix every folder is a table;
 * in partitioned mode data files sit under Hive folders (`name=value/`) whose names become columns; otherwise every
 * data file at any depth counts and `k=v` folders are ordinary folders.
 */
export interface LayoutOptions {
  schemaPrefix: string;
  dataFormat: 'CSV' | 'PARQUET';
  partitioning: 'ALL_TABLES' | 'NO_TABLES';
  /** The configured INLET_MAX_COMPRESSION_RATIO, for the sampler's warning (the default when unset). */
  maxCompressionRatio?: number;
}

/** A data file of a table, with its decoded partition values (in folder order). */
export interface DataFile {
  object: ObjectInfo;
  partitions: [string, string | null][];
}

export interface TableFiles {
  name: string;
  prefix: string;
  files: DataFile[];
  warnings: string[];
  /** Why the table has no usable files, when it has none. */
  emptyReason: string | null;
}

const PAGE = 1000;
/** Hive writes this value for NULL partitions. */
const HIVE_NULL = '__HIVE_DEFAULT_PARTITION__';

/** Pages through a listing (one request per page of up to 1000 keys). */
export async function listAll(store: ObjectStore, prefix: string, delimiter?: string): Promise<{ objects: ObjectInfo[]; prefixes: string[] }> {
  const objects: ObjectInfo[] = [];
  const prefixes: string[] = [];
  let token: string | undefined;
  do {
    const page: ListPage = await store.list(prefix, { delimiter, token, maxKeys: PAGE });
    objects.push(...page.objects);
    prefixes.push(...page.prefixes);
    token = page.nextToken;
  } while (token);
  return { objects, prefixes };
}

/** Checks that the schema prefix can be listed and holds something: one request, whatever the bucket's size. */
export async function checkSchemaPrefix(store: ObjectStore, layout: LayoutOptions): Promise<void> {
  const page = await store.list(layout.schemaPrefix, { delimiter: '/', maxKeys: 100 });
  if (page.objects.length === 0 && page.prefixes.length === 0) {
    throw new SourceError('user', `Nothing found under ${locationOf(store, layout.schemaPrefix)}: check the schema prefix; each table should be a folder under it`);
  }
}

/** The table folders directly under the schema prefix. */
export async function listTables(store: ObjectStore, layout: LayoutOptions): Promise<{ name: string; prefix: string }[]> {
  const { prefixes } = await listAll(store, layout.schemaPrefix, '/');
  return prefixes.map((prefix) => ({ name: prefix.slice(layout.schemaPrefix.length).replace(/\/$/, ''), prefix })).filter((t) => t.name !== '');
}

/** Lists one table's data files by the layout rules; what is skipped is explained in `warnings`. */
export async function listTableFiles(store: ObjectStore, layout: LayoutOptions, table: { name: string; prefix: string }): Promise<TableFiles> {
  const { objects } = await listAll(store, table.prefix);
  const files: DataFile[] = [];
  const warnings: string[] = [];
  const skipped = { otherFormat: 0, unknown: 0, empty: 0, unpartitioned: 0, notHive: 0, mixedNames: 0, hidden: 0 };
  let hiddenExample: string | null = null;
  let partitionNames: string[] | null = null;
  for (const object of objects) {
    const rel = object.key.slice(table.prefix.length);
    if (rel === '' || rel.endsWith('/')) continue; // folder markers
    const segments = rel.split('/');
    const base = segments.pop()!;
    if (isHiddenFile(base) || segments.some(isHiddenFolder)) {
      // _SUCCESS, .crc, _temporary/ and other writer markers: skipped as Hadoop and Spark skip them.
      skipped.hidden++;
      hiddenExample ??= rel;
      continue;
    }
    const format = formatOfKey(object.key);
    if (!format) {
      skipped.unknown++;
      continue;
    }
    if (format.id !== layout.dataFormat) {
      skipped.otherFormat++;
      continue;
    }
    if (object.size === 0) {
      skipped.empty++;
      continue;
    }
    let partitions: [string, string | null][] = [];
    if (layout.partitioning === 'ALL_TABLES') {
      if (segments.length === 0) {
        skipped.unpartitioned++;
        continue;
      }
      const parsed = segments.map(parseHiveFolder);
      if (parsed.some((p) => p === null)) {
        skipped.notHive++;
        continue;
      }
      partitions = parsed as [string, string | null][];
      const bad = partitions.find(([, v]) => v !== null && !isSafePartitionValue(v));
      if (bad) {
        throw new SourceError('user', `Table ${table.name}: partition value of "${bad[0]}" in ${locationOf(store, object.key)} contains "/", ".." or a control character`);
      }
      const names = partitions.map(([n]) => n);
      if (!partitionNames) partitionNames = names;
      else if (names.join('/') !== partitionNames.join('/')) {
        skipped.mixedNames++;
        continue;
      }
    }
    files.push({ object, partitions });
  }
  const other = layout.dataFormat === 'CSV' ? 'Parquet' : 'CSV';
  if (skipped.hidden) warnings.push(`${skipped.hidden} ${skipped.hidden === 1 ? 'file' : 'files'} skipped: names starting with . or _ (e.g. ${hiddenExample})`);
  if (skipped.otherFormat) warnings.push(`${skipped.otherFormat} ${other} file(s) skipped: this connection reads ${layout.dataFormat} (all tables of a schema should use one format)`);
  if (skipped.unknown) warnings.push(`${skipped.unknown} file(s) skipped that are not .csv, .csv.gz, .gz or .parquet`);
  if (skipped.empty) warnings.push(`${skipped.empty} empty file(s) skipped`);
  if (skipped.notHive) warnings.push(`${skipped.notHive} file(s) skipped under folders that are not Hive partitions (name=value/)`);
  if (skipped.mixedNames) warnings.push(`${skipped.mixedNames} file(s) skipped whose partition folders are not ${partitionNames?.join('/')}`);
  if (skipped.unpartitioned && files.length) warnings.push(`${skipped.unpartitioned} file(s) directly under the table folder skipped: in partitioned mode data sits under name=value/ folders`);
  files.sort((a, b) => (a.object.key < b.object.key ? -1 : a.object.key > b.object.key ? 1 : 0));
  let emptyReason: string | null = null;
  if (!files.length) {
    emptyReason =
      layout.partitioning === 'ALL_TABLES' && skipped.unpartitioned
        ? `No Hive partition folders (name=value/) under ${locationOf(store, table.prefix)}: tables without partitions are ignored when all tables are partitioned`
        : `No ${layout.dataFormat} data files under ${locationOf(store, table.prefix)}`;
  }
  return { name: table.name, prefix: table.prefix, files, warnings, emptyReason };
}

/**
 * Discovers every table: one listing per table, then the schema of its alphabetically last data file and the first
 * rows of its newest one (kept from `previous` while that file and the columns are unchanged).
 */
export async function discoverTables(store: ObjectStore, layout: LayoutOptions, format: FileFormat, previous?: PreviousTables): Promise<DiscoveredTable[]> {
  const tables = await listTables(store, layout);
  return mapLimit(tables, 8, async (table) => {
    const base: DiscoveredTable = {
      name: table.name, columns: [], partitionColumns: [], fileCount: 0, totalBytes: 0, schemaFile: null, warnings: [], ignoredReason: null, details: null,
    };
    let listed: TableFiles;
    try {
      listed = await listTableFiles(store, layout, table);
    } catch (error) {
      if (error instanceof SourceError && error.kind === 'user') return { ...base, ignoredReason: error.message };
      throw error;
    }
    base.warnings = listed.warnings;
    base.fileCount = listed.files.length;
    base.totalBytes = listed.files.reduce((sum, f) => sum + f.object.size, 0);
    if (listed.emptyReason) return { ...base, ignoredReason: listed.emptyReason };
    const last = listed.files[listed.files.length - 1]!;
    base.schemaFile = locationOf(store, last.object.key);
    // The schema and the sample usually come from the same file: its ranges (a Parquet footer) are fetched once.
    const reads = rangeMemo(store);
    let fileColumns: DiscoveredColumn[];
    try {
      const schema = await format.inferSchema(reads, last.object, { maxCompressionRatio: layout.maxCompressionRatio });
      base.warnings.push(...schema.warnings);
      fileColumns = schema.columns.map((c) => ({ ...c, isPartition: false }));
    } catch (error) {
      if (error instanceof SourceError && error.kind === 'user') return { ...base, ignoredReason: error.message };
      throw error;
    }
    const partitionColumns = partitionColumnsOf(listed.files);
    const names = new Set(partitionColumns.map((c) => c.name));
    const shadowed = fileColumns.filter((c) => names.has(c.name));
    if (shadowed.length) base.warnings.push(`Column(s) ${shadowed.map((c) => c.name).join(', ')} also name partition folders; the folder values are used`);
    const columns = [...fileColumns.filter((c) => !names.has(c.name)), ...partitionColumns];
    const newest = newestFile(listed.files);
    const of = JSON.stringify([newest.object.key, newest.object.version ?? null, newest.object.size, newest.object.lastModified?.toISOString() ?? null, columns.map((c) => [c.name, c.type])]);
    const kept = previous?.get(table.name);
    const sample = kept?.sampleOf?.of === of && kept.sampleRows ? { rows: kept.sampleRows, warning: kept.sampleOf.warning } : await sampleRows(reads, format, newest, columns, layout);
    if (sample.warning) base.warnings.push(sample.warning);
    return {
      ...base,
      columns,
      partitionColumns: partitionColumns.map((c) => c.name),
      partitionValues: partitionValuesOf(listed.files, partitionColumns),
      newestFileAt: newest.object.lastModified ?? null,
      sampleRows: sample.rows,
      sampleOf: { of, warning: sample.warning },
    };
  });
}

/** How many partition values (per column) and sample rows discovery keeps, and the bytes a sample may read. */
export const PARTITION_VALUES_SHOWN = 50;
export const SAMPLE_ROWS = 10;
export const SAMPLE_MAX_BYTES = 4 * 1024 * 1024;
/**
 * A sample reads at most SAMPLE_MAX_BYTES, but a Parquet page's header may claim more once decompressed (DuckDB
 * writes a column chunk as one page): pages decoded in parts stop after the sample's rows, others are held to this.
 */
export const SAMPLE_MAX_DECOMPRESSED_BYTES = 64 * 1024 * 1024;
/** Parquet: a sample reads the start of each column chunk in windows this small, not the whole first row group. */
export const SAMPLE_READ_BYTES = 256 * 1024;
/** A sample streams its file as ranged reads of the CSV schema sample's size, so its first read is that sample's. */
export const SAMPLE_RANGE_BYTES = CSV_SAMPLE_BYTES;

/** The most recently written file (the alphabetically last among equals, or when the store gives no times). */
export function newestFile(files: DataFile[]): DataFile {
  const time = (f: DataFile) => f.object.lastModified?.getTime() ?? -Infinity;
  return files.reduce((newest, f) => (time(f) >= time(newest) ? f : newest));
}

/**
 * The first rows of `file`, read with the table's format reader through a store that refuses to read more than
 * SAMPLE_MAX_BYTES (a huge row group or line is skipped with a warning, not read). Cells are text aligned with
 * `columns`; partition columns take the file's folder values.
 */
async function sampleRows(store: ObjectStore, format: FileFormat, file: DataFile, columns: DiscoveredColumn[], layout: LayoutOptions): Promise<{ rows: (string | null)[][]; warning: string | null }> {
  const folders = new Map(file.partitions);
  const fileColumns = columns.filter((c) => !c.isPartition).map((c) => c.name);
  const types = Object.fromEntries(columns.map((c) => [c.name, c.type]));
  const rows: CellValue[][] = [];
  try {
    const reads = format.read(boundedStore(store, SAMPLE_MAX_BYTES, file.object), file.object, { columns: fileColumns, types, batchSize: SAMPLE_ROWS, maxDecompressedBytes: SAMPLE_MAX_DECOMPRESSED_BYTES, maxCompressionRatio: layout.maxCompressionRatio, parquetReadBytes: SAMPLE_READ_BYTES });
    for await (const batch of reads) {
      rows.push(...batch.rows.slice(0, SAMPLE_ROWS - rows.length));
      if (rows.length >= SAMPLE_ROWS) break;
    }
  } catch (error) {
    if (error instanceof SourceError && (error.kind === 'user' || error.kind === 'not-found')) return { rows: [], warning: `No sample rows from ${locationOf(store, file.object.key)}: ${error.message}` };
    throw error;
  }
  return {
    rows: rows.map((row) => columns.map((c) => (c.isPartition ? (folders.get(c.name) ?? null) : cellText(row[fileColumns.indexOf(c.name)] ?? null)))),
    warning: null,
  };
}

/** A cell as the text a person reads: dates and timestamps in ISO form, exact integers in full. */
function cellText(cell: CellValue): string | null {
  if (cell === null) return null;
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? 'Invalid date' : cell.toISOString();
  return String(cell);
}

/**
 * `store` for reading a sample of `object`, refusing any read that would take its bytes past `budget`. Its whole-object
 * stream is consecutive ranged reads of SAMPLE_RANGE_BYTES, fetched as the reader pulls: stopping the reader never
 * cuts a download short (on GCS that makes the storage client destroy its shared HTTP agent, resetting every other
 * download in flight, an import's included), and the first range is the one the CSV schema sample already read.
 */
function boundedStore(store: ObjectStore, budget: number, object: ObjectInfo): ObjectStore {
  let left = budget;
  const refuse = () => new SourceError('user', `its first rows take more than ${budget / 1024 / 1024} MiB to read`);
  const readRange = async (key: string, start: number, end: number, version?: string) => {
    if (end - start + 1 > left) throw refuse();
    left -= end - start + 1;
    return store.readRange(key, start, end, version);
  };
  return {
    scheme: store.scheme,
    bucket: store.bucket,
    stats: store.stats,
    list: (prefix, options) => store.list(prefix, options),
    readRange,
    async readStream(key, version) {
      if (key !== object.key) throw new SourceError('internal', `A sample of ${object.key} cannot stream ${key}`);
      async function* ranges() {
        for (let start = 0; start < object.size; start += SAMPLE_RANGE_BYTES) {
          yield await readRange(key, start, Math.min(object.size, start + SAMPLE_RANGE_BYTES) - 1, version);
        }
      }
      return Readable.from(ranges(), { objectMode: false });
    },
  };
}

/** `store`, answering a range it already read (same key, version and bytes) from memory: for one table's discovery. */
function rangeMemo(store: ObjectStore): ObjectStore {
  const ranges = new Map<string, Promise<Uint8Array>>();
  return {
    scheme: store.scheme,
    bucket: store.bucket,
    stats: store.stats,
    list: (prefix, options) => store.list(prefix, options),
    readRange(key, start, end, version) {
      const id = `${key}\u0000${version ?? ''}\u0000${start}-${end}`;
      let read = ranges.get(id);
      if (!read) ranges.set(id, (read = store.readRange(key, start, end, version)));
      return read;
    },
    readStream: (key, version) => store.readStream(key, version),
  };
}

/** Per partition column, the values its folders take with their file counts: the most frequent first, then in order. */
export function partitionValuesOf(files: DataFile[], columns: DiscoveredColumn[]): PartitionValues[] {
  return columns.map((column, i) => {
    const counts = new Map<string | null, number>();
    for (const f of files) {
      const value = f.partitions[i]?.[1] || null;
      counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    const numeric = column.type === 'INTEGER' || column.type === 'FLOAT';
    const order = (a: string | null, b: string | null) => (a === null ? (b === null ? 0 : 1) : b === null ? -1 : numeric ? Number(a) - Number(b) : a < b ? -1 : a > b ? 1 : 0);
    const present = [...counts.keys()].filter((v) => v !== null).sort(order);
    const values = [...counts].map(([value, n]) => ({ value, files: n })).sort((a, b) => b.files - a.files || order(a.value, b.value));
    return { column: column.name, distinct: counts.size, min: present[0] ?? null, max: present.at(-1) ?? null, values: values.slice(0, PARTITION_VALUES_SHOWN) };
  });
}

/** Partition columns with types inferred from every value seen in the folder names. */
export function partitionColumnsOf(files: DataFile[]): DiscoveredColumn[] {
  const first = files[0]?.partitions ?? [];
  return first.map(([name], i) => {
    const values = new Set<string>();
    let nullable = false;
    for (const f of files) {
      const v = f.partitions[i]?.[1];
      if (v == null || v === '') nullable = true;
      else values.add(v);
    }
    const type: ColumnType = inferType([...values]);
    return { name, type, nullable, isPartition: true, sourceType: 'hive partition' };
  });
}

/** `name=value` → [name, value percent-decoded once]; null when the folder is not a Hive partition. */
export function parseHiveFolder(folder: string): [string, string | null] | null {
  const eq = folder.indexOf('=');
  if (eq <= 0) return null;
  let name: string;
  let value: string;
  try {
    name = decodeURIComponent(folder.slice(0, eq));
    value = decodeURIComponent(folder.slice(eq + 1));
  } catch {
    return null;
  }
  return [name, value === HIVE_NULL ? null : value];
}

/** A file Hadoop and Spark writers leave beside the data (`_SUCCESS`, `.part-0.crc`): never data. */
export function isHiddenFile(name: string): boolean {
  return name.startsWith('_') || name.startsWith('.');
}

/**
 * A folder of writer leftovers (`_temporary/`, `.spark-staging/`); a Hive folder whose column name starts with `_`
 * (`__proto__=1/`, `_year=2025/`) is a partition, as Spark reads it.
 */
export function isHiddenFolder(name: string): boolean {
  return name.startsWith('.') || (name.startsWith('_') && !name.includes('='));
}

function isSafePartitionValue(value: string): boolean {
  // eslint-disable-next-line no-control-regex
  return !value.includes('/') && !value.includes('..') && !/[\u0000-\u001f\u007f]/.test(value);
}

/** Runs `fn` over items with at most `limit` in flight, keeping order. */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
