/**
 * Liveness and readiness (`/healthz`, `/readyz`) and the start-up refusal of an unwritable data directory, on a real
 * server and database. The tests run as root, where file modes do not stop writes: an unwritable directory or file
 * is made with `chattr +i` (immutable, which stops root too), as a read-only mount or a broken disk would. Where
 * chattr is not permitted those tests are skipped with a message, and the check's messages are still exercised
 * with an injected failure. On PostgreSQL a database stops accepting writes by `default_transaction_read_only` on a
 * throwaway database of its own.
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../server/build.js';
import { loadConfig } from '../server/config.js';
import { assertDataDirWritable, StartupError, type DataDirFs } from '../server/health/data-dir.js';
import { eventually, startInlet, testDatabase, type TestInlet } from './helpers/inlet.js';

const pgUrl = process.env.TEST_DATABASE_URL ?? '';

/** Whether this process may set the immutable attribute here (root with CAP_LINUX_IMMUTABLE on ext4/xfs/btrfs). */
function chattrWorks(): boolean {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'inlet-chattr-'));
  try {
    execFileSync('chattr', ['+i', dir], { stdio: 'ignore' });
    execFileSync('chattr', ['-i', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const immutable = chattrWorks();
if (!immutable) console.warn('\n  SKIPPED: chattr +i is not permitted here, so the unwritable-directory tests cannot run for real\n');

function chattr(flag: '+i' | '-i', ...files: string[]): void {
  execFileSync('chattr', [flag, ...files.filter((f) => existsSync(f))]);
}

async function readyz(inlet: TestInlet) {
  const res = await fetch(`${inlet.url}/readyz`);
  return { status: res.status, type: res.headers.get('content-type'), body: await res.json() };
}

describe('/healthz and /readyz', () => {
  let inlet: TestInlet;
  beforeAll(async () => {
    inlet = await startInlet();
  });
  afterAll(async () => {
    await inlet?.close();
  });

  it('answer 200 without a key once the server has booted (database, migrations, bus, job engine)', async () => {
    const health = await fetch(`${inlet.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true });
    const ready = await readyz(inlet);
    expect(ready).toMatchObject({ status: 200, body: { ok: true } });
    expect(ready.type).toMatch(/^application\/json/);
  });

  it('names a check that fails, with its reason, and recovers when it passes again', async () => {
    let engineUp = false;
    const remove = inlet.server.health.register('jobs-probe', () => engineUp, 'the job engine has not started');
    try {
      expect(await readyz(inlet)).toMatchObject({ status: 503, body: { ok: false, failed: [{ check: 'jobs-probe', reason: 'the job engine has not started' }] } });
      engineUp = true;
      expect((await readyz(inlet)).status).toBe(200);
    } finally {
      remove();
    }
  });

  it('is not ready while a migration is pending', async () => {
    const db = inlet.server.services.db;
    const [row] = await db.query(`SELECT * FROM migrations WHERE name = 'HealthProbe1730000000004'`);
    expect(row).toBeTruthy();
    // As if this build met a database restored from before its last migration.
    await db.query(`DELETE FROM migrations WHERE name = 'HealthProbe1730000000004'`);
    try {
      const ready = await readyz(inlet);
      expect(ready.status).toBe(503);
      expect(ready.body.failed).toEqual([{ check: 'migrations', reason: 'migrations are pending: restart a server to apply them' }]);
    } finally {
      const p = testDatabase === 'postgres' ? ['$1', '$2', '$3'] : ['?', '?', '?'];
      await db.query(`INSERT INTO migrations (id, timestamp, name) VALUES (${p.join(', ')})`, [row.id, row.timestamp, row.name]);
    }
    expect((await readyz(inlet)).status).toBe(200);
  });

  it.skipIf(testDatabase !== 'sqlite' || !immutable)('turns 503 when the SQLite file stops accepting writes, and 200 once it does again', async () => {
    const files = ['inlet.sqlite', 'inlet.sqlite-wal'].map((f) => path.join(inlet.dataDir, f));
    chattr('+i', ...files);
    try {
      const ready = await readyz(inlet);
      expect(ready.status).toBe(503);
      expect(ready.body).toEqual({ ok: false, failed: [{ check: 'database', reason: 'the database does not accept writes' }] });
      // Nothing about the server's files or errors goes to an unauthenticated caller.
      expect(JSON.stringify(ready.body)).not.toContain(inlet.dataDir);
    } finally {
      chattr('-i', ...files);
    }
    expect((await readyz(inlet)).status).toBe(200);
  });
});

describe.skipIf(testDatabase !== 'postgres')('/readyz on a PostgreSQL database that turns read-only', () => {
  const dbName = `inlet_ro_${randomBytes(5).toString('hex')}`;
  let admin: pg.Client;
  let inlet: TestInlet | undefined;
  beforeAll(async () => {
    admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    const url = new URL(pgUrl);
    url.pathname = `/${dbName}`;
    inlet = await startInlet({ DATABASE_URL: url.toString() });
  });
  afterAll(async () => {
    await inlet?.close();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  });

  it('turns 503 naming the database when it stops accepting writes', async () => {
    expect((await readyz(inlet!)).status).toBe(200);
    await admin.query(`ALTER DATABASE ${dbName} SET default_transaction_read_only = on`);
    // The setting reaches new sessions: end the server's pooled ones (not the bus's, which is watched separately).
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND application_name NOT LIKE 'inlet-bus%' AND pid <> pg_backend_pid()`, [dbName]);
    // The pool notices its ended connections asynchronously, with no event to wait for: poll, bounded.
    const ready = await eventually(async () => {
      const r = await readyz(inlet!);
      return r.body.failed?.some((f: { reason: string }) => f.reason === 'the database does not accept writes') ? r : null;
    }, 20_000, 'readyz to report the database read-only');
    expect(ready.status).toBe(503);
    expect(ready.body).toEqual({ ok: false, failed: [{ check: 'database', reason: 'the database does not accept writes' }] });
  });
});

describe.skipIf(!immutable)('an unwritable data directory', () => {
  const dirs: string[] = [];
  const freshDir = () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'inlet-ro-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of dirs) {
      execFileSync('chattr', ['-R', '-i', dir]);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(testDatabase !== 'sqlite')('refuses to start, naming the directory and what to do', async () => {
    const dir = freshDir();
    chattr('+i', dir);
    await expect(startInlet({}, { dataDir: dir, adminKey: `inlet_test_${randomBytes(8).toString('hex')}` })).rejects.toThrow(
      `Inlet cannot write to its data directory ${dir} (DATA_DIR): the operation is not permitted (an immutable directory or file?); the SQLite database lives there. Make it writable by the user running Inlet, or set DATA_DIR to a writable directory.`,
    );
  });

  it.skipIf(testDatabase !== 'sqlite')('refuses to start when the directory is writable but the SQLite file is not', async () => {
    const dir = freshDir();
    const adminKey = `inlet_test_${randomBytes(8).toString('hex')}`;
    const first = await startInlet({}, { dataDir: dir, adminKey });
    await first.close();
    const file = path.join(dir, 'inlet.sqlite');
    chattr('+i', file);
    await expect(startInlet({}, { dataDir: dir, adminKey })).rejects.toThrow(`Inlet cannot write to its SQLite file ${file}`);
  });

  it.skipIf(testDatabase !== 'postgres')('on PostgreSQL, refuses when the master key file cannot be created, and starts with INLET_MASTER_KEY', async () => {
    const dir = freshDir();
    chattr('+i', dir);
    const adminKey = `inlet_test_${randomBytes(8).toString('hex')}`;
    const schema = `t_${randomBytes(6).toString('hex')}`;
    await expect(startInlet({}, { dataDir: dir, adminKey, schema })).rejects.toThrow(/master key file master\.key must be created there .*or set INLET_MASTER_KEY/);
    const inlet = await startInlet({ INLET_MASTER_KEY: randomBytes(32).toString('hex') }, { dataDir: dir, adminKey, schema });
    try {
      expect((await readyz(inlet)).status).toBe(200);
    } finally {
      await inlet.close();
      const admin = new pg.Client({ connectionString: pgUrl });
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    }
  });

  it.skipIf(testDatabase !== 'sqlite')('`npm start`’s entry point prints the reason without a stack and exits 1', async () => {
    const dir = freshDir();
    chattr('+i', dir);
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: { ...process.env, DATA_DIR: dir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdout.on('data', (chunk) => (stdout += chunk));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain(`Inlet cannot start: Inlet cannot write to its data directory ${dir} (DATA_DIR)`);
    expect(stderr + stdout).not.toMatch(/\n\s+at /);
    expect(stdout).not.toContain('Inlet is listening');
  });
});

describe('the data directory check', () => {
  // Stands in for a read-only mount, which this machine cannot make without privileges the tests should not need.
  it('names the path and the fix when the file system refuses', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'inlet-check-'));
    try {
      const config = loadConfig({ DATA_DIR: dir });
      const refusing: DataDirFs = {
        existsSync: () => false,
        openSync: () => {
          throw Object.assign(new Error('EROFS: read-only file system'), { code: 'EROFS' });
        },
        writeSync: () => 0,
        closeSync: () => undefined,
        unlinkSync: () => undefined,
      };
      expect(() => assertDataDirWritable(config, refusing)).toThrow(StartupError);
      expect(() => assertDataDirWritable(config, refusing)).toThrow(`Inlet cannot write to its data directory ${dir} (DATA_DIR): it is on a read-only file system;`);
      // On PostgreSQL with INLET_MASTER_KEY nothing is written to DATA_DIR: no check.
      expect(() => assertDataDirWritable({ ...config, databaseUrl: 'postgres://x/y', masterKey: 'k' }, refusing)).not.toThrow();
      // A writable directory passes and is left as it was.
      writeFileSync(path.join(dir, 'inlet.sqlite'), '');
      expect(() => assertDataDirWritable(config)).not.toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('/readyz and the read worker', () => {
  const dirs: string[] = [];
  let child: ReturnType<typeof spawn> | null = null;
  afterAll(() => {
    child?.kill('SIGKILL');
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  async function freePort(): Promise<number> {
    const server = net.createServer().listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const port = (server.address() as net.AddressInfo).port;
    await new Promise((r) => server.close(r));
    return port;
  }

  it('is 200 with the worker check passing on a booted test server', async () => {
    const inlet = await startInlet();
    try {
      expect((await readyz(inlet)).status).toBe(200);
    } finally {
      await inlet.close();
    }
  });

  it.skipIf(testDatabase !== 'sqlite')('turns 503 naming read-worker when the compiled server’s worker file is missing', async () => {
    // The compiled server `npm start` runs, without dist/server/read-worker.js: as a broken deployment would be.
    mkdirSync('.vitest-tmp', { recursive: true });
    const out = mkdtempSync(path.resolve('.vitest-tmp', 'noworker-'));
    dirs.push(out);
    const main = await buildServer(out);
    unlinkSync(path.join(out, 'read-worker.js'));
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'inlet-noworker-'));
    dirs.push(dataDir);
    const port = await freePort();
    child = spawn(process.execPath, [main], {
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, INLET_API_KEY: `inlet_test_${randomBytes(8).toString('hex')}`, INLET_SCHEDULER: 'false', LOG_LEVEL: 'warn', DATABASE_URL: '' },
      stdio: ['ignore', 'ignore', 'ignore'],
    });
    // The child starts with no event to wait for: poll its liveness, bounded.
    await eventually(async () => (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null))?.ok, 30_000, 'the child server to start');
    const res = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ ok: false, failed: [{ check: 'read-worker', reason: 'the read worker cannot start: imports would read on the main thread (details in the server log)' }] });
    child.kill('SIGKILL');
    await new Promise((r) => child!.once('exit', r));
    child = null;
  });
});
