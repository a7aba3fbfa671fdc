/**
 * The GoogleSQL Inlet sends to BigQuery: quoted identifiers, the discovery query, the read query and its typed named
 * parameters (watermarks are always parameters, never part of the SQL text).
 */
import type { ReadRequest } from '../../connector.js';
import { SourceError } from '../../errors.js';
import { INVALID, parseDate, parseFloatText, parseInteger, parseTimestamp } from '../../formats/values.js';
import type { BigQuerySettings } from './input.js';

/** A GoogleSQL quoted identifier: backticks, with backslashes and backticks escaped (so a name is always one identifier). */
export function quoteBigQueryIdentifier(name: string): string {
  // eslint-disable-next-line no-control-regex
  return '`' + name.replace(/[\\`]/g, (c) => '\\' + c).replace(/[\u0000-\u001f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) + '`';
}

export function datasetPath(s: BigQuerySettings): string {
  return `${quoteBigQueryIdentifier(s.projectId)}.${quoteBigQueryIdentifier(s.dataset)}`;
}

/** The one metadata query of discovery: every column of every table and view of the dataset, with the table's type and whether it requires a partition filter. */
export function discoveryQuery(s: BigQuerySettings): string {
  const ds = datasetPath(s);
  return (
    'SELECT c.table_name, c.column_name, c.ordinal_position, c.is_nullable, c.data_type, c.is_system_defined, ' +
    'c.is_partitioning_column, c.clustering_ordinal_position, t.table_type, o.option_value ' +
    `FROM ${ds}.INFORMATION_SCHEMA.COLUMNS AS c JOIN ${ds}.INFORMATION_SCHEMA.TABLES AS t USING (table_name) ` +
    `LEFT JOIN ${ds}.INFORMATION_SCHEMA.TABLE_OPTIONS AS o ON o.table_name = c.table_name AND o.option_name = 'require_partition_filter' ` +
    'ORDER BY c.table_name, c.ordinal_position'
  );
}

/** `YYYY-MM-DD HH:MM:SS[.ffffff]` and the zone offset in minutes (0 when absent), or null. */
function splitTimestamp(text: string): { civil: string; offset: number } | null {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[Tt ](\d{2}:\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/.exec(text.trim());
  if (!m || parseTimestamp(text.trim()) === INVALID) return null;
  const fraction = m[4] ? `.${m[4].slice(0, 6)}` : '';
  const civil = `${m[1]} ${m[2] ?? '00:00'}:${m[3] ?? '00'}${fraction}`;
  let offset = 0;
  if (m[5] && m[5].toUpperCase() !== 'Z') {
    const sign = m[5][0] === '-' ? -1 : 1;
    const digits = m[5].slice(1).replace(':', '');
    offset = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0));
  }
  return { civil, offset };
}

/** The query parameter for `watermarkColumn > @after`, typed like the column (BigQuery does not compare across types). */
export function watermarkParameter(column: string, fieldType: string, after: string): { parameterType: { type: string }; parameterValue: { value: string } } {
  const bad = (what: string) => new SourceError('user', `The watermark ${JSON.stringify(after.slice(0, 60))} is not ${what}, as column ${column} needs`);
  const param = (type: string, value: string) => ({ parameterType: { type }, parameterValue: { value } });
  switch (fieldType) {
    case 'INTEGER':
    case 'INT64':
      if (parseInteger(after) === INVALID) throw bad('an integer');
      return param('INT64', after);
    case 'FLOAT':
    case 'FLOAT64':
      if (parseFloatText(after) === INVALID) throw bad('a number');
      return param('FLOAT64', after);
    case 'NUMERIC':
    case 'BIGNUMERIC':
      if (!/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(after)) throw bad('a decimal number');
      return param(fieldType, after);
    case 'STRING':
      return param('STRING', after);
    case 'DATE': {
      if (parseDate(after) !== INVALID) return param('DATE', after);
      const ts = parseTimestamp(after);
      if (ts === INVALID) throw bad('a date');
      return param('DATE', ts.toISOString().slice(0, 10));
    }
    case 'TIMESTAMP': {
      const parts = splitTimestamp(after);
      if (!parts) throw bad('a timestamp');
      const sign = parts.offset < 0 ? '-' : '+';
      const abs = Math.abs(parts.offset);
      return param('TIMESTAMP', `${parts.civil}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`);
    }
    case 'DATETIME': {
      // DATETIME values are read as UTC, so the watermark is compared as UTC civil time.
      const parts = splitTimestamp(after);
      if (!parts) throw bad('a timestamp');
      if (parts.offset === 0) return param('DATETIME', parts.civil);
      const utc = new Date((parseTimestamp(after.trim()) as Date).getTime()).toISOString();
      return param('DATETIME', `${utc.slice(0, 10)} ${utc.slice(11, 23)}`);
    }
    default:
      throw new SourceError('user', `Column ${column} (${fieldType}) cannot be a watermark: choose an integer, number, date, timestamp or text column`);
  }
}

/** Pseudo columns of ingestion-time partitioned tables: not in a table's schema, but selectable. */
export const PSEUDO_COLUMNS: Record<string, string> = { _PARTITIONTIME: 'TIMESTAMP', _PARTITIONDATE: 'DATE' };

/** Partition units of TIMESTAMP_TRUNC, as tables.get names them in timePartitioning.type. */
const PARTITION_UNITS = new Set(['HOUR', 'DAY', 'MONTH', 'YEAR']);

/** How a table is partitioned, as tables.get describes it (time: by `field` or by ingestion time; integer range). */
export interface Partitioning {
  timePartitioning?: { type?: string; field?: string };
  rangePartitioning?: { field?: string };
  /** Every query must filter on the partitioning column (the table's require_partition_filter option). */
  requirePartitionFilter?: boolean;
}

/** The partitioning column of a table (`_PARTITIONTIME` for ingestion time), or null when it is not partitioned. */
export function partitionColumnOf(p: Partitioning): string | null {
  if (p.timePartitioning) return p.timePartitioning.field ?? '_PARTITIONTIME';
  return p.rangePartitioning?.field ?? null;
}

/**
 * A window of a watermark column's values, `start` ≤ value < `end`, as numbers: TIMESTAMP and DATETIME in microseconds
 * (DATETIME read as UTC), DATE in days and INT64 as itself, all since the epoch.
 */
export interface ReadWindow {
  start: bigint;
  end: bigint;
}

/** Watermark column types a read can be split into windows of. */
export const WINDOW_TYPES = new Set(['TIMESTAMP', 'DATETIME', 'DATE', 'INTEGER', 'INT64']);

/** A REST cell of a window-able column (int64 microseconds for TIMESTAMP with useInt64Timestamp) as a window number. */
export function windowValue(fieldType: string, text: string): bigint {
  switch (fieldType) {
    case 'TIMESTAMP':
    case 'INTEGER':
    case 'INT64':
      return BigInt(text);
    case 'DATE':
      return BigInt(Date.parse(`${text}T00:00:00Z`) / 86_400_000);
    default: {
      // DATETIME: `2025-01-02T03:04:05.123456`, read as UTC.
      const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?$/.exec(text);
      if (!m) throw new SourceError('internal', `BigQuery returned a DATETIME Inlet cannot read: ${text.slice(0, 40)}`);
      return BigInt(Date.parse(`${m[1]}T${m[2]}Z`)) * 1000n + BigInt((m[3] ?? '').padEnd(6, '0'));
    }
  }
}

/** A window number as a query parameter of the column's type. */
function windowParameter(fieldType: string, value: bigint): { parameterType: { type: string }; parameterValue: { value: string } } {
  const micros = (v: bigint) => {
    const ms = v / 1000n - (v % 1000n < 0n ? 1n : 0n);
    const iso = new Date(Number(ms)).toISOString();
    return `${iso.slice(0, 10)} ${iso.slice(11, 19)}.${String(((v % 1_000_000n) + 1_000_000n) % 1_000_000n).padStart(6, '0')}`;
  };
  const param = (type: string, text: string) => ({ parameterType: { type }, parameterValue: { value: text } });
  switch (fieldType) {
    case 'TIMESTAMP':
      return param('TIMESTAMP', `${micros(value)}+00:00`);
    case 'DATETIME':
      return param('DATETIME', micros(value));
    case 'DATE':
      return param('DATE', new Date(Number(value) * 86_400_000).toISOString().slice(0, 10));
    default:
      return param('INT64', value.toString());
  }
}

/** The lowest value of each partitioning column type: a predicate from it on covers every partition. */
const PARTITION_FLOOR: Record<string, string> = {
  TIMESTAMP: '0001-01-01 00:00:00+00:00',
  DATE: '0001-01-01',
  DATETIME: '0001-01-01 00:00:00',
  INTEGER: '-9223372036854775808',
  INT64: '-9223372036854775808',
};

/**
 * The WHERE conditions of a read and their named parameters: the watermark (`> @after`), the window, the partitions
 * loaded since the last read (ingestion-time tables), and — on a table that requires a partition filter, when none of
 * those is on its partitioning column — a predicate that covers every partition, NULL partitions included (BigQuery
 * refuses such a query without one: "Cannot query over table … without a filter over column(s) … that can be used for
 * partition elimination"). It changes nothing read: the table is read whole, as any table without the option is.
 */
function readConditions(
  request: ReadRequest,
  fieldType: (name: string) => string | undefined,
  partitioning: Partitioning,
  label: string,
  window?: ReadWindow,
): { where: string[]; queryParameters: object[] } {
  const where: string[] = [];
  const queryParameters: object[] = [];
  const filtered = new Set<string>();
  const watermark = request.watermark;
  if (watermark?.column) {
    const type = fieldType(watermark.column);
    if (!type) throw new SourceError('user', `Watermark column ${watermark.column} is no longer in ${label}: refresh the schema`);
    const column = quoteBigQueryIdentifier(watermark.column);
    if (watermark.after !== null && watermark.after !== undefined) {
      where.push(`${column} > @after`);
      queryParameters.push({ name: 'after', ...watermarkParameter(watermark.column, type, watermark.after) });
      filtered.add(watermark.column.toUpperCase());
    }
    if (window) {
      where.push(`${column} >= @window_start`, `${column} < @window_end`);
      queryParameters.push({ name: 'window_start', ...windowParameter(type, window.start) }, { name: 'window_end', ...windowParameter(type, window.end) });
      filtered.add(watermark.column.toUpperCase());
    }
    // An ingestion-time partitioned table: rows loaded since the last successful read sit in partitions from the
    // one of that moment on, or in the streaming buffer (_PARTITIONTIME NULL), so older partitions are not scanned.
    // A table partitioned by a column is pruned by the watermark itself when that column is the watermark.
    const time = partitioning.timePartitioning;
    const unit = time?.type?.toUpperCase() ?? '';
    if (watermark.since && time && !time.field && PARTITION_UNITS.has(unit) && !/^_PARTITION/i.test(watermark.column)) {
      where.push(`(_PARTITIONTIME >= TIMESTAMP_TRUNC(@since, ${unit}) OR _PARTITIONTIME IS NULL)`);
      queryParameters.push({ name: 'since', ...watermarkParameter('_PARTITIONTIME', 'TIMESTAMP', watermark.since) });
      filtered.add('_PARTITIONTIME');
    }
  }
  const partitionColumn = partitionColumnOf(partitioning);
  const covered = partitionColumn && (filtered.has(partitionColumn.toUpperCase()) || (partitionColumn === '_PARTITIONTIME' && filtered.has('_PARTITIONDATE')));
  if (partitioning.requirePartitionFilter && partitionColumn && !covered) {
    const type = fieldType(partitionColumn) ?? 'TIMESTAMP';
    const floor = PARTITION_FLOOR[type];
    if (!floor) throw new SourceError('user', `${label} requires a partition filter on ${partitionColumn} (${type}), which Inlet cannot write: ask for the table's require_partition_filter option to be turned off`);
    const column = /^_PARTITION/.test(partitionColumn) ? partitionColumn : quoteBigQueryIdentifier(partitionColumn);
    where.push(`(${column} >= @partition_floor OR ${column} IS NULL)`);
    queryParameters.push({ name: 'partition_floor', parameterType: { type: type === 'INTEGER' ? 'INT64' : type }, parameterValue: { value: floor } });
  }
  return { where, queryParameters };
}

type QueryBody = { query: string; parameterMode?: 'NAMED'; queryParameters?: object[] };
const body = (sql: string, queryParameters: object[]): QueryBody => (queryParameters.length ? { query: sql, parameterMode: 'NAMED', queryParameters } : { query: sql });

/**
 * The query of one read and its named parameters. `fieldType` is a column's BigQuery type (undefined when the column
 * is gone); `partitioning` is the table's; `label` names the table in messages; `window` limits the read to a range of
 * the watermark column's values (a first run of a large table is read window by window).
 */
export function readQuery(
  settings: BigQuerySettings,
  request: ReadRequest,
  fieldType: (name: string) => string | undefined,
  partitioning: Partitioning,
  label: string,
  window?: ReadWindow,
): QueryBody {
  // Aliases c0…cN: results never depend on how a name looks, and pseudo columns (_PARTITIONTIME) can be selected.
  const select = request.columns
    .map((c, i) => {
      const quoted = quoteBigQueryIdentifier(c);
      return `${fieldType(c) === 'GEOGRAPHY' ? `ST_ASGEOJSON(${quoted})` : quoted} AS c${i}`;
    })
    .join(', ');
  let sql = `SELECT ${select} FROM ${datasetPath(settings)}.${quoteBigQueryIdentifier(request.table)}`;
  const { where, queryParameters } = readConditions(request, fieldType, partitioning, label, window);
  if (where.length) sql += ` WHERE ${where.join(' AND ')}`;
  if (request.watermark?.column) sql += ` ORDER BY ${quoteBigQueryIdentifier(request.watermark.column)}`;
  return body(sql, queryParameters);
}

/** The lowest and highest watermark value a read would see (`SELECT MIN(w) AS lo, MAX(w) AS hi …`), to plan windows. */
export function boundsQuery(settings: BigQuerySettings, request: ReadRequest, fieldType: (name: string) => string | undefined, partitioning: Partitioning, label: string): QueryBody {
  const column = quoteBigQueryIdentifier(request.watermark!.column);
  let sql = `SELECT MIN(${column}) AS lo, MAX(${column}) AS hi FROM ${datasetPath(settings)}.${quoteBigQueryIdentifier(request.table)}`;
  const { where, queryParameters } = readConditions(request, fieldType, partitioning, label);
  if (where.length) sql += ` WHERE ${where.join(' AND ')}`;
  return body(sql, queryParameters);
}
