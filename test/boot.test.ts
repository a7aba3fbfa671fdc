import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startInlet, testDatabase, type TestInlet } from './helpers/inlet.js';

/**
 * First start: migrations and the bootstrap (default workspace + admin key) happen once, whatever the number of
 * servers that start together on an empty database, and a restart changes nothing.
 */
describe('first start', () => {
  const started: TestInlet[] = [];
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'inlet-boot-'));
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const adminKey = `inlet_test_${randomBytes(12).toString('hex')}`;
  // One sealing key for every server sharing the database, as the README asks.
  const env = { INLET_MASTER_KEY: randomBytes(32).toString('hex') };

  afterAll(async () => {
    for (const inlet of started) await inlet.close();
    if (testDatabase === 'postgres') {
      const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  const workspaces = async (inlet: TestInlet) => (await inlet.ok<{ workspaces: { name: string }[] }>('{ workspaces { name } }')).workspaces;

  it.runIf(testDatabase === 'postgres')('three servers started together on an empty database all start, and bootstrap one workspace', async () => {
    const results = await Promise.allSettled([1, 2, 3].map(() => startInlet(env, { dataDir, schema, adminKey })));
    for (const r of results) if (r.status === 'fulfilled') started.push(r.value);
    expect(results.map((r) => (r.status === 'rejected' ? String(r.reason) : 'started'))).toEqual(['started', 'started', 'started']);
    for (const inlet of started) expect(await workspaces(inlet)).toEqual([{ name: 'Default' }]);
  });

  it('a restart keeps the one workspace and the admin key', async () => {
    const first = await startInlet(env, { dataDir, schema, adminKey });
    const before = await workspaces(first);
    await first.close();
    const again = await startInlet(env, { dataDir, schema, adminKey });
    started.push(again);
    expect(before).toEqual([{ name: 'Default' }]);
    expect(await workspaces(again)).toEqual([{ name: 'Default' }]);
  });
});
