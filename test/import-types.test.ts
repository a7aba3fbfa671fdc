/**
 * The import-type definitions as one source: the `importTypes` query serves every type with its mappings and text
 * inputs, and `createImport` accepts exactly what those definitions say (changing a definition changes both).
 * Real parts: the server in-process on SQLite or PostgreSQL, and a local S3-protocol server holding a CSV table.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_TYPES } from '../server/imports/import-types.js';
import { CREATE_CONNECTION, s3Input, settled } from './helpers/fixtures.js';
import { startInlet, type TestInlet } from './helpers/inlet.js';
import { startS3, type LocalS3 } from './helpers/s3.js';

let inlet: TestInlet;
let s3: LocalS3;
let connectionId: string;

const IMPORT_TYPES_QUERY = `{ importTypes {
  type label description keyFields incremental minAttributes attributesMessage
  mappings { key label required types help }
  textInputs { key label required pattern requiredMessage patternMessage placeholder help }
} }`;
const CREATE_IMPORT = `mutation($input: CreateImportInput!) { createImport(input: $input) { id type timestampColumn } }`;

beforeAll(async () => {
  s3 = await startS3();
  await s3.createBucket('warehouse');
  await s3.put('warehouse', 'types/events/part-0.csv', 'user_id,kind,at\nu1,click,2025-01-01 00:00:00\nu2,view,2025-01-02 00:00:00\n');
  inlet = await startInlet();
  const { createConnection } = await inlet.ok(CREATE_CONNECTION, {
    input: { ...s3Input(s3, { bucketName: 'warehouse', schemaPrefix: 'types/', dataFormat: 'CSV', partitioning: 'NO_TABLES' }), name: 'types' },
  });
  const connection = await settled(inlet, createConnection.id);
  expect(connection.status, connection.statusReason).toBe('ACTIVE');
  connectionId = createConnection.id;
});

afterAll(async () => {
  await inlet?.close();
  await s3?.close();
});

describe('importTypes', () => {
  it('answers every import type with its mappings, text inputs and key', async () => {
    const { importTypes } = await inlet.ok(IMPORT_TYPES_QUERY);
    expect(importTypes.map((t: any) => t.type)).toEqual(['USER_PROFILE', 'USER_ACTIVITY', 'IDENTITY', 'GROUP_MEMBERSHIP']);
    const byType = Object.fromEntries(importTypes.map((t: any) => [t.type, t]));
    for (const t of importTypes) {
      expect(t.label).toBeTruthy();
      expect(t.description).toBeTruthy();
      // The user id comes first and is required for every type.
      expect(t.mappings[0]).toMatchObject({ key: 'userIdColumn', required: true, types: null });
    }
    expect(byType.USER_PROFILE).toMatchObject({ keyFields: ['userIdColumn'], incremental: false, minAttributes: 1, textInputs: [] });
    expect(byType.USER_ACTIVITY.mappings.map((m: any) => [m.key, m.required, m.types])).toEqual([
      ['userIdColumn', true, null],
      ['timestampColumn', true, ['DATE', 'TIMESTAMP']],
    ]);
    expect(byType.IDENTITY.mappings.map((m: any) => [m.key, m.required])).toEqual([
      ['userIdColumn', true],
      ['identifierColumn', true],
      ['timestampColumn', false],
    ]);
    expect(byType.IDENTITY.textInputs).toEqual([
      expect.objectContaining({ key: 'identifierType', required: true, pattern: '^[a-z][a-z0-9_]{1,63}$', patternMessage: expect.stringMatching(/lower-case/) }),
    ]);
    expect(byType.IDENTITY.keyFields).toEqual(['userIdColumn', 'identifierColumn']);
    expect(byType.GROUP_MEMBERSHIP.mappings.map((m: any) => [m.key, m.required, m.types])).toEqual([
      ['userIdColumn', true, null],
      ['groupIdColumn', true, null],
      ['timestampColumn', true, ['DATE', 'TIMESTAMP']],
      ['isDeletedColumn', false, ['BOOLEAN', 'INTEGER']],
    ]);
  });

  it('serves the pattern the server checks: a value it refuses is refused by createImport with its message', async () => {
    const { importTypes } = await inlet.ok(IMPORT_TYPES_QUERY);
    const input = importTypes.find((t: any) => t.type === 'IDENTITY').textInputs[0];
    expect(new RegExp(input.pattern).test('Email SHA')).toBe(false);
    const refused = await inlet.gql(CREATE_IMPORT, {
      input: { connectionId, name: 'ids', table: 'events', type: 'IDENTITY', columns: [], userIdColumn: 'user_id', identifierColumn: 'kind', identifierType: 'Email SHA', schedule: 'manual' },
    });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'identifierType' });
    expect(refused.errors?.[0]?.message).toBe(input.patternMessage);
  });

  it('refuses one column mapped to two roles, naming the second', async () => {
    const refused = await inlet.gql(CREATE_IMPORT, {
      input: { connectionId, name: 'same', table: 'events', type: 'IDENTITY', columns: [], userIdColumn: 'user_id', identifierColumn: 'user_id', identifierType: 'crm_id', schedule: 'manual' },
    });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'identifierColumn' });
    expect(refused.errors?.[0]?.message).toMatch(/"user_id" is already the user id column/);
  });

  it('a change to a definition changes what importTypes serves and what createImport accepts', async () => {
    const activity = { connectionId, table: 'events', type: 'USER_ACTIVITY', columns: ['kind'], userIdColumn: 'user_id', timestampColumn: 'kind', schedule: 'manual' };
    const before = await inlet.gql(CREATE_IMPORT, { input: { ...activity, name: 'string time, refused' } });
    expect(before.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'timestampColumn' });
    expect(before.errors?.[0]?.message).toMatch(/"kind" is STRING; it must be DATE or TIMESTAMP/);

    const timestamp = IMPORT_TYPES.USER_ACTIVITY.mappings.find((m) => m.key === 'timestampColumn')!;
    const saved = timestamp.types;
    timestamp.types = ['DATE', 'TIMESTAMP', 'STRING'];
    try {
      const { importTypes } = await inlet.ok(IMPORT_TYPES_QUERY);
      const served = importTypes.find((t: any) => t.type === 'USER_ACTIVITY').mappings.find((m: any) => m.key === 'timestampColumn');
      expect(served.types).toEqual(['DATE', 'TIMESTAMP', 'STRING']);
      const { createImport } = await inlet.ok(CREATE_IMPORT, { input: { ...activity, name: 'string time, accepted' } });
      expect(createImport).toMatchObject({ type: 'USER_ACTIVITY', timestampColumn: 'kind' });

      // And the other way: a column the definition no longer accepts is refused with the definition's own words.
      timestamp.types = ['DATE'];
      const narrowed = await inlet.gql(CREATE_IMPORT, { input: { ...activity, timestampColumn: 'at', name: 'timestamp, refused' } });
      expect(narrowed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'timestampColumn' });
      expect(narrowed.errors?.[0]?.message).toMatch(/Event timestamp column "at" is TIMESTAMP; it must be DATE$/);
    } finally {
      timestamp.types = saved;
    }
  });
});
