// The schema-change rules (server/schema-changes/rules.ts) as tables: one row per case, for CSV (untyped, read by
// position) and typed sources (Parquet and the warehouses: matched by name). Each row names what an import accepted,
// what the source shows now, and every change that must come out, with its support decision.
import { describe, expect, it } from 'vitest';
import type { ColumnType } from '../../server/connectors/formats/format.js';
import type { AcceptedColumn } from '../../server/imports/import.entity.js';
import { detectChanges, type CurrentColumn } from '../../server/schema-changes/rules.js';

type Opts = { nullable?: boolean; partition?: boolean; sourceType?: string; nested?: boolean };

/** A column the import accepted, at `position`. */
const was = (name: string, type: ColumnType, position: number, o: Opts = {}): AcceptedColumn => ({
  name, type, position, nullable: o.nullable ?? true, isPartition: o.partition ?? false, sourceType: o.sourceType ?? null, nested: o.nested ?? false,
});
/** A column as the last refresh saw it (its position is its index in the list). */
const now = (name: string, type: ColumnType, o: Opts = {}): CurrentColumn => ({
  name, type, nullable: o.nullable ?? true, isPartition: o.partition ?? false, sourceType: o.sourceType ?? null, nested: o.nested ?? false,
});

/** What the import accepted: user_id, a (INTEGER), b (STRING). */
const BASE = [was('user_id', 'STRING', 0), was('a', 'INTEGER', 1), was('b', 'STRING', 2)];
const ALL = ['user_id', 'a', 'b'];

/** [kind, column, previousType, newType, support] of each change, in the order detectChanges gives them. */
type Expected = [string, string, ColumnType | null, ColumnType | null, 'SUPPORTED' | 'UNSUPPORTED'][];
type Row = [what: string, accepted: AcceptedColumn[], current: CurrentColumn[], selected: string[], expected: Expected];

const summary = (accepted: AcceptedColumn[], current: CurrentColumn[], typed: boolean, selected: string[]) =>
  detectChanges(accepted, current, typed, new Set(selected)).map((c) => [c.kind, c.column, c.previousType, c.newType, c.support]);

