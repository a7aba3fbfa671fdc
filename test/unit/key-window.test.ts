import { describe, expect, it } from 'vitest';
import type { StoredColumn } from '../../server/imports/import.entity.js';
import type { Column, ColumnBatch } from '../../server/pipeline/parallel-read.js';
import { KeyWindow } from '../../server/storage/key-window.js';
import type { StageKey } from '../../server/storage/data-store.js';

// A keyed stage's window may drop only rows the store would drop anyway: whatever it lets through, the store's
// reduction (last row per key, or the newest by a column with ties to the last row and nulls losing) must give the
// same rows as from every row. Here the store is modelled by that reduction over ordinals; the stores themselves run
// the same rule in test/data-store.test.ts and test/imports.test.ts.

const columns: StoredColumn[] = [
  { name: 'user', column: 'c0', type: 'STRING' },
  { name: 'group', column: 'c1', type: 'INTEGER' },
  { name: 'at', column: 'c2', type: 'TIMESTAMP' },
];

interface Row {
  user: string | null;
  group: number | null;
  at: number | null;
}

/** A deterministic pseudo-random sequence. */
function random(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

function batchOf(rows: Row[], userColumn: (rows: Row[]) => Column = (r) => ({ kind: 'str', values: r.map((x) => x.user) })): ColumnBatch {
  return {
    length: rows.length,
    firstRow: 1,
    rejects: [],
    bytesRead: 0,
    columns: [
      userColumn(rows),
      { kind: 'num', values: Float64Array.from(rows, (r) => r.group ?? 0), nulls: Uint8Array.from(rows, (r) => (r.group === null ? 1 : 0)) },
      { kind: 'date', values: Float64Array.from(rows, (r) => r.at ?? 0), nulls: Uint8Array.from(rows, (r) => (r.at === null ? 1 : 0)) },
    ],
  };
}

/** The rows a store keeps of `ordinals` (rows by ordinal): one per key, as its reduction decides. */
function reduce(all: Row[], ordinals: number[], key: StageKey): number[] {
  const byKey = new Map<string, number>();
  for (const o of ordinals) {
    const row = all[o]!;
    // A null key part is a key of its own (SQLite's unique index and PostgreSQL's DISTINCT ON keep such rows apart).
    const id = key.key.includes('c1') ? JSON.stringify([row.user, row.group]) : JSON.stringify([row.user]);
    const unique = row.user === null || (key.key.includes('c1') && row.group === null) ? `null ${o}` : id;
    const kept = byKey.get(unique);
    if (kept === undefined) byKey.set(unique, o);
    else if (!key.newest) byKey.set(unique, Math.max(kept, o));
    else {
      const [a, b] = [all[kept]!.at, row.at];
      if (a === null || (b !== null && (b > a || (b === a && o > kept)))) byKey.set(unique, o);
    }
  }
  return [...byKey.values()].sort((x, y) => x - y);
}

/** Feeds `batches` through a window of `limit` rows; the ordinals it wrote, in the order written. */
async function through(batches: { rows: Row[]; pick: Int32Array | null; batch: ColumnBatch }[], key: StageKey, limit: number): Promise<number[]> {
  const written: number[] = [];
  const window = new KeyWindow<number[]>(columns, key, async (ordinals, positions) => {
    for (const p of positions ?? ordinals.keys()) written.push(ordinals[p]!);
  }, () => {}, limit);
  for (const { pick, batch } of batches) {
    const first = window.nextOrdinal;
    const count = pick ? pick.length : batch.length;
    await window.add(batch, pick, Array.from({ length: count }, (_, k) => first + k));
  }
  await window.flush();
  return written;
}

/** Batches of random rows over `users` users (some nulls), each with a random choice of its rows; `all` by ordinal. */
function randomBatches(seed: number, users: number, count: number) {
  const next = random(seed);
  const all: Row[] = [];
  const batches = [];
  for (let b = 0; b < count; b++) {
    const rows: Row[] = Array.from({ length: 1 + Math.floor(next() * 40) }, () => ({
      user: next() < 0.03 ? null : `user-with-a-longer-id-${Math.floor(next() * users)}`,
      group: next() < 0.03 ? null : Math.floor(next() * 3) - 1,
      at: next() < 0.1 ? null : Math.floor(next() * 20),
    }));
    const pick = next() < 0.5 ? null : Int32Array.from(rows.keys()).filter(() => next() < 0.7).reverse();
    for (const r of pick ?? rows.keys()) all.push(rows[r]!);
    batches.push({ rows, pick, batch: batchOf(rows) });
  }
  return { all, batches };
}

describe('KeyWindow', () => {
  const keys: [string, StageKey][] = [
    ['the last row per key', { key: ['c0'], newest: null }],
    ['the last row per composite key', { key: ['c0', 'c1'], newest: null }],
    ['the newest row per composite key by a timestamp', { key: ['c0', 'c1'], newest: 'c2' }],
  ];
  for (const [name, key] of keys) {
    for (const limit of [5, 64, 100_000]) {
      it(`keeps ${name} as the store would from every row (window of ${limit} rows)`, async () => {
        for (const seed of [1, 2, 3]) {
          const { all, batches } = randomBatches(seed, 30, 60);
          const written = await through(batches, key, limit);
          // In the order read, each row at most once, and the store's result unchanged.
          expect(written).toEqual([...new Set(written)].sort((x, y) => x - y));
          expect(reduce(all, written, key)).toEqual(reduce(all, all.map((_, o) => o), key));
          if (limit === 100_000) expect(written.length).toBe(reduce(all, all.map((_, o) => o), key).length);
        }
      });
    }
  }

  it('writes every row of a batch whose key values are of a kind it does not merge, after the rows it held', async () => {
    const rows: Row[] = [{ user: 'a', group: 1, at: 1 }, { user: 'a', group: 1, at: 2 }];
    const mixed = (r: Row[]): Column => ({ kind: 'any', values: r.map((x) => x.user) });
    const written = await through(
      [
        { rows, pick: null, batch: batchOf(rows) },
        { rows, pick: null, batch: batchOf(rows, mixed) },
        { rows, pick: null, batch: batchOf(rows) },
      ],
      { key: ['c0'], newest: null },
      100,
    );
    expect(written).toEqual([1, 2, 3, 5]);
  });

  it('stops holding rows after a window in which keys did not repeat', async () => {
    const unique = Array.from({ length: 10 }, (_, b) => Array.from({ length: 10 }, (_, k): Row => ({ user: `u${b * 10 + k}`, group: 0, at: 0 })));
    const repeated: Row[] = Array.from({ length: 10 }, () => ({ user: 'same', group: 0, at: 0 }));
    const written = await through(
      [...unique, repeated].map((rows) => ({ rows, pick: null, batch: batchOf(rows) })),
      { key: ['c0'], newest: null },
      20,
    );
    // The repeated rows come after holding stopped: all ten are written (the store keeps the last).
    expect(written).toEqual(Array.from({ length: 110 }, (_, o) => o));
  });
});
