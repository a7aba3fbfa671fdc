import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ImportEntity, StoredColumn } from '../server/imports/import.entity.js';
import { IMPORT_TYPES } from '../server/imports/import-types.js';
import type { ColumnBatch } from '../server/pipeline/parallel-read.js';
import { startInlet, testDatabase, type TestInlet } from './helpers/inlet.js';

// The data store writes a run's batches (SQLite: prepared multi-row inserts, upserts into a keyed stage; PostgreSQL:
// binary COPY, a keyed stage reduced to one row per key when it publishes). Each store must give back the same values
// for the same batch, and publish all or nothing: this runs on both.
let inlet: TestInlet;

beforeAll(async () => {
  inlet = await startInlet();
});

afterAll(async () => {
  await inlet?.close();
});

const columns: StoredColumn[] = [
  { name: 's', column: 'c0', type: 'STRING' },
  { name: 'i', column: 'c1', type: 'INTEGER' },
  { name: 'f', column: 'c2', type: 'FLOAT' },
  { name: 'b', column: 'c3', type: 'BOOLEAN' },
  { name: 'd', column: 'c4', type: 'DATE' },
  { name: 't', column: 'c5', type: 'TIMESTAMP' },
  { name: 'big', column: 'c6', type: 'INTEGER' },
  { name: 'n', column: 'c7', type: 'STRING' },
];

const ms = (iso: string) => Date.parse(iso);

/** Five rows: typed arrays with nulls, text that needs escaping, dates and instants far from 1970 and 2000, big integers. */
const batch: ColumnBatch = {
  length: 5,
  firstRow: 1,
  rejects: [],
  bytesRead: 0,
  columns: [
    { kind: 'str', values: ['plain', 'é😀 naïve', '', null, 'tab\there\nnew line "quoted" back\\slash {a,b} NULL'] },
    { kind: 'num', values: Float64Array.of(0, -1, 2 ** 53 - 1, -(2 ** 53 - 1), 42), nulls: Uint8Array.of(0, 0, 0, 0, 1) },
    { kind: 'num', values: Float64Array.of(1.5, -0.25, 1e300, 5e-324, 0), nulls: Uint8Array.of(0, 0, 0, 0, 1) },
    { kind: 'bool', values: Uint8Array.of(1, 0, 2, 1, 0) },
    { kind: 'str', values: ['2024-02-29', '1969-12-31', '0001-01-01', '9999-12-31', null] },
    {
      kind: 'date',
      values: Float64Array.of(ms('2024-01-01T12:00:00.123Z'), -1, ms('0001-01-01T00:00:00.000Z'), ms('9999-12-31T23:59:59.999Z'), 0),
      nulls: Uint8Array.of(0, 0, 0, 0, 1),
    },
    { kind: 'any', values: [9007199254740993n, -9223372036854775808n, 1, null, 9223372036854775807n] },
    { kind: 'null' },
  ],
};

const expected = [
  ['plain', 0, 1.5, true, '2024-02-29', '2024-01-01T12:00:00.123Z', '9007199254740993', null],
  ['é😀 naïve', -1, -0.25, false, '1969-12-31', '1969-12-31T23:59:59.999Z', '-9223372036854775808', null],
  ['', 2 ** 53 - 1, 1e300, null, '0001-01-01', '0001-01-01T00:00:00.000Z', 1, null],
  [null, -(2 ** 53 - 1), 5e-324, true, '9999-12-31', '9999-12-31T23:59:59.999Z', null, null],
  ['tab\there\nnew line "quoted" back\\slash {a,b} NULL', null, null, false, null, null, '9223372036854775807', null],
];

it(`writes a batch and reads back the same values (${testDatabase})`, async () => {
  const { store } = inlet.server.services;
  await store.createTable('t_roundtrip', columns);
  await store.insertColumns('t_roundtrip', columns, batch);
  expect(await store.select('t_roundtrip', columns, 10)).toEqual(expected);
});

it(`writes the chosen rows only, in the order given (${testDatabase})`, async () => {
  const { store } = inlet.server.services;
  await store.createTable('t_chosen', columns);
  await store.insertColumns('t_chosen', columns, batch, Int32Array.of(4, 0, 2));
  expect(await store.select('t_chosen', columns, 10)).toEqual([expected[4], expected[0], expected[2]]);
});

const keyed: StoredColumn[] = [
  { name: 'user', column: 'c0', type: 'STRING' },
  { name: 'points', column: 'c1', type: 'INTEGER' },
];

/** A batch of (user, points) rows. */
const rows = (users: string[], points: number[]): ColumnBatch => ({
  length: users.length,
  firstRow: 1,
  rejects: [],
  bytesRead: 0,
  columns: [
    { kind: 'str', values: users },
    { kind: 'num', values: Float64Array.from(points), nulls: null },
  ],
});

