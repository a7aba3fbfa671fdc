import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREATE_CONNECTION, s3Input, settled } from './helpers/fixtures.js';
import { startInlet, subscribeReady, type TestInlet } from './helpers/inlet.js';
import { startS3, type LocalS3 } from './helpers/s3.js';

/**
 * What the admin UI's navigation counts (`attention`) and the import status stream (`importStatusChanged`) the
 * import page follows: made real through a failing run, an unsupported schema change, its revert, and a
 * deactivated connection — counted per workspace.
 */
let inlet: TestInlet;
let s3: LocalS3;
const BUCKET = 'attention';
const ATTENTION = `{ attention { pendingSchemaChanges blockedImports failingImports inactiveConnections total } }`;

beforeAll(async () => {
  s3 = await startS3();
  await s3.createBucket(BUCKET);
  await s3.put(BUCKET, 'd/good/part-0.csv', 'user_id,a,b\nu1,1,x\nu2,2,y\n');
  await s3.put(BUCKET, 'd/bad/part-0.csv', 'user_id,a\n,1\n,2\nu3,3\n');
  inlet = await startInlet();
});

afterAll(async () => {
  await inlet?.close();
  await s3?.close();
});

async function createImport(connectionId: string, table: string, columns: string[]) {
  const { createImport } = await inlet.ok(`mutation($input: CreateImportInput!) { createImport(input: $input) { id } }`, {
    input: { connectionId, name: table, table, type: 'USER_PROFILE', columns, userIdColumn: 'user_id', schedule: 'manual', rejectThreshold: 0.1 },
  });
  return createImport.id as string;
}

describe('attention and importStatusChanged', () => {
  it('counts failing and blocked imports, pending changes and inactive connections, and streams import status changes', async () => {
    const { createConnection } = await inlet.ok(CREATE_CONNECTION, { input: { ...s3Input(s3, { bucketName: BUCKET, schemaPrefix: 'd/', dataFormat: 'CSV', partitioning: 'NO_TABLES' }), name: 'Attention' } });
    expect((await settled(inlet, createConnection.id)).status).toBe('ACTIVE');
    expect((await inlet.ok(ATTENTION)).attention).toEqual({ pendingSchemaChanges: 0, blockedImports: 0, failingImports: 0, inactiveConnections: 0, total: 0 });

    // A run above its reject threshold fails: the import is failing until a run succeeds.
    const bad = await createImport(createConnection.id, 'bad', ['user_id', 'a']);
    await inlet.ok(`mutation($id: ID!) { runImport(id: $id) { id } }`, { id: bad });
    await inlet.idle();
    expect((await inlet.ok(ATTENTION)).attention).toMatchObject({ failingImports: 1, total: 1 });

    // An unsupported change blocks an import (a pending change and a blocked import); the stream says so.
    const good = await createImport(createConnection.id, 'good', ['user_id', 'a', 'b']);
    const sub = await subscribeReady(inlet, `subscription($id: ID) { importStatusChanged(importId: $id) { importId from to reason } }`, { id: good });
    await s3.put(BUCKET, 'd/good/part-1.csv', 'user_id,a\nu3,3\n');
    await inlet.ok(`mutation($id: ID!) { refreshConnectionSchema(id: $id) { id } }`, { id: createConnection.id });
    await inlet.idle();
    await sub.until((events) => events.some((v: any) => v.importStatusChanged?.to === 'BLOCKED'));
    expect(sub.events.find((v: any) => v.importStatusChanged?.to === 'BLOCKED').importStatusChanged).toMatchObject({ importId: good, from: 'ACTIVE', reason: expect.stringMatching(/removed/) });
    expect((await inlet.ok(ATTENTION)).attention).toEqual({ pendingSchemaChanges: 1, blockedImports: 1, failingImports: 1, inactiveConnections: 0, total: 3 });

    // Reverted at the source: unblocked, streamed, no longer counted.
    await s3.remove(BUCKET, 'd/good/part-1.csv');
    await inlet.ok(`mutation($id: ID!) { refreshConnectionSchema(id: $id) { id } }`, { id: createConnection.id });
    await inlet.idle();
    await sub.until((events) => events.some((v: any) => v.importStatusChanged?.from === 'BLOCKED' && v.importStatusChanged?.to === 'ACTIVE'));
    expect((await inlet.ok(ATTENTION)).attention).toMatchObject({ pendingSchemaChanges: 0, blockedImports: 0, total: 1 });
    sub.unsubscribe();

    // A deactivated connection counts; another workspace sees none of this.
    await inlet.ok(`mutation($id: ID!) { deactivateConnection(id: $id) { id } }`, { id: createConnection.id });
    expect((await inlet.ok(ATTENTION)).attention).toMatchObject({ inactiveConnections: 1, total: 2 });
    const { createWorkspace } = await inlet.ok(`mutation { createWorkspace(name: "Elsewhere") { id } }`);
    const { createApiKey } = await inlet.ok(`mutation($ws: ID!) { createApiKey(workspaceId: $ws, name: "k") { key } }`, { ws: createWorkspace.id });
    expect((await inlet.ok(ATTENTION, {}, createApiKey.key)).attention.total).toBe(0);
  });
});
