import Database from 'better-sqlite3';
import { copyFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { WalCheckpointer } from '../../server/db/wal-checkpoints.js';

// What the read worker does while the main thread inserts a run's rows (db/wal-checkpoints.ts).
let dir: string;
let file: string;
let writer: Database.Database;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'inlet-wal-'));
  file = path.join(dir, 'db.sqlite');
  writer = new Database(file);
  writer.pragma('journal_mode = WAL');
  // Nothing checkpoints but the checkpointer: what reaches the database file is what it copied.
  writer.pragma('wal_autocheckpoint = 0');
  writer.exec('CREATE TABLE t (a INTEGER, b TEXT)');
});

afterEach(async () => {
  writer.close();
  await rm(dir, { recursive: true, force: true });
});

function insert(from: number, rows: number): void {
  const stmt = writer.prepare('INSERT INTO t VALUES (?, ?)');
  writer.transaction(() => {
    for (let i = from; i < from + rows; i++) stmt.run(i, `row ${i}`);
  })();
}

/** Rows of t in the database file alone, without its write-ahead log (null: the table is not in the file yet). */
function rowsInFile(): number | null {
  const copy = path.join(dir, `copy-${Math.random().toString(36).slice(2)}.sqlite`);
  copyFileSync(file, copy);
  const db = new Database(copy);
  try {
    const table = db.prepare(`SELECT 1 FROM sqlite_master WHERE name = 't'`).get();
    return table ? (db.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n : null;
  } finally {
    db.close();
  }
}

it('copies the committed log into the database file from a connection of its own', () => {
  insert(0, 5000);
  expect(rowsInFile()).toBeNull();
  const checkpointer = WalCheckpointer.open(file)!;
  try {
    checkpointer.checkpoint();
    expect(rowsInFile()).toBe(5000);
  } finally {
    checkpointer.close();
  }
});

it('copies what is committed while the writer holds a transaction open, without waiting or failing', () => {
  insert(0, 1000);
  const checkpointer = WalCheckpointer.open(file)!;
  writer.exec('BEGIN IMMEDIATE');
  writer.prepare('INSERT INTO t VALUES (?, ?)').run(-1, 'not committed');
  expect(() => checkpointer.checkpoint()).not.toThrow();
  expect(rowsInFile()).toBe(1000);
  writer.exec('COMMIT');
  checkpointer.close();
  // Closed: a late call is a no-op.
  expect(() => checkpointer.checkpoint()).not.toThrow();
  expect(writer.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 1001 });
});

it('gives no checkpointer for a database it cannot open, rather than failing the run', () => {
  expect(WalCheckpointer.open(path.join(dir, 'missing.sqlite'))).toBeNull();
});