const sorted = (table: unknown[][]) => table.sort((x, y) => String(x[0]).localeCompare(String(y[0])));

const lastWins = { key: ['c0'], newest: null };

it(`a keyed stage keeps the last row per key, within a batch and across batches (${testDatabase})`, async () => {
  const { store } = inlet.server.services;
  await store.createStage('t_keyed', keyed, lastWins);
  await store.insertColumns('t_keyed', keyed, rows(['a', 'b', 'a'], [1, 2, 3]), null, lastWins);
  await store.insertColumns('t_keyed', keyed, rows(['b', 'c'], [4, 5]), null, lastWins);
  await store.endStage('t_keyed', true);
  const last = store.lastPerKey('t_keyed', keyed, lastWins);
  await store.transaction(last.statements);
  expect(sorted(await store.select(last.table, keyed, 10))).toEqual([['a', 3], ['b', 4], ['c', 5]]);
});

it(`a keyed stage by a column keeps the row with the greatest value per key (${testDatabase})`, async () => {
  const { store } = inlet.server.services;
  const byPoints = { key: ['c0'], newest: 'c1' };
  await store.createStage('t_newest', keyed, byPoints);
  await store.insertColumns('t_newest', keyed, rows(['a', 'b', 'a', 'c'], [5, 2, 3, 1]), null, byPoints);
  await store.insertColumns('t_newest', keyed, rows(['b', 'a', 'c'], [1, 5, 1]), null, byPoints);
  await store.endStage('t_newest', true);
  const last = store.lastPerKey('t_newest', keyed, byPoints);
  await store.transaction(last.statements);
  expect(sorted(await store.select(last.table, keyed, 10))).toEqual([['a', 5], ['b', 2], ['c', 1]]);
});

it(`publishes a profile snapshot all or nothing: a failure after the old snapshot is dropped leaves it whole (${testDatabase})`, async () => {
  const { store } = inlet.server.services;
  // Only what the USER_PROFILE publish reads of an import.
  const imp = { id: 'profile-atomic', type: 'USER_PROFILE', dataTable: 't_profile', stored: keyed, userIdColumn: 'user' } as unknown as ImportEntity;
  const stage = 't_profile_stage';
  await store.createTable(imp.dataTable, keyed, ['c0']);
  await store.insertColumns(imp.dataTable, keyed, rows(['a', 'b', 'c'], [1, 2, 3]));
  await store.createStage(stage, keyed, lastWins);
  await store.insertColumns(stage, keyed, rows(['x', 'y'], [10, 20]), null, lastWins);
  await store.endStage(stage, true);

  const publish = IMPORT_TYPES.USER_PROFILE.publish(store, imp, stage, false, 2);
  // The statements up to the old snapshot's drop run, then the next one fails.
  const drop = publish.findIndex((s) => s.sql === `DROP TABLE IF EXISTS "${imp.dataTable}"`) + 1;
  expect(drop).toBeGreaterThan(0);
  const failing = [...publish.slice(0, drop), { sql: 'INSERT INTO t_no_such_table (c0) VALUES (1)' }, ...publish.slice(drop)];
  await expect(store.transaction(failing)).rejects.toThrow(/t_no_such_table/);
  expect(await store.count(imp.dataTable)).toBe(3);
  expect(sorted(await store.select(imp.dataTable, keyed, 10))).toEqual([['a', 1], ['b', 2], ['c', 3]]);
  expect(sorted(await store.select(stage, keyed, 10))).toEqual([['x', 10], ['y', 20]]);

  // The same statements without the failure swap the snapshot in.
  await store.transaction(publish);
  expect(sorted(await store.select(imp.dataTable, keyed, 10))).toEqual([['x', 10], ['y', 20]]);
  expect(await store.tableExists(stage)).toBe(false);
});

it(`gives the event loop a turn before a stage batch once the writer has had its slice (${testDatabase})`, async () => {
  // A run's next batch is often queued already: a store that takes a batch without waiting for anything (a COPY that
  // accepts the bytes at once) must still let requests and timers in between batches.
  const { store } = inlet.server.services;
  const stage = 't_turn_stage';
  await store.createStage(stage, keyed, null);
  await store.insertColumns(stage, keyed, rows(['a'], [1]));
  let turned = false;
  setImmediate(() => (turned = true));
  // The writer's slice is over, as after encoding a batch of 10,000 rows.
  for (const start = performance.now(); performance.now() - start < 20; );
  await store.insertColumns(stage, keyed, rows(['b'], [2]));
  expect(turned).toBe(true);
  await store.endStage(stage, true);
  expect(await store.count(stage)).toBe(2);
  await store.dropTable(stage);
});
