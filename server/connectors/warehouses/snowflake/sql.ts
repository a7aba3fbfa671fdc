/**
 * The SQL Inlet sends to Snowflake: identifiers resolved and double-quoted, the validation, discovery and read queries,
 * and the watermark's bind text (watermarks are always bind parameters, never part of the SQL text).
 */
import type { ReadRequest } from '../../connector.js';
import { SourceError } from '../../errors.js';
import type { ColumnType } from '../../formats/format.js';
import { INVALID, parseFloatText, parseInteger, parseTimestamp } from '../../formats/values.js';

/** Snowflake's rules: `"quoted"` is exact; a plain identifier resolves upper-cased; anything else is taken exactly. */
export function resolveSnowflakeIdentifier(text: string): string {
  const t = text.trim();
  if (t.length >= 2 && t.startsWith('"') && t.endsWith('"')) return t.slice(1, -1).replace(/""/g, '"');
  if (/^[A-Za-z_][A-Za-z0-9_$]*$/.test(t)) return t.toUpperCase();
  return t;
}

/** A double-quoted identifier (`"` doubled), so any name stays one identifier. */
export function quoteSnowflakeIdentifier(name: string): string {
  return '"' + name.replace(/"/g, '""') + '"';
}

/**
 * The text bound for `column > ?`. The driver binds every value as TEXT (statement.js buildBindsMap: a Date too, as its
 * JSON text), which Snowflake would cast with the account's TIMESTAMP_INPUT_FORMAT / DATE_INPUT_FORMAT — an account set to
 * `DD/MM/YYYY HH24:MI:SS` refuses (or misreads) ISO text. So timestamps and dates are bound in one fixed form and
 * converted with that form spelled out in the SQL (WATERMARK_CAST): `YYYY-MM-DDTHH:MI:SS.fffffffff+00:00`, always UTC
 * with an explicit offset (a TIMESTAMP_TZ: compared as the same instant with LTZ/TZ columns; with an NTZ column its UTC
 * wall-clock time is compared, and Inlet reads NTZ values as UTC), and dates as `YYYY-MM-DD`.
 */
export function watermarkBind(column: string, type: ColumnType | undefined, after: string): string {
  const bad = (what: string) => new SourceError('user', `The watermark ${JSON.stringify(after.slice(0, 60))} is not ${what}, as column ${column} needs`);
  if (type === 'INTEGER') {
    if (parseInteger(after) === INVALID) throw bad('an integer');
    return after;
  }
  if (type === 'FLOAT') {
    if (parseFloatText(after) === INVALID) throw bad('a number');
    return after;
  }
  if (type === 'DATE') {
    if (/^\d{4}-\d{2}-\d{2}$/.test(after) && parseTimestamp(after) !== INVALID) return after;
    const ts = parseTimestamp(after);
    if (ts === INVALID) throw bad('a date');
    return ts.toISOString().slice(0, 10);
  }
  if (type === 'TIMESTAMP') {
    const m = /^(\d{4}-\d{2}-\d{2})(?:[Tt ](\d{2}:\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/.exec(after.trim());
    const ts = parseTimestamp(after.trim());
    if (!m || ts === INVALID) throw bad('a timestamp');
    const utc = !m[5] || /^(z|[+-]00(:?00)?)$/i.test(m[5]);
    // Sub-millisecond digits are kept when the text is already UTC; other offsets go through a Date (milliseconds).
    if (utc) return `${m[1]}T${m[2] ?? '00:00'}:${m[3] ?? '00'}.${(m[4] ?? '').padEnd(9, '0')}+00:00`;
    return ts.toISOString().replace(/\.(\d{3})Z$/, '.$1000000+00:00');
  }
  return after;
}


/** How a bound watermark is converted, by Inlet type: with an explicit format, never the session's input formats. */
const WATERMARK_CAST: Partial<Record<ColumnType, (bind: string) => string>> = {
  TIMESTAMP: (bind) => `TO_TIMESTAMP_TZ(${bind}, 'YYYY-MM-DD"T"HH24:MI:SS.FF9TZH:TZM')`,
  DATE: (bind) => `TO_DATE(${bind}, 'YYYY-MM-DD')`,
};

/** The validation query: does the schema exist (and can the warehouse run a query at all)? Binds: schema, schema. */
export function validateQuery(infoSchema: string): string {
  return (
    `SELECT (SELECT COUNT(*) FROM ${infoSchema}.SCHEMATA WHERE SCHEMA_NAME = ?) AS SCHEMAS, ` +
    `(SELECT COUNT(*) FROM ${infoSchema}.TABLES WHERE TABLE_SCHEMA = ?) AS TABLES`
  );
}

/** The one metadata query of discovery: every column of every table and view of the schema. Bind: schema. */
export function discoveryQuery(infoSchema: string): string {
  return (
    'SELECT c.TABLE_NAME, c.COLUMN_NAME, c.ORDINAL_POSITION, c.IS_NULLABLE, c.DATA_TYPE, c.NUMERIC_PRECISION, c.NUMERIC_SCALE, ' +
    't.TABLE_TYPE, t.ROW_COUNT, t.BYTES, t.CLUSTERING_KEY ' +
    `FROM ${infoSchema}.COLUMNS c JOIN ${infoSchema}.TABLES t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME ` +
    'WHERE c.TABLE_SCHEMA = ? ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION'
  );
}

/** The query of one read (`schemaPath` is `"DB"."SCHEMA"`) and its binds: the watermark, when there is one. */
export function readQuery(schemaPath: string, request: ReadRequest): { sql: string; binds: string[] } {
  let sql = `SELECT ${request.columns.map(quoteSnowflakeIdentifier).join(', ')} FROM ${schemaPath}.${quoteSnowflakeIdentifier(request.table)}`;
  const binds: string[] = [];
  const watermark = request.watermark;
  if (watermark?.column) {
    const column = quoteSnowflakeIdentifier(watermark.column);
    if (watermark.after !== null && watermark.after !== undefined) {
      const cast = WATERMARK_CAST[request.types[watermark.column]!];
      sql += ` WHERE ${column} > ${cast ? cast('?') : '?'}`;
      binds.push(watermarkBind(watermark.column, request.types[watermark.column], watermark.after));
    }
    sql += ` ORDER BY ${column}`;
  }
  return { sql, binds };
}
