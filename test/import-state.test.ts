/**
 * The import and run state machines at the service level, on real SQLite or PostgreSQL (no HTTP): every transition
 * not in the expected tables below (written out here, not read from the code) is refused and changes nothing.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../server/config.js';
import { openDatabase } from '../server/db/data-source.js';
import { LocalBus } from '../server/events/bus.js';
import type { ImportStatusChanged } from '../server/events/domain-events.js';
import { ImportEntity, ImportRunEntity, type ImportRunStatus, type ImportStatus } from '../server/imports/import.entity.js';
import { RunTransitionRefused, transitionRun } from '../server/imports/import.repository.js';
import { JobEntity } from '../server/jobs/job.entity.js';
import { createServices, type Services } from '../server/services.js';
import { testDatabase } from './helpers/inlet.js';

let dataDir: string;
let schema: string;
let db: DataSource;
let services: Services;
const statusEvents: ImportStatusChanged[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'inlet-state-'));
  schema = `t_${randomBytes(6).toString('hex')}`;
  const config = loadConfig({
    DATA_DIR: dataDir, LOG_LEVEL: 'silent', INLET_SCHEDULER: 'false',
    ...(testDatabase === 'postgres' ? { DATABASE_URL: process.env.TEST_DATABASE_URL!, DATABASE_SCHEMA: schema } : {}),
  });
  db = await openDatabase(config);
  services = createServices(db, new LocalBus(), config);
  services.events.on('ImportStatusChanged', (event) => statusEvents.push(event));
});

afterAll(async () => {
  await db?.destroy();
  if (testDatabase === 'postgres') {
    const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  }
  rmSync(dataDir, { recursive: true, force: true });
});

const IMPORT_STATUSES: ImportStatus[] = ['ACTIVE', 'PAUSED', 'BLOCKED'];
const IMPORT_ALLOWED = new Set(['ACTIVE>PAUSED', 'ACTIVE>BLOCKED', 'PAUSED>ACTIVE', 'PAUSED>BLOCKED', 'BLOCKED>ACTIVE', 'BLOCKED>BLOCKED']);
const RUN_STATUSES: ImportRunStatus[] = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'];
const RUN_ALLOWED = new Set(['NEW>QUEUED', 'NEW>CANCELLED', 'QUEUED>RUNNING', 'QUEUED>CANCELLED', 'RUNNING>SUCCEEDED', 'RUNNING>FAILED', 'RUNNING>CANCELLED']);

async function seedImport(status: ImportStatus): Promise<ImportEntity> {
  const now = new Date();
  const id = randomUUID();
  const imp = Object.assign(new ImportEntity(), {
    id, workspaceId: 'w', connectionId: randomUUID(), name: `i-${id.slice(0, 8)}`, table: 't', type: 'USER_PROFILE', columns: ['a'], userIdColumn: 'u', timestampColumn: null,
    identifierColumn: null, identifierType: null, groupIdColumn: null, isDeletedColumn: null, status, statusReason: status === 'BLOCKED' ? 'a change' : null,
    schedule: 'manual', nextRunAt: null, rejectThreshold: 0.1, stored: [], acceptedSchema: [], dataTable: `data_${id.replace(/-/g, '')}`, watermark: null, createdAt: now, updatedAt: now,
  });
  await db.getRepository(ImportEntity).save(imp);
  return imp;
}

describe('import status', () => {
  for (const from of IMPORT_STATUSES) {
    for (const to of IMPORT_STATUSES) {
      const allowed = IMPORT_ALLOWED.has(`${from}>${to}`);
      it(`${from} → ${to} is ${allowed ? 'allowed, written and published once' : 'refused'}`, async () => {
        const imp = await seedImport(from);
        const before = statusEvents.length;
        const attempt = services.imports.transition(imp, to, to === 'BLOCKED' ? 'another change' : null);
        if (allowed) {
          await attempt;
          expect((await db.getRepository(ImportEntity).findOneByOrFail({ id: imp.id })).status).toBe(to);
          expect(statusEvents.slice(before).filter((e) => e.importId === imp.id).map((e) => [e.from, e.to])).toEqual([[from, to]]);
        } else {
          await expect(attempt).rejects.toMatchObject({ kind: 'conflict' });
          expect((await db.getRepository(ImportEntity).findOneByOrFail({ id: imp.id })).status).toBe(from);
          expect(statusEvents.slice(before).filter((e) => e.importId === imp.id)).toEqual([]);
        }
      });
    }
  }

  it('a transition from a status that changed meanwhile is refused (compare-and-set)', async () => {
    const imp = await seedImport('ACTIVE');
    const stale = Object.assign(new ImportEntity(), imp);
    await services.imports.transition(imp, 'PAUSED', null);
    await expect(services.imports.transition(stale, 'BLOCKED', 'a change')).rejects.toMatchObject({ kind: 'conflict' });
    expect((await db.getRepository(ImportEntity).findOneByOrFail({ id: imp.id })).status).toBe('PAUSED');
  });
});

describe('run status', () => {
  for (const from of [null, ...RUN_STATUSES]) {
    for (const to of RUN_STATUSES) {
      const allowed = RUN_ALLOWED.has(`${from ?? 'NEW'}>${to}`);
      it(`${from ?? 'NEW'} → ${to} is ${allowed ? 'allowed' : 'refused'}`, async () => {
        const id = randomUUID();
        const importId = randomUUID();
        const now = new Date();
        if (from) {
          await db.getRepository(ImportRunEntity).save(Object.assign(new ImportRunEntity(), {
            id, importId, workspaceId: 'w', status: from, trigger: 'MANUAL', attempt: 1, queuedAt: now, notBefore: null, startedAt: null, finishedAt: null,
            heartbeatAt: null, owner: null, filesTotal: null, filesDone: null, rowsRead: 0, rowsImported: 0, rowsRejected: 0, bytesRead: 0, error: null, rejects: [],
          }));
        }
        const job = Object.assign(new JobEntity(), {
          id, kind: 'import-run', key: importId, payload: { importId, workspaceId: 'w', trigger: 'MANUAL' }, status: to, attempt: 1, notBefore: null,
          heartbeatAt: now, owner: 'me', error: null, cancelRequested: 0, createdAt: now, startedAt: now, finishedAt: to === 'QUEUED' || to === 'RUNNING' ? null : now,
        });
        const attempt = db.transaction((tx) => transitionRun(tx, job));
        const stored = async () => (await db.getRepository(ImportRunEntity).findOneBy({ id }))?.status ?? null;
        if (allowed) {
          await attempt;
          expect(await stored()).toBe(to);
        } else {
          await expect(attempt).rejects.toBeInstanceOf(RunTransitionRefused);
          expect(await stored()).toBe(from);
        }
      });
    }
  }
});
