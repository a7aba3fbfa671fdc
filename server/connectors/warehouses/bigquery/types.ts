/**
 * BigQuery types: the INFORMATION_SCHEMA type text mapped to Inlet's column types (discovery), and the converters
 * from raw REST cells (`f`/`v`, every scalar a string) to cell values, nested values as exact JSON text (reads).
 */
import type { CellValue, ColumnType } from '../../formats/format.js';
import { INVALID, parseDate, parseFloatText, parseInteger, parseTimestamp } from '../../formats/values.js';
import type { CellConverter } from '../rows-to-batches.js';

/** BigQuery's `data_type` text to Inlet's type; the sourceType is kept as BigQuery names it (NUMERIC with p,s). */
export function mapBigQueryType(dataType: string): { type: ColumnType; sourceType: string; nested: boolean; known: boolean } {
  const t = dataType.trim().toUpperCase();
  const numeric = /^(BIG)?NUMERIC(?:\s*\(\s*(\d+)(?:\s*,\s*(\d+))?\s*\))?$/.exec(t);
  if (numeric) {
    const big = Boolean(numeric[1]);
    const precision = numeric[2] ?? (big ? '76' : '38');
    const scale = numeric[3] ?? (numeric[2] ? '0' : big ? '38' : '9');
    return { type: 'STRING', sourceType: `${big ? 'BIGNUMERIC' : 'NUMERIC'}(${precision},${scale})`, nested: false, known: true };
  }
  const base = t.replace(/\s*\(.*$/, '');
  if (t.startsWith('STRUCT<') || t.startsWith('ARRAY<') || t === 'JSON' || t === 'GEOGRAPHY') return { type: 'STRING', sourceType: dataType, nested: true, known: true };
  switch (base) {
    case 'INT64':
      return { type: 'INTEGER', sourceType: dataType, nested: false, known: true };
    case 'FLOAT64':
      return { type: 'FLOAT', sourceType: dataType, nested: false, known: true };
    case 'BOOL':
      return { type: 'BOOLEAN', sourceType: dataType, nested: false, known: true };
    case 'STRING':
    case 'BYTES':
    case 'TIME':
      return { type: 'STRING', sourceType: dataType, nested: false, known: true };
    case 'DATE':
      return { type: 'DATE', sourceType: dataType, nested: false, known: true };
    case 'TIMESTAMP':
    case 'DATETIME':
      return { type: 'TIMESTAMP', sourceType: dataType, nested: false, known: true };
    default:
      // RANGE<…>, INTERVAL and anything newer: read as BigQuery prints it.
      return { type: 'STRING', sourceType: dataType, nested: false, known: t.startsWith('RANGE<') || t === 'INTERVAL' };
  }
}

/** A field of a REST schema (legacy type names: INTEGER, FLOAT, BOOLEAN, RECORD…). */
export interface SchemaField {
  name: string;
  type: string;
  mode?: string;
  fields?: SchemaField[];
}

export type RestCell = { v: unknown };
export type RestRow = { f: RestCell[] };

/** int64 microseconds since the epoch (as text) to milliseconds, floored (exact for every TIMESTAMP BigQuery holds). */
function microsToMillis(text: string): number {
  if (text.length <= 15) return Math.floor(Number(text) / 1000);
  const us = BigInt(text);
  let ms = us / 1000n;
  if (us < 0n && us % 1000n !== 0n) ms -= 1n;
  return Number(ms);
}

/** A TIMESTAMP cell: int64 microseconds (useInt64Timestamp) or, from older servers, float seconds like `1.7040672E9`. */
function timestampCell(text: string): Date | null {
  if (/^-?\d+$/.test(text)) return new Date(microsToMillis(text));
  const seconds = Number(text);
  return Number.isFinite(seconds) ? new Date(Math.round(seconds * 1000)) : null;
}

/** Exact ISO-8601 text of a TIMESTAMP cell, microseconds kept (for JSON text of nested values). */
function timestampIso(text: string): string {
  if (!/^-?\d+$/.test(text)) return timestampCell(text)?.toISOString() ?? text;
  const us = BigInt(text);
  const micros = Number(((us % 1_000_000n) + 1_000_000n) % 1_000_000n);
  const iso = new Date(microsToMillis(text)).toISOString(); // …SS.mmmZ
  return `${iso.slice(0, 19)}.${String(micros).padStart(6, '0')}Z`;
}

function isNumberText(text: string): boolean {
  return /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(text);
}

/** A nested value (struct field, array element) as JSON text, numbers kept exactly as BigQuery wrote them. */
function jsonOf(field: SchemaField, value: unknown, repeatedHandled = false): string {
  if (field.mode === 'REPEATED' && !repeatedHandled) {
    const items = Array.isArray(value) ? (value as RestCell[]) : [];
    return '[' + items.map((item) => jsonOf(field, item?.v, true)).join(',') + ']';
  }
  if (value === null || value === undefined) return 'null';
  switch (field.type) {
    case 'RECORD':
    case 'STRUCT': {
      const cells = (value as RestRow).f ?? [];
      const parts = (field.fields ?? []).map((sub, i) => `${JSON.stringify(sub.name)}:${jsonOf(sub, cells[i]?.v)}`);
      return '{' + parts.join(',') + '}';
    }
    case 'INTEGER':
    case 'INT64':
    case 'NUMERIC':
    case 'BIGNUMERIC':
    case 'FLOAT':
    case 'FLOAT64': {
      const text = String(value);
      return isNumberText(text) ? text : JSON.stringify(text); // NaN / Infinity are not JSON numbers
    }
    case 'BOOLEAN':
    case 'BOOL':
      return value === 'true' || value === true ? 'true' : 'false';
    case 'TIMESTAMP':
      return JSON.stringify(timestampIso(String(value)));
    case 'JSON': {
      const text = String(value);
      try {
        JSON.parse(text);
        return text;
      } catch {
        return JSON.stringify(text);
      }
    }
    default:
      return JSON.stringify(String(value));
  }
}

/** The converter for one result column: REST cell value → CellValue; `INVALID` when the text cannot be read. */
export function cellConverter(field: SchemaField): CellConverter {
  if (field.mode === 'REPEATED' || field.type === 'RECORD' || field.type === 'STRUCT') {
    return (value) => (value === null || value === undefined ? (field.mode === 'REPEATED' ? '[]' : null) : jsonOf(field, value));
  }
  const text = (fn: (s: string) => CellValue | typeof INVALID) => (value: unknown) => (value === null || value === undefined ? null : fn(String(value)));
  switch (field.type) {
    case 'INTEGER':
    case 'INT64':
      return text(parseInteger);
    case 'FLOAT':
    case 'FLOAT64':
      return text(parseFloatText);
    case 'BOOLEAN':
    case 'BOOL':
      return text((s) => (s === 'true' ? true : s === 'false' ? false : INVALID));
    case 'DATE':
      return text(parseDate);
    case 'DATETIME':
      return text(parseTimestamp); // civil time, read as UTC
    case 'TIMESTAMP':
      return text((s) => timestampCell(s) ?? INVALID);
    default:
      // STRING, BYTES (base64), NUMERIC/BIGNUMERIC (exact text), TIME, JSON, GEOGRAPHY (GeoJSON, see read), RANGE, INTERVAL.
      return text((s) => s);
  }
}