describe('detectChanges for CSV (columns read by position, every column counts)', () => {
  const rows: Row[] = [
    ['nothing changed', BASE, [now('user_id', 'STRING'), now('a', 'INTEGER'), now('b', 'STRING')], ALL, []],
    ['a column appended at the end is SUPPORTED', BASE, [now('user_id', 'STRING'), now('a', 'INTEGER'), now('b', 'STRING'), now('c', 'BOOLEAN')], ALL, [['COLUMN_ADDED', 'c', null, 'BOOLEAN', 'SUPPORTED']]],
    ['two columns appended are each SUPPORTED', BASE, [now('user_id', 'STRING'), now('a', 'INTEGER'), now('b', 'STRING'), now('c', 'FLOAT'), now('d', 'STRING')], ALL, [
      ['COLUMN_ADDED', 'c', null, 'FLOAT', 'SUPPORTED'], ['COLUMN_ADDED', 'd', null, 'STRING', 'SUPPORTED'],
    ]],
    ['a column added in the middle shifts the others: UNSUPPORTED', BASE, [now('user_id', 'STRING'), now('x', 'STRING'), now('a', 'INTEGER'), now('b', 'STRING')], ALL, [['COLUMN_ADDED', 'x', null, 'STRING', 'UNSUPPORTED']]],
    ['a column removed at the end', BASE, [now('user_id', 'STRING'), now('a', 'INTEGER')], ALL, [['COLUMN_REMOVED', 'b', 'STRING', null, 'UNSUPPORTED']]],
    ['a column removed in the middle', BASE, [now('user_id', 'STRING'), now('b', 'STRING')], ALL, [['COLUMN_REMOVED', 'a', 'INTEGER', null, 'UNSUPPORTED']]],
    ['a removed column the import does not store still counts (positions shift)', BASE, [now('user_id', 'STRING'), now('a', 'INTEGER')], ['user_id', 'a'], [['COLUMN_REMOVED', 'b', 'STRING', null, 'UNSUPPORTED']]],
    ['a column appended while another was removed is UNSUPPORTED', BASE, [now('user_id', 'STRING'), now('a', 'INTEGER'), now('c', 'INTEGER')], ALL, [
      ['COLUMN_REMOVED', 'b', 'STRING', null, 'UNSUPPORTED'], ['COLUMN_ADDED', 'c', null, 'INTEGER', 'UNSUPPORTED'],
    ]],
    ['same position, same type, new name: a rename', BASE, [now('user_id', 'STRING'), now('a', 'INTEGER'), now('bee', 'STRING')], ALL, [['COLUMN_RENAMED', 'b', 'STRING', 'STRING', 'UNSUPPORTED']]],
    ['same position, another type: not a rename but a removal and an addition', BASE, [now('user_id', 'STRING'), now('a', 'INTEGER'), now('bee', 'BOOLEAN')], ALL, [
      ['COLUMN_REMOVED', 'b', 'STRING', null, 'UNSUPPORTED'], ['COLUMN_ADDED', 'bee', null, 'BOOLEAN', 'UNSUPPORTED'],
    ]],
    ['same type, another position: not a rename', BASE, [now('user_id', 'STRING'), now('x', 'STRING'), now('a', 'INTEGER')], ALL, [
      ['COLUMN_REMOVED', 'b', 'STRING', null, 'UNSUPPORTED'], ['COLUMN_ADDED', 'x', null, 'STRING', 'UNSUPPORTED'],
    ]],
    ['two columns swapped', BASE, [now('user_id', 'STRING'), now('b', 'STRING'), now('a', 'INTEGER')], ALL, [['COLUMN_REORDERED', 'a', null, null, 'UNSUPPORTED']]],
    ['INTEGER now holding 1.5 cannot be read as INTEGER', BASE, [now('user_id', 'STRING'), now('a', 'FLOAT'), now('b', 'STRING')], ALL, [['TYPE_CHANGED', 'a', 'INTEGER', 'FLOAT', 'UNSUPPORTED']]],
    ['INTEGER now holding text', BASE, [now('user_id', 'STRING'), now('a', 'STRING'), now('b', 'STRING')], ALL, [['TYPE_CHANGED', 'a', 'INTEGER', 'STRING', 'UNSUPPORTED']]],
    ['STRING now holding numbers still reads as STRING', BASE, [now('user_id', 'STRING'), now('a', 'INTEGER'), now('b', 'INTEGER')], ALL, [['TYPE_CHANGED', 'b', 'STRING', 'INTEGER', 'SUPPORTED']]],
    ['FLOAT now holding integers still reads as FLOAT', [was('user_id', 'STRING', 0), was('f', 'FLOAT', 1)], [now('user_id', 'STRING'), now('f', 'INTEGER')], ['user_id', 'f'], [['TYPE_CHANGED', 'f', 'FLOAT', 'INTEGER', 'SUPPORTED']]],
    ['BOOLEAN now holding text', [was('user_id', 'STRING', 0), was('flag', 'BOOLEAN', 1)], [now('user_id', 'STRING'), now('flag', 'STRING')], ['user_id', 'flag'], [['TYPE_CHANGED', 'flag', 'BOOLEAN', 'STRING', 'UNSUPPORTED']]],
    ['a type change of a column the import does not store is ignored', BASE, [now('user_id', 'STRING'), now('a', 'FLOAT'), now('b', 'STRING')], ['user_id', 'b'], []],
    ['partition columns are matched by name, wherever the listing puts them', [...BASE, was('date', 'DATE', 3, { partition: true })], [now('date', 'DATE', { partition: true }), now('user_id', 'STRING'), now('a', 'INTEGER'), now('b', 'STRING')], [...ALL, 'date'], []],
  ];
  it.each(rows)('%s', (_what, accepted, current, selected, expected) => {
    expect(summary(accepted, current, false, selected)).toEqual(expected);
  });

  it('says why, in words a person can act on', () => {
    const [middle] = detectChanges(BASE, [now('user_id', 'STRING'), now('x', 'STRING'), now('a', 'INTEGER'), now('b', 'STRING')], false, new Set(ALL));
    expect(middle!.description).toMatch(/in the middle \(position 2\).*only columns appended at the end can be added/);
    const [type] = detectChanges(BASE, [now('user_id', 'STRING'), now('a', 'FLOAT'), now('b', 'STRING')], false, new Set(ALL));
    expect(type!.description).toMatch(/cannot be read as INTEGER \(e\.g\. 1\.5\)/);
  });
});

