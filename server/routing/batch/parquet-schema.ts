// Parquet schemas of the three record kinds. Events get typed columns: `time` and `received_at` as UTC TIMESTAMP
// (millis), `segments` as LIST<INT32>, `aliases` as JSON text, and `properties` as a STRUCT with one typed field per
// top-level property whose observed values that day have one type (BOOLEAN, INT64, DOUBLE, STRING), JSON text for
// the others (objects, arrays, mixed types). The property types come from a first read of the type's rows.
import type { SchemaElement } from 'hyparquet';
import type { AliasRecord, EventRecord, PropertyValueKind, SegmentMetadataRecord } from './types.js';

/** One top-level column: its schema elements (the column first, then any children) and how a row gives its value. */
export interface Column<T> {
  name: string;
  elements: SchemaElement[];
  value(row: T): unknown;
  /** Approximate uncompressed bytes of the row's value (the part size limit counts these). */
  size(row: T): number;
  /** PLAIN for columns of unique values (no dictionary attempt). */
  encoding?: 'PLAIN';
  /** false: no min/max statistics (ids and JSON text, where nobody prunes on them). */
  statistics?: false;
}

const str = (name: string, converted: 'UTF8' | 'JSON' = 'UTF8'): SchemaElement => ({ name, type: 'BYTE_ARRAY', converted_type: converted, repetition_type: 'OPTIONAL' });
const ts = (name: string): SchemaElement => ({
  name, type: 'INT64', repetition_type: 'OPTIONAL', converted_type: 'TIMESTAMP_MILLIS',
  logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MILLIS' },
});
const list = (name: string, element: SchemaElement): SchemaElement[] => [
  { name, repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
  { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
  { ...element, name: 'element', repetition_type: 'REQUIRED' },
];

const strLen = (v: unknown) => (typeof v === 'string' ? v.length : 0);
const time = (v: unknown): number | null => {
  if (typeof v !== 'string') return null;
  const ms = Date.parse(v);
  return Number.isNaN(ms) ? null : ms;
};
const text = <T>(name: string, get: (r: T) => unknown): Column<T> => ({
  name, elements: [str(name)], value: (r) => { const v = get(r); return v === undefined || v === null ? null : String(v); }, size: (r) => strLen(get(r)),
});
// Times are nearly unique: PLAIN, no dictionary attempt (sampling a row group's BigInts into a Map cost more than it saved).
const timestamp = <T>(name: string, get: (r: T) => unknown): Column<T> => ({ name, elements: [ts(name)], value: (r) => time(get(r)), size: () => 8, encoding: 'PLAIN' });
/** About the bytes of a value as JSON text, without building the text. */
export function approxSize(v: unknown): number {
  if (typeof v === 'string') return v.length + 2;
  if (v === null || v === undefined) return 4;
  if (typeof v !== 'object') return 8;
  let n = 2;
  if (Array.isArray(v)) for (const x of v) n += approxSize(x) + 1;
  else for (const k in v as Record<string, unknown>) n += k.length + 4 + approxSize((v as Record<string, unknown>)[k]);
  return n;
}
/** One shared empty array: the writer serializes each distinct value once per row group, and most `aliases` are []. */
const EMPTY: readonly unknown[] = Object.freeze([]);
/** JSON text columns take the value itself: the writer serializes it. */
const json = <T>(name: string, get: (r: T) => unknown): Column<T> => ({
  name, elements: [str(name, 'JSON')], statistics: false,
  value: (r) => { const v = get(r); return v === undefined ? null : Array.isArray(v) && v.length === 0 ? EMPTY : v; },
  size: (r) => approxSize(get(r)),
});

/** Observed kinds of a property's values: a bit each. */
const BOOL = 1, INT = 2, FLOAT = 4, STRING = 8, OTHER = 16;
export type PropertyKind = 'BOOLEAN' | 'INT64' | 'DOUBLE' | 'STRING' | 'JSON';

/** At most this many typed property fields; beyond it the whole `properties` is one JSON column. */
export const MAX_PROPERTY_COLUMNS = 512;

/** Learns, from a day's events of one type, the kind of each top-level property. */
export class PropertyStats {
  private readonly seen = new Map<string, number>();
  rows = 0;

  add(rows: readonly EventRecord[]): void {
    this.rows += rows.length;
    for (const r of rows) {
      const p = r.properties;
      if (!p || typeof p !== 'object') continue;
      for (const k in p) {
        const v = p[k];
        if (v === null || v === undefined) {
          if (!this.seen.has(k)) this.seen.set(k, 0);
          continue;
        }
        const bit = typeof v === 'boolean' ? BOOL : typeof v === 'number' ? (Number.isSafeInteger(v) ? INT : FLOAT) : typeof v === 'string' ? STRING : OTHER;
        this.seen.set(k, (this.seen.get(k) ?? 0) | bit);
      }
    }
  }

  /** Adds kinds a source reported (PropertyValueKind per property). */
  addKinds(kinds: Record<string, PropertyValueKind[]>): void {
    const bit: Record<PropertyValueKind, number> = { boolean: BOOL, integer: INT, number: FLOAT, string: STRING, object: OTHER, array: OTHER, null: 0 };
    for (const [k, list] of Object.entries(kinds)) this.seen.set(k, list.reduce((m, kind) => m | bit[kind], this.seen.get(k) ?? 0));
  }

  /** Property name → column kind; null when there are too many properties to type (one JSON column then). */
  kinds(): Map<string, PropertyKind> | null {
    if (this.seen.size > MAX_PROPERTY_COLUMNS) return null;
    const out = new Map<string, PropertyKind>();
    for (const k of [...this.seen.keys()].sort()) {
      const m = this.seen.get(k)!;
      out.set(k, m === BOOL ? 'BOOLEAN' : m === INT ? 'INT64' : m === FLOAT || m === (INT | FLOAT) ? 'DOUBLE' : m === STRING ? 'STRING' : 'JSON');
    }
    return out;
  }
}

const fits: Record<PropertyKind, (v: unknown) => unknown> = {
  BOOLEAN: (v) => (typeof v === 'boolean' ? v : null),
  INT64: (v) => (typeof v === 'number' && Number.isSafeInteger(v) ? BigInt(v) : null),
  DOUBLE: (v) => (typeof v === 'number' ? v : null),
  STRING: (v) => (typeof v === 'string' ? v : null),
  JSON: (v) => v,
};
const kindElement = (name: string, kind: PropertyKind): SchemaElement =>
  kind === 'BOOLEAN' ? { name, type: 'BOOLEAN', repetition_type: 'OPTIONAL' }
    : kind === 'INT64' ? { name, type: 'INT64', repetition_type: 'OPTIONAL' }
      : kind === 'DOUBLE' ? { name, type: 'DOUBLE', repetition_type: 'OPTIONAL' }
        : str(name, kind === 'STRING' ? 'UTF8' : 'JSON');

/** The `properties` column: a STRUCT of typed fields, or JSON text when there is nothing (or too much) to type. */
function propertiesColumn(kinds: Map<string, PropertyKind> | null): Column<EventRecord> {
  if (!kinds || kinds.size === 0) return json('properties', (r) => r.properties);
  const names = [...kinds.keys()];
  const convert = names.map((n) => fits[kinds.get(n)!]);
  return {
    name: 'properties',
    elements: [{ name: 'properties', repetition_type: 'OPTIONAL', num_children: names.length }, ...names.map((n) => kindElement(n, kinds.get(n)!))],
    value(r) {
      const p = r.properties;
      if (!p || typeof p !== 'object') return null;
      const out: Record<string, unknown> = {};
      for (let i = 0; i < names.length; i++) {
        const v = p[names[i]!];
        // A value of another kind than the day's first read saw (the day changed between reads) is left null.
        out[names[i]!] = v === undefined || v === null ? null : convert[i]!(v);
      }
      return out;
    },
    size(r) {
      const p = r.properties;
      if (!p) return 0;
      let n = 0;
      for (const k in p) {
        const v = p[k];
        n += approxSize(v);
      }
      return n;
    },
  };
}

export function eventColumns(kinds: Map<string, PropertyKind> | null): Column<EventRecord>[] {
  return [
    // Min/max statistics only where readers prune on them: the two times and the workspace (an ALL_WORKSPACES export).
    // The type is the file's partition; ids, sessions, properties and segments are not pruned on, and comparing every
    // value cost an eighth of the write.
    { ...text<EventRecord>('event_id', (r) => r.event_id), encoding: 'PLAIN', statistics: false },
    { ...text<EventRecord>('type', (r) => r.type), statistics: false },
    { ...text<EventRecord>('user_id', (r) => r.user_id), statistics: false },
    timestamp('time', (r) => r.time),
    { ...text<EventRecord>('session_id', (r) => r.session_id), statistics: false },
    { ...text<EventRecord>('view_id', (r) => r.view_id), statistics: false },
    { ...propertiesColumn(kinds), statistics: false },
    json('aliases', (r) => r.aliases),
    timestamp('received_at', (r) => r.received_at),
    text('workspace_id', (r) => r.workspace_id),
    { name: 'segments', elements: list('segments', { name: 'element', type: 'INT32' }), value: (r) => r.segments ?? [], size: (r) => 4 * (r.segments?.length ?? 0), statistics: false },
  ];
}

export function aliasColumns(): Column<AliasRecord>[] {
  return [
    text('user_id', (r) => r.user_id),
    text('tag', (r) => r.tag),
    text('id', (r) => r.id),
    { name: 'priority', elements: [{ name: 'priority', type: 'INT32', repetition_type: 'OPTIONAL' }], value: (r) => (typeof r.priority === 'number' ? r.priority : null), size: () => 4 },
    timestamp('time', (r) => r.time),
    text('workspace_id', (r) => r.workspace_id),
  ];
}

export function segmentColumns(): Column<SegmentMetadataRecord>[] {
  return [
    { name: 'code', elements: [{ name: 'code', type: 'INT32', repetition_type: 'OPTIONAL' }], value: (r) => (typeof r.code === 'number' ? r.code : null), size: () => 4 },
    text('name', (r) => r.name),
    text('description', (r) => r.description),
    { name: 'tags', elements: list('tags', { name: 'element', type: 'BYTE_ARRAY', converted_type: 'UTF8' }), value: (r) => r.tags ?? [], size: (r) => (r.tags ?? []).reduce((n, t) => n + t.length, 0) },
    { name: 'size', elements: [{ name: 'size', type: 'INT64', repetition_type: 'OPTIONAL' }], value: (r) => (typeof r.size === 'number' ? BigInt(r.size) : null), size: () => 8 },
    timestamp('created_at', (r) => r.created_at),
    timestamp('updated_at', (r) => r.updated_at),
    text('workspace_id', (r) => r.workspace_id),
  ];
}

/** The file schema of a set of columns. */
export function schemaOf<T>(columns: Column<T>[]): SchemaElement[] {
  return [{ name: 'root', num_children: columns.length }, ...columns.flatMap((c) => c.elements)];
}
