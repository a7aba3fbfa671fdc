// Parquet schemas of the three record kinds. Events get typed columns: `time` and `received_at` as UTC TIMESTAMP
// (millis), `segments` as LIST<INT32>, `aliases` as JSON text, and `properties` as a STRUCT with one typed field per
// top-level property whose observed values that day have one type (BOOLEAN, INT64, DOUBLE, STRING), JSON text for
// the others (objects, arrays, mixed types). The property kinds are learned from the rows (export-day.ts).
import type { SchemaElement } from 'hyparquet';
import type { Leaf } from './column-writer.js';
import type { AliasRecord, EventRecord, PropertyValueKind, SegmentMetadataRecord } from './types.js';

/** One top-level column: its schema elements (the column first, then any children) and how a row is written. */
export interface Column<T> {
  name: string;
  elements: SchemaElement[];
  /** Appends the row's value to the column's leaves (leavesOf(elements), in order). */
  put(row: T, leaves: Leaf[]): void;
  /** Approximate uncompressed bytes of the row's value (the part size limit counts these). */
  size(row: T): number;
  /** false: no min/max statistics (ids and JSON text, where nobody prunes on them). */
  statistics?: false;
  /** false: no dictionary tried (ids: every value distinct). */
  dictionary?: false;
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
const digit = (s: string, i: number) => s.charCodeAt(i) - 48;
/** `YYYY-MM-DDTHH:MM:SS.sssZ`: separators where they belong, a digit everywhere else. */
function isoShape(v: string): boolean {
  if (v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45 || v.charCodeAt(10) !== 84 || v.charCodeAt(13) !== 58 || v.charCodeAt(16) !== 58 || v.charCodeAt(19) !== 46 || v.charCodeAt(23) !== 90) return false;
  for (let i = 0; i < 23; i++) {
    if (i === 4 || i === 7 || i === 10 || i === 13 || i === 16 || i === 19) continue;
    const c = v.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
/** Milliseconds of an ISO time: `YYYY-MM-DDTHH:MM:SS.sssZ` (as Inlet stores times) by arithmetic, others by Date.parse. */
export function time(v: unknown): number | null {
  if (typeof v !== 'string') return null;
  if (v.length === 24 && isoShape(v)) {
    const y = digit(v, 0) * 1000 + digit(v, 1) * 100 + digit(v, 2) * 10 + digit(v, 3);
    const mo = digit(v, 5) * 10 + digit(v, 6);
    const d = digit(v, 8) * 10 + digit(v, 9);
    // Days from 1970-01-01 of a proleptic Gregorian date (civil-from-days inverted).
    const yy = mo <= 2 ? y - 1 : y;
    const era = Math.floor(yy / 400);
    const yoe = yy - era * 400;
    const doy = Math.floor((153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5) + d - 1;
    const days = era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
    const ms = (((days * 24 + digit(v, 11) * 10 + digit(v, 12)) * 60 + digit(v, 14) * 10 + digit(v, 15)) * 60 + digit(v, 17) * 10 + digit(v, 18)) * 1000
      + digit(v, 20) * 100 + digit(v, 21) * 10 + digit(v, 22);
    if (Number.isFinite(ms) && mo >= 1 && mo <= 12 && d >= 1 && d <= 31) return ms;
  }
  const ms = Date.parse(v);
  return Number.isNaN(ms) ? null : ms;
}
const text = <T>(name: string, get: (r: T) => unknown): Column<T> => ({
  name, elements: [str(name)],
  put: (r, [leaf]) => { const v = get(r); if (v === undefined || v === null) leaf!.none(); else leaf!.text(typeof v === 'string' ? v : String(v)); },
  size: (r) => strLen(get(r)),
});
const timestamp = <T>(name: string, get: (r: T) => unknown): Column<T> => ({
  name, elements: [ts(name)], put: (r, [leaf]) => { const ms = time(get(r)); if (ms === null) leaf!.none(); else leaf!.int64(ms); }, size: () => 8,
});
const int32 = <T>(name: string, get: (r: T) => unknown): Column<T> => ({
  name, elements: [{ name, type: 'INT32', repetition_type: 'OPTIONAL' }],
  put: (r, [leaf]) => { const v = get(r); if (typeof v === 'number' && (v | 0) === v) leaf!.int32(v); else leaf!.none(); }, size: () => 4,
});
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
/** A value as JSON text (most `aliases` are [], written without a call). */
const jsonText = (v: unknown) => (Array.isArray(v) && v.length === 0 ? '[]' : JSON.stringify(v));
const json = <T>(name: string, get: (r: T) => unknown): Column<T> => ({
  name, elements: [str(name, 'JSON')], statistics: false,
  put: (r, [leaf]) => { const v = get(r); if (v === undefined || v === null) leaf!.none(); else leaf!.text(jsonText(v)); },
  size: (r) => approxSize(get(r)),
});
/** A LIST of INT32 or of UTF-8 text: a null list, an empty one, or its elements (repetition level 1 after the first). */
const listOf = <T>(name: string, element: 'INT32' | 'UTF8', get: (r: T) => unknown[] | null | undefined, size: (r: T) => number): Column<T> => ({
  name, elements: list(name, element === 'INT32' ? { name: 'element', type: 'INT32' } : { name: 'element', type: 'BYTE_ARRAY', converted_type: 'UTF8' }),
  put: (r, [leaf]) => {
    const v = get(r);
    if (!Array.isArray(v)) return leaf!.none(0);
    if (!v.length) return leaf!.none(1);
    for (let i = 0; i < v.length; i++) {
      if (element === 'INT32') leaf!.int32(Number(v[i]) | 0, i ? 1 : 0);
      else leaf!.text(String(v[i]), i ? 1 : 0);
    }
  },
  size,
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
  /** Counts every new property or new kind of one: the kinds a schema was made from are still current while it stays. */
  changes = 0;

  add(r: EventRecord): void {
    this.rows++;
    const p = r.properties;
    if (p && typeof p === 'object') {
      for (const k in p) {
        const v = p[k];
        this.see(k, v === null || v === undefined ? 0 : typeof v === 'boolean' ? BOOL : typeof v === 'number' ? (Number.isSafeInteger(v) ? INT : FLOAT) : typeof v === 'string' ? STRING : OTHER);
      }
    }
  }

  /** Adds `rows` rows' kinds as bits per property (the native encoder's page kinds). */
  addBits(bits: Map<string, number>, rows: number): void {
    this.rows += rows;
    for (const [k, bit] of bits) this.see(k, bit);
  }

  private see(k: string, bit: number): void {
    const was = this.seen.get(k);
    if (was === undefined || (was | bit) !== was) {
      this.seen.set(k, (was ?? 0) | bit);
      this.changes++;
    }
  }

  /** Adds kinds a source reported (PropertyValueKind per property). */
  addKinds(kinds: Record<string, PropertyValueKind[]>): void {
    const bit: Record<PropertyValueKind, number> = { boolean: BOOL, integer: INT, number: FLOAT, string: STRING, object: OTHER, array: OTHER, null: 0 };
    for (const [k, list] of Object.entries(kinds)) this.seen.set(k, list.reduce((m, kind) => m | bit[kind], this.seen.get(k) ?? 0));
    this.changes++;
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

const kindElement = (name: string, kind: PropertyKind): SchemaElement =>
  kind === 'BOOLEAN' ? { name, type: 'BOOLEAN', repetition_type: 'OPTIONAL' }
    : kind === 'INT64' ? { name, type: 'INT64', repetition_type: 'OPTIONAL' }
      : kind === 'DOUBLE' ? { name, type: 'DOUBLE', repetition_type: 'OPTIONAL' }
        : str(name, kind === 'STRING' ? 'UTF8' : 'JSON');

/**
 * Writes a present property value into its field (definition level 2); a value of another kind than the schema's
 * (the day changed after its kinds were learned) is left null (level 1).
 */
const putKind: Record<PropertyKind, (leaf: Leaf, v: unknown) => void> = {
  BOOLEAN: (leaf, v) => (typeof v === 'boolean' ? leaf.bool(v) : leaf.none(1)),
  INT64: (leaf, v) => (typeof v === 'number' && Number.isSafeInteger(v) ? leaf.int64(v) : leaf.none(1)),
  DOUBLE: (leaf, v) => (typeof v === 'number' ? leaf.double(v) : leaf.none(1)),
  STRING: (leaf, v) => (typeof v === 'string' ? leaf.text(v) : leaf.none(1)),
  JSON: (leaf, v) => leaf.text(jsonText(v)),
};

/** The `properties` column: a STRUCT of typed fields, or JSON text when there is nothing (or too much) to type. */
function propertiesColumn(kinds: Map<string, PropertyKind> | null): Column<EventRecord> {
  if (!kinds || kinds.size === 0) return json('properties', (r) => r.properties);
  const names = [...kinds.keys()];
  const puts = names.map((n) => putKind[kinds.get(n)!]);
  return {
    name: 'properties',
    elements: [{ name: 'properties', repetition_type: 'OPTIONAL', num_children: names.length }, ...names.map((n) => kindElement(n, kinds.get(n)!))],
    put(r, leaves) {
      const p = r.properties;
      if (!p || typeof p !== 'object') {
        for (const leaf of leaves) leaf.none(0);
        return;
      }
      for (let i = 0; i < names.length; i++) {
        const v = p[names[i]!];
        if (v === undefined || v === null) leaves[i]!.none(1);
        else puts[i]!(leaves[i]!, v);
      }
    },
    size(r) {
      const p = r.properties;
      if (!p) return 0;
      let n = 0;
      for (const k in p) n += approxSize(p[k]);
      return n;
    },
  };
}

export function eventColumns(kinds: Map<string, PropertyKind> | null): Column<EventRecord>[] {
  return [
    // Min/max statistics only where readers prune on them: the two times and the workspace (an ALL_WORKSPACES export).
    // The type is the file's partition; ids, sessions, properties and segments are not pruned on.
    { ...text<EventRecord>('event_id', (r) => r.event_id), statistics: false, dictionary: false },
    { ...text<EventRecord>('type', (r) => r.type), statistics: false },
    { ...text<EventRecord>('user_id', (r) => r.user_id), statistics: false },
    timestamp('time', (r) => r.time),
    { ...text<EventRecord>('session_id', (r) => r.session_id), statistics: false },
    { ...text<EventRecord>('view_id', (r) => r.view_id), statistics: false },
    { ...propertiesColumn(kinds), statistics: false },
    json('aliases', (r) => r.aliases),
    timestamp('received_at', (r) => r.received_at),
    text('workspace_id', (r) => r.workspace_id),
    { ...listOf<EventRecord>('segments', 'INT32', (r) => r.segments ?? [], (r) => 4 * (r.segments?.length ?? 0)), statistics: false },
  ];
}

export function aliasColumns(): Column<AliasRecord>[] {
  return [
    text('user_id', (r) => r.user_id),
    text('tag', (r) => r.tag),
    text('id', (r) => r.id),
    int32('priority', (r) => r.priority),
    timestamp('time', (r) => r.time),
    text('workspace_id', (r) => r.workspace_id),
  ];
}

export function segmentColumns(): Column<SegmentMetadataRecord>[] {
  return [
    int32('code', (r) => r.code),
    text('name', (r) => r.name),
    text('description', (r) => r.description),
    listOf('tags', 'UTF8', (r) => r.tags ?? [], (r) => (r.tags ?? []).reduce((n, t) => n + t.length, 0)),
    {
      name: 'size', elements: [{ name: 'size', type: 'INT64', repetition_type: 'OPTIONAL' }], size: () => 8,
      put: (r, [leaf]) => (typeof r.size === 'number' && Number.isSafeInteger(r.size) ? leaf!.int64(r.size) : leaf!.none()),
    },
    timestamp('created_at', (r) => r.created_at),
    timestamp('updated_at', (r) => r.updated_at),
    text('workspace_id', (r) => r.workspace_id),
  ];
}

/** The file schema of a set of columns. */
export function schemaOf<T>(columns: Column<T>[]): SchemaElement[] {
  return [{ name: 'root', num_children: columns.length }, ...columns.flatMap((c) => c.elements)];
}
