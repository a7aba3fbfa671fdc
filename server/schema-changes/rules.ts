import type { ColumnType } from '../connectors/formats/format.js';
import { canRead } from '../connectors/formats/values.js';
import type { AcceptedColumn } from '../imports/import.entity.js';

export type SchemaChangeKind = 'COLUMN_ADDED' | 'COLUMN_REMOVED' | 'COLUMN_RENAMED' | 'COLUMN_REORDERED' | 'TYPE_CHANGED';
export type Support = 'SUPPORTED' | 'UNSUPPORTED';

/** A column of the table as the last refresh saw it. */
export interface CurrentColumn {
  name: string;
  type: ColumnType;
  nullable: boolean;
  isPartition: boolean;
  sourceType?: string | null;
  nested?: boolean;
}

export interface DetectedChange {
  kind: SchemaChangeKind;
  column: string;
  previousType: ColumnType | null;
  newType: ColumnType | null;
  support: Support;
  /** What changed and why it is (un)supported, in words a person can act on. */
  description: string;
  /** For a nested field: the struct column accepting it brings in (all or nothing). */
  parent?: string;
}

/** A value of each type, to ask the shared parsers whether values of the new type can be read as the old. */
const EXAMPLE: Record<ColumnType, string> = {
  STRING: 'text', INTEGER: '12', FLOAT: '1.5', BOOLEAN: 'true', DATE: '2025-01-01', TIMESTAMP: '2025-01-01T10:00:00Z',
};
const readableAs = (importType: ColumnType, newType: ColumnType) => canRead(importType, EXAMPLE[newType]);

/**
 * Compares the schema an import accepted with the table's current schema and classifies each difference.
 * `typed` sources (Parquet, warehouses) match columns by name; CSV matches by position, so every column counts.
 * `selected` are the columns the import stores: on typed sources changes to other columns never block.
 */
export function detectChanges(accepted: AcceptedColumn[], current: CurrentColumn[], typed: boolean, selected: Set<string>): DetectedChange[] {
  return typed ? detectTyped(accepted, current, selected) : detectCsv(accepted, current, selected);
}

function detectTyped(accepted: AcceptedColumn[], current: CurrentColumn[], selected: Set<string>): DetectedChange[] {
  const changes: DetectedChange[] = [];
  const before = new Map(accepted.map((c) => [c.name, c]));
  const now = new Map(current.map((c) => [c.name, c]));
  const removed = accepted.filter((c) => !now.has(c.name));
  const added = current.filter((c) => !before.has(c.name));
  const renamed = pairRenames(removed, added, accepted, current);

  for (const [from, to] of renamed) {
    if (!selected.has(from.name)) continue;
    changes.push({ kind: 'COLUMN_RENAMED', column: from.name, previousType: from.type, newType: to.type, support: 'UNSUPPORTED', description: `Column "${from.name}" appears to have been renamed to "${to.name}" (inferred: one column left and one of the same type appeared at the same position)` });
  }
  for (const c of removed) {
    if (renamed.some(([from]) => from === c) || !selected.has(c.name)) continue;
    changes.push({ kind: 'COLUMN_REMOVED', column: c.name, previousType: c.type, newType: null, support: 'UNSUPPORTED', description: `Column "${c.name}" (${c.type}) was removed` });
  }
  for (const c of added) {
    if (renamed.some(([, to]) => to === c)) continue;
    changes.push(
      c.nullable
        ? { kind: 'COLUMN_ADDED', column: c.name, previousType: null, newType: c.type, support: 'SUPPORTED', description: `New nullable column "${c.name}" (${c.type}); accept it to import it from the next run` }
        : { kind: 'COLUMN_ADDED', column: c.name, previousType: null, newType: c.type, support: 'UNSUPPORTED', description: `New required (non-nullable) column "${c.name}" (${c.type}): only nullable columns can be added to an import` },
    );
  }
  for (const old of accepted) {
    const c = now.get(old.name);
    if (!c || !selected.has(old.name)) continue;
    if (c.type !== old.type) {
      changes.push({ kind: 'TYPE_CHANGED', column: old.name, previousType: old.type, newType: c.type, support: 'UNSUPPORTED', description: `Column "${old.name}" changed type from ${old.type} to ${c.type}; typed sources cannot change a column's type (widening or narrowing)` });
    } else if (old.sourceType && c.sourceType && old.sourceType !== c.sourceType && c.nested) {
      changes.push(...nestedChanges(old, c));
    }
  }
  const order = (cols: { name: string }[]) => cols.map((c) => c.name).filter((n) => selected.has(n) && before.has(n) && now.has(n));
  const was = order([...accepted].sort((a, b) => a.position - b.position));
  const is = order(current);
  if (was.join('\u0000') !== is.join('\u0000')) {
    changes.push({ kind: 'COLUMN_REORDERED', column: firstMoved(was, is), previousType: null, newType: null, support: 'UNSUPPORTED', description: `Columns were reordered: ${was.join(', ')} → ${is.join(', ')}` });
  }
  return changes;
}