describe('detectChanges for typed sources (Parquet, BigQuery, Snowflake: columns matched by name)', () => {
  const rows: Row[] = [
    ['nothing changed', BASE, [now('user_id', 'STRING'), now('a', 'INTEGER'), now('b', 'STRING')], ALL, []],
    ['a new nullable column is SUPPORTED', BASE, [now('user_id', 'STRING'), now('a', 'INTEGER'), now('b', 'STRING'), now('c', 'FLOAT')], ALL, [['COLUMN_ADDED', 'c', null, 'FLOAT', 'SUPPORTED']]],
    ['a new NON-nullable column is UNSUPPORTED', BASE, [now('user_id', 'STRING'), now('a', 'INTEGER'), now('b', 'STRING'), now('c', 'FLOAT', { nullable: false })], ALL, [['COLUMN_ADDED', 'c', null, 'FLOAT', 'UNSUPPORTED']]],
    ['a new nullable column in the middle is SUPPORTED (no shift by name)', BASE, [now('user_id', 'STRING'), now('c', 'STRING'), now('a', 'INTEGER'), now('b', 'STRING')], ALL, [['COLUMN_ADDED', 'c', null, 'STRING', 'SUPPORTED']]],
    ['a stored column removed', BASE, [now('user_id', 'STRING'), now('a', 'INTEGER')], ALL, [['COLUMN_REMOVED', 'b', 'STRING', null, 'UNSUPPORTED']]],
    ['a column the import does not store removed: nothing to say', BASE, [now('user_id', 'STRING'), now('a', 'INTEGER')], ['user_id', 'a'], []],
    ['same position, same type, new name: a rename', BASE, [now('user_id', 'STRING'), now('a', 'INTEGER'), now('b2', 'STRING')], ALL, [['COLUMN_RENAMED', 'b', 'STRING', 'STRING', 'UNSUPPORTED']]],
    ['same position, another type: a removal and a (nullable) addition, not a rename', BASE, [now('user_id', 'STRING'), now('a', 'INTEGER'), now('b2', 'INTEGER')], ALL, [
      ['COLUMN_REMOVED', 'b', 'STRING', null, 'UNSUPPORTED'], ['COLUMN_ADDED', 'b2', null, 'INTEGER', 'SUPPORTED'],
    ]],
    ['same type, another position: not a rename', BASE, [now('user_id', 'STRING'), now('b2', 'STRING'), now('a', 'INTEGER')], ALL, [
      ['COLUMN_REMOVED', 'b', 'STRING', null, 'UNSUPPORTED'], ['COLUMN_ADDED', 'b2', null, 'STRING', 'SUPPORTED'],
    ]],
    ['one removed and two added: no rename is inferred', BASE, [now('user_id', 'STRING'), now('a', 'INTEGER'), now('b2', 'STRING'), now('c', 'STRING')], ALL, [
      ['COLUMN_REMOVED', 'b', 'STRING', null, 'UNSUPPORTED'], ['COLUMN_ADDED', 'b2', null, 'STRING', 'SUPPORTED'], ['COLUMN_ADDED', 'c', null, 'STRING', 'SUPPORTED'],
    ]],
    ['stored columns reordered', BASE, [now('user_id', 'STRING'), now('b', 'STRING'), now('a', 'INTEGER')], ALL, [['COLUMN_REORDERED', 'a', null, null, 'UNSUPPORTED']]],
    ['a column the import does not store moved: nothing to say', BASE, [now('b', 'STRING'), now('user_id', 'STRING'), now('a', 'INTEGER')], ['user_id', 'a'], []],
    ['INTEGER widened to FLOAT is UNSUPPORTED', BASE, [now('user_id', 'STRING'), now('a', 'FLOAT'), now('b', 'STRING')], ALL, [['TYPE_CHANGED', 'a', 'INTEGER', 'FLOAT', 'UNSUPPORTED']]],
    ['STRING to INTEGER is UNSUPPORTED (even though CSV would read it)', BASE, [now('user_id', 'STRING'), now('a', 'INTEGER'), now('b', 'INTEGER')], ALL, [['TYPE_CHANGED', 'b', 'STRING', 'INTEGER', 'UNSUPPORTED']]],
    ['a type change of a column the import does not store is ignored', BASE, [now('user_id', 'STRING'), now('a', 'FLOAT'), now('b', 'STRING')], ['user_id', 'b'], []],
    ['a new field in a struct is SUPPORTED', [was('user_id', 'STRING', 0), was('s', 'STRING', 1, { sourceType: 'STRUCT<x: INT64>', nested: true })], [now('user_id', 'STRING'), now('s', 'STRING', { sourceType: 'STRUCT<x: INT64, y: STRING>', nested: true })], ['user_id', 's'], [
      ['COLUMN_ADDED', 's.y', null, 'STRING', 'SUPPORTED'],
    ]],
    ['a struct field that changed type is UNSUPPORTED', [was('user_id', 'STRING', 0), was('s', 'STRING', 1, { sourceType: 'STRUCT<x: INT64>', nested: true })], [now('user_id', 'STRING'), now('s', 'STRING', { sourceType: 'STRUCT<x: STRING>', nested: true })], ['user_id', 's'], [
      ['TYPE_CHANGED', 's', 'STRING', 'STRING', 'UNSUPPORTED'],
    ]],
  ];
  it.each(rows)('%s', (_what, accepted, current, selected, expected) => {
    expect(summary(accepted, current, true, selected)).toEqual(expected);
  });

  it('a new struct field names the struct it comes in with', () => {
    const [field] = detectChanges([was('s', 'STRING', 0, { sourceType: 'STRUCT<x: INT64>', nested: true })], [now('s', 'STRING', { sourceType: 'STRUCT<x: INT64, y: STRING>', nested: true })], true, new Set(['s']));
    expect(field).toMatchObject({ parent: 's', column: 's.y' });
  });
});
