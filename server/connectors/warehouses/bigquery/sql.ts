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

/** The one metadata query of discovery: every column of every table and view of the dataset, with the table's type. */
export function discoveryQuery(s: BigQuerySettings): string {
  const ds = datasetPath(s);
  return (
    'SELECT c.table_name, c.column_name, c.ordinal_position, c.is_nullable, c.data_type, c.is_system_defined, ' +
    'c.is_partitioning_column, c.clustering_ordinal_position, t.table_type ' +
    `FROM ${ds}.INFORMATION_SCHEMA.COLUMNS AS c JOIN ${ds}.INFORMATION_SCHEMA.TABLES AS t USING (table_name) ` +
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

/**
 * The query of one read and its named parameters. `fieldType` is a column's BigQuery type (undefined when the column
 * is gone); `partitioning` is the table's time partitioning; `label` names the table in messages.
 */
export function readQuery(
  settings: BigQuerySettings,
  request: ReadRequest,
  fieldType: (name: string) => string | undefined,
  partitioning: { type?: string; field?: string } | undefined,
  label: string,
): { query: string; parameterMode?: 'NAMED'; queryParameters?: object[] } {
  // Aliases c0…cN: results never depend on how a name looks, and pseudo columns (_PARTITIONTIME) can be selected.
  const select = request.columns
    .map((c, i) => {
      const quoted = quoteBigQueryIdentifier(c);
      return `${fieldType(c) === 'GEOGRAPHY' ? `ST_ASGEOJSON(${quoted})` : quoted} AS c${i}`;
    })
    .join(', ');
  let sql = `SELECT ${select} FROM ${datasetPath(settings)}.${quoteBigQueryIdentifier(request.table)}`;
  const queryParameters: object[] = [];
  const watermark = request.watermark;
  if (watermark?.column) {
    const type = fieldType(watermark.column);
    if (!type) throw new SourceError('user', `Watermark column ${watermark.column} is no longer in ${label}: refresh the schema`);
    const column = quoteBigQueryIdentifier(watermark.column);
    const where: string[] = [];
    if (watermark.after !== null && watermark.after !== undefined) {
      where.push(`${column} > @after`);
      queryParameters.push({ name: 'after', ...watermarkParameter(watermark.column, type, watermark.after) });
    }
    // An ingestion-time partitioned table: rows loaded since the last successful read sit in partitions from the
    // one of that moment on, or in the streaming buffer (_PARTITIONTIME NULL), so older partitions are not scanned.
    // A table partitioned by a column is pruned by the watermark itself when that column is the watermark.
    const unit = partitioning?.type?.toUpperCase() ?? '';
    if (watermark.since && partitioning && !partitioning.field && PARTITION_UNITS.has(unit) && !/^_PARTITION/i.test(watermark.column)) {
      where.push(`(_PARTITIONTIME >= TIMESTAMP_TRUNC(@since, ${unit}) OR _PARTITIONTIME IS NULL)`);
      queryParameters.push({ name: 'since', ...watermarkParameter('_PARTITIONTIME', 'TIMESTAMP', watermark.since) });
    }
    if (where.length) sql += ` WHERE ${where.join(' AND ')}`;
    sql += ` ORDER BY ${column}`;
  }
  return queryParameters.length ? { query: sql, parameterMode: 'NAMED', queryParameters } : { query: sql };
}