/** A struct that gained fields: each new field is SUPPORTED, accepted all or nothing with its struct; anything else is a type change. */
function nestedChanges(old: AcceptedColumn, c: CurrentColumn): DetectedChange[] {
  const was = structFields(old.sourceType!);
  const is = structFields(c.sourceType!);
  if (was && is && [...was].every(([name, type]) => is.get(name) === type)) {
    return [...is.keys()]
      .filter((name) => !was.has(name))
      .map((name) => ({ kind: 'COLUMN_ADDED' as const, column: `${old.name}.${name}`, previousType: null, newType: c.type, support: 'SUPPORTED' as const, parent: old.name, description: `New field "${name}" in struct "${old.name}"; a struct's new fields are accepted all or nothing` }));
  }
  return [{ kind: 'TYPE_CHANGED', column: old.name, previousType: old.type, newType: c.type, support: 'UNSUPPORTED', description: `Nested column "${old.name}" changed from ${old.sourceType} to ${c.sourceType}` }];
}

/** Top-level fields of `STRUCT<a: INT64, b: STRUCT<…>>`, or null when it is not a struct. */
export function structFields(sourceType: string): Map<string, string> | null {
  const m = /^STRUCT<(.*)>$/.exec(sourceType);
  if (!m) return null;
  const fields = new Map<string, string>();
  let depth = 0;
  let start = 0;
  const body = m[1]!;
  for (let i = 0; i <= body.length; i++) {
    const ch = body[i];
    if (ch === '<') depth++;
    else if (ch === '>') depth--;
    else if ((ch === ',' && depth === 0) || i === body.length) {
      const part = body.slice(start, i).trim();
      const colon = part.indexOf(':');
      if (colon > 0) fields.set(part.slice(0, colon).trim(), part.slice(colon + 1).trim());
      start = i + 1;
    }
  }
  return fields;
}

function detectCsv(accepted: AcceptedColumn[], current: CurrentColumn[], selected: Set<string>): DetectedChange[] {
  const changes: DetectedChange[] = [];
  // Partition columns come from folder names, not from a position in the file: they are matched by name.
  const was = accepted.filter((c) => !c.isPartition).sort((a, b) => a.position - b.position);
  const is = current.filter((c) => !c.isPartition);
  const wasNames = new Set(was.map((c) => c.name));
  const isNames = new Set(is.map((c) => c.name));
  const removed = was.filter((c) => !isNames.has(c.name));
  const added = is.filter((c) => !wasNames.has(c.name));
  const renamed = pairRenames(removed, added, was, is);
  const lastCommon = Math.max(-1, ...is.map((c, i) => (wasNames.has(c.name) ? i : -1)));

  for (const [from, to] of renamed) {
    changes.push({ kind: 'COLUMN_RENAMED', column: from.name, previousType: from.type, newType: to.type, support: 'UNSUPPORTED', description: `Column "${from.name}" appears to have been renamed to "${to.name}" (inferred: same position, same type); CSV columns are read by position` });
  }
  for (const c of removed) {
    if (renamed.some(([from]) => from === c)) continue;
    changes.push({ kind: 'COLUMN_REMOVED', column: c.name, previousType: c.type, newType: null, support: 'UNSUPPORTED', description: `Column "${c.name}" was removed; the columns after it shift position` });
  }
  for (const c of added) {
    if (renamed.some(([, to]) => to === c)) continue;
    const index = is.indexOf(c);
    changes.push(
      index > lastCommon && removed.length === 0
        ? { kind: 'COLUMN_ADDED', column: c.name, previousType: null, newType: c.type, support: 'SUPPORTED', description: `New column "${c.name}" (${c.type}) appended after the existing ones; accept it to import it from the next run` }
        : { kind: 'COLUMN_ADDED', column: c.name, previousType: null, newType: c.type, support: 'UNSUPPORTED', description: `New column "${c.name}" in the middle (position ${index + 1}): CSV columns are read by position, so only columns appended at the end can be added` },
    );
  }
  const common = (cols: { name: string }[]) => cols.map((c) => c.name).filter((n) => wasNames.has(n) && isNames.has(n));
  const before = common(was);
  const after = common(is);
  if (before.join('\u0000') !== after.join('\u0000')) {
    changes.push({ kind: 'COLUMN_REORDERED', column: firstMoved(before, after), previousType: null, newType: null, support: 'UNSUPPORTED', description: `Columns were reordered: ${before.join(', ')} → ${after.join(', ')}` });
  }
  const now = new Map(current.map((c) => [c.name, c]));
  for (const old of accepted) {
    const c = now.get(old.name);
    if (!c || c.type === old.type) continue;
    // CSV has no types: the values only matter when they no longer read as the type the import stores.
    if (!selected.has(old.name)) continue;
    const ok = readableAs(old.type, c.type);
    {
      changes.push({
        kind: 'TYPE_CHANGED', column: old.name, previousType: old.type, newType: c.type, support: ok ? 'SUPPORTED' : 'UNSUPPORTED',
        description: ok
          ? `Column "${old.name}" now looks like ${c.type}; its values still read as ${old.type}, so the import is unaffected`
          : `Column "${old.name}" now holds ${c.type} values that cannot be read as ${old.type} (e.g. ${EXAMPLE[c.type]})`,
      });
    }
  }
  return changes;
}

/** One column left and one appeared at the same position with the same type: a rename (inferred). */
function pairRenames<A extends { name: string; type: ColumnType }, B extends { name: string; type: ColumnType }>(removed: A[], added: B[], before: A[], after: B[]): [A, B][] {
  if (removed.length !== 1 || added.length !== 1) return [];
  const [from, to] = [removed[0]!, added[0]!];
  return before.indexOf(from) === after.indexOf(to) && from.type === to.type ? [[from, to]] : [];
}

function firstMoved(before: string[], after: string[]): string {
  return before.find((name, i) => after[i] !== name) ?? before[0] ?? '';
}
