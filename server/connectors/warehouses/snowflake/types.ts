/**
 * Snowflake types: INFORMATION_SCHEMA data types mapped to Inlet's column types (discovery), and the converters from
 * the driver's values (NUMBER fetched as text, dates as Date, semi-structured values as JSON text) to cell values (reads).
 */
import type * as Snowflake from 'snowflake-sdk';
import type { CellValue, ColumnType } from '../../formats/format.js';
import { INVALID, parseFloatText, parseInteger } from '../../formats/values.js';
import type { CellConverter } from '../rows-to-batches.js';

/** INFORMATION_SCHEMA.COLUMNS data_type (with precision and scale) to Inlet's type. */
export function mapSnowflakeType(dataType: string, precision: number | null, scale: number | null): { type: ColumnType; sourceType: string; nested: boolean; known: boolean } {
  const t = dataType.trim().toUpperCase();
  switch (t) {
    case 'NUMBER':
    case 'DECIMAL':
    case 'NUMERIC':
    case 'FIXED': {
      const p = precision ?? 38;
      const s = scale ?? 0;
      return { type: s === 0 ? 'INTEGER' : 'STRING', sourceType: `NUMBER(${p},${s})`, nested: false, known: true };
    }
    case 'INT':
    case 'INTEGER':
    case 'BIGINT':
    case 'SMALLINT':
    case 'TINYINT':
    case 'BYTEINT':
      return { type: 'INTEGER', sourceType: 'NUMBER(38,0)', nested: false, known: true };
    case 'FLOAT':
    case 'FLOAT4':
    case 'FLOAT8':
    case 'DOUBLE':
    case 'DOUBLE PRECISION':
    case 'REAL':
      return { type: 'FLOAT', sourceType: t, nested: false, known: true };
    case 'BOOLEAN':
      return { type: 'BOOLEAN', sourceType: t, nested: false, known: true };
    case 'DATE':
      return { type: 'DATE', sourceType: t, nested: false, known: true };
    case 'TIMESTAMP_NTZ':
    case 'TIMESTAMP_LTZ':
    case 'TIMESTAMP_TZ':
    case 'TIMESTAMP':
    case 'DATETIME':
      return { type: 'TIMESTAMP', sourceType: t, nested: false, known: true };
    case 'TEXT':
    case 'VARCHAR':
    case 'STRING':
    case 'CHAR':
    case 'CHARACTER':
    case 'TIME':
    case 'BINARY':
    case 'VARBINARY':
      return { type: 'STRING', sourceType: t, nested: false, known: true };
    case 'VARIANT':
    case 'OBJECT':
    case 'ARRAY':
    case 'MAP':
    case 'GEOGRAPHY':
    case 'GEOMETRY':
      return { type: 'STRING', sourceType: t, nested: true, known: true };
    default:
      return { type: 'STRING', sourceType: t, nested: t.startsWith('OBJECT(') || t.startsWith('ARRAY(') || t.startsWith('MAP('), known: t.startsWith('OBJECT(') || t.startsWith('ARRAY(') || t.startsWith('MAP(') || t.startsWith('VECTOR(') };
  }
}

function utcDate(d: Date): string {
  const y = d.getUTCFullYear();
  const year = y < 0 ? '-' + String(-y).padStart(4, '0') : String(y).padStart(4, '0');
  return `${year}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

function jsonText(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (v instanceof Map ? Object.fromEntries(v) : typeof v === 'bigint' ? v.toString() : v));
}

/** The converter for one result column (driver type names: fixed, real, text, boolean, date, timestamp_*, …). */
export function cellConverter(column: Snowflake.Column): CellConverter {
  const type = column.getType();
  const nullable = (fn: (v: unknown) => CellValue | typeof INVALID) => (v: unknown) => (v === null || v === undefined ? null : fn(v));
  switch (type) {
    case 'fixed':
      return column.getScale() > 0 ? nullable((v) => String(v)) : nullable((v) => parseInteger(String(v)));
    case 'real':
      return nullable((v) => (typeof v === 'number' ? v : parseFloatText(String(v))));
    case 'boolean':
      return nullable((v) => (typeof v === 'boolean' ? v : /^(1|true)$/i.test(String(v)) ? true : /^(0|false)$/i.test(String(v)) ? false : INVALID));
    case 'date':
      return nullable((v) => (v instanceof Date ? utcDate(v) : INVALID));
    case 'timestamp_ntz':
    case 'timestamp_ltz':
    case 'timestamp_tz':
      // A plain Date: the driver's dates carry a toJSON that formats with the session's output format.
      return nullable((v) => (v instanceof Date ? new Date(v.getTime()) : INVALID));
    case 'binary':
      return nullable((v) => (Buffer.isBuffer(v) ? v.toString('base64') : String(v)));
    case 'variant':
    case 'object':
    case 'array':
    case 'map':
      return nullable((v) => (typeof v === 'string' ? v : jsonText(v)));
    default:
      return nullable((v) => (typeof v === 'string' ? v : v instanceof Date ? v.toISOString() : jsonText(v)));
  }
}
