import { describe, expect, it } from 'vitest';
import { Utf8Builder, type ColumnType, type ColumnVector } from '../../server/connectors/formats/format.js';
import type { ColumnBatch } from '../../server/pipeline/parallel-read.js';
import { KeyedWindow, type WindowRules, type Winners } from '../../server/pipeline/keyed-window.js';
import { binaryCopyRows } from '../../server/storage/pg-copy.js';

/**
 * The keyed window against a plain model of what PostgreSQL's publish keeps (the last row read per key, or the
 * greatest newest value, ties to the last read, null losing): the rows it hands over, reduced as lastPerKey's
 * DISTINCT ON reduces them, are the model's rows, byte for byte as pg-copy encodes them; and when it never
 * overflowed, it handed over exactly one row per key. The same with SQLite's rules (no arena: rows held past the
 * retained bytes are handed over early; the newest column compared as the number SQLite stores).
 */

/** A deterministic pseudo-random sequence. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

// user (text, some non-ASCII), group (text), at (timestamp with ties and nulls), n (integer), score (float, ±0, NaN).
const TYPES: ColumnType[] = ['STRING', 'STRING', 'TIMESTAMP', 'INTEGER', 'FLOAT'];
const COLUMNS = TYPES.map((type, i) => ({ name: `c${i}`, column: `c${i}`, type }));

function batchOf(rows: { user: string; group: string; at: number | null; n: number; score: number }[]): ColumnBatch {
  const n = rows.length;
  const text = (pick: (r: (typeof rows)[number]) => string): ColumnVector => {
    const b = new Utf8Builder(n, n * 8);
    rows.forEach((r, i) => b.setText(i, pick(r), 0, pick(r).length));
    return b.vector(n, null, false);
  };
  const at = new Float64Array(n);
  const atNulls = new Uint8Array(n);
  rows.forEach((r, i) => (r.at === null ? (atNulls[i] = 1) : (at[i] = r.at)));
  return {
    length: n,
    firstRow: 0,
    rejects: [],
    bytesRead: 0,
    columns: [
      text((r) => r.user),
      text((r) => r.group),
      { kind: 'date', values: at, nulls: atNulls },
      { kind: 'num', values: Float64Array.from(rows, (r) => r.n), nulls: null },
      { kind: 'num', values: Float64Array.from(rows, (r) => r.score), nulls: null },
    ],
  };
}

/** COPY tuples as rows of fields (hex; null as null), the read number last. */
function parse(tuples: Uint8Array[]): (string | null)[][] {
  const rows: (string | null)[][] = [];
  for (const body of tuples) {
    const buf = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    let at = 0;
    while (at < buf.length) {
      const fields = buf.readInt16BE(at);
      at += 2;
      const row: (string | null)[] = [];
      for (let f = 0; f < fields; f++) {
        const length = buf.readInt32BE(at);
        at += 4;
        row.push(length < 0 ? null : buf.toString('hex', at, at + length));
        if (length > 0) at += length;
      }
      rows.push(row);
    }
  }
  return rows;
}

const int64 = (hex: string | null) => (hex === null ? null : Buffer.from(hex, 'hex').readBigInt64BE(0));
/** A float field as PostgreSQL's = sees it: -0 is 0, every NaN one value. */
const float8 = (hex: string) => {
  const v = Buffer.from(hex, 'hex').readDoubleBE(0);
  return Number.isNaN(v) ? 'NaN' : String(v === 0 ? 0 : v);
};

/** PostgreSQL's rules, and SQLite's as its store gives them (the newest timestamp as its epoch ms, NaN for null). */
const PG: WindowRules = { arena: true, newestValue: null };
const SQLITE: WindowRules = {
  arena: false,
  newestValue: (col) => {
    if (col?.kind !== 'date') throw new Error('a date column expected');
    return (r) => (col.nulls?.[r] ? NaN : col.values[r]!);
  },
};

/** Overwrites a batch's values (text, numbers, nulls) with others. */
function wipe(batch: ColumnBatch): void {
  for (const col of batch.columns) {
    if (col.kind === 'utf8') col.bytes.fill(0x7a);
    else if (col.kind === 'num' || col.kind === 'date') {
      col.values.fill(123);
      col.nulls?.fill(0);
    }
  }
}

/** What the window handed over as COPY tuples: the arena's as they are, rows of a batch encoded with their read numbers. */
const encode = (winners: Winners) => ('body' in winners ? winners.body : binaryCopyRows(COLUMNS, winners.batch, winners.rows, winners.ordinals));
const count = (winners: Winners) => ('body' in winners ? winners.rows : winners.rows.length);

function run(options: { key: number[]; newest: number | null; limit: number; retainedBytes?: number; seed: number; batches?: number; rules?: WindowRules; unique?: boolean }) {
  const next = random(options.seed);
  const batches: ColumnBatch[] = [];
  for (let b = 0; b < (options.batches ?? 12); b++) {
    const rows = Array.from({ length: 500 }, (_, i) => {
      // With more batches, the users drift: early ones stop coming, so their rows stay where they were. `unique`: a
      // snapshot of one row per user, but for a repeat now and then.
      const u = options.unique ? (next() < 0.02 ? b * 500 : b * 500 + i) : Math.floor(next() * 300) + (options.batches ? 3 * b : 0);
      const zero = next() < 0.05;
      return {
        user: u % 7 === 0 ? `ü${u}` : `u${u}`,
        group: `g${Math.floor(next() * 3)}`,
        at: next() < 0.1 ? null : 1_700_000_000_000 + Math.floor(next() * 20) * 1000,
        n: Math.floor(next() * 1e6),
        score: zero ? (next() < 0.5 ? -0 : 0) : next() < 0.03 ? NaN : Math.floor(next() * 4),
      };
    });
    batches.push(batchOf(rows));
  }
  // The model: every row in read order, each encoded as pg-copy does, with its read number.
  const all: (string | null)[][] = [];
  let ordinal = 0;
  batches.forEach((batch, b) => {
    const rows = b % 2 ? Int32Array.from({ length: 400 }, (_, i) => i + 100) : null;
    for (let k = 0; k < (rows ? rows.length : batch.length); k++) {
      all.push(...parse([binaryCopyRows(COLUMNS, batch, Int32Array.of(rows ? rows[k]! : k), ordinal++)]));
    }
  });
  const rules = options.rules ?? PG;
  const window = new KeyedWindow({ types: TYPES, key: options.key, newest: options.newest, limit: options.limit, retainedBytes: options.retainedBytes, ...rules });
  const out: Uint8Array[] = [];
  let handedRows = 0;
  const take = (winners: Winners) => {
    if (!rules.arena) expect('body' in winners).toBe(false);
    out.push(encode(winners));
    handedRows += count(winners);
  };
  // Every other batch leaves some rows out, as rejected rows are. What the window hands over is encoded at once (as
  // the store inserts it), then the batches it let go are wiped: had it kept a row of one, a later row would be wrong.
  batches.forEach((batch, b) => {
    for (const winners of window.add(batch, b % 2 ? Int32Array.from({ length: 400 }, (_, i) => i + 100) : null)) if (winners) take(winners);
    for (const gone of window.letGo()) wipe(gone);
  });
  for (const winners of window.drain()) take(winners);
  // Keys as PostgreSQL compares them: -0 = 0 and NaN = NaN for floats.
  const keyOf = (row: (string | null)[]) =>
    options.key.map((c) => (TYPES[c] === 'FLOAT' && row[c] !== null ? float8(row[c]!) : row[c])).join('|');
  const better = (a: (string | null)[], b: (string | null)[]) => {
    if (options.newest !== null) {
      const x = int64(a[options.newest]!);
      const y = int64(b[options.newest]!);
      if (x !== y) return y === null || (x !== null && x > y);
    }
    return int64(a[a.length - 1]!)! > int64(b[b.length - 1]!)!;
  };
  const reduce = (rows: (string | null)[][]) => {
    const kept = new Map<string, (string | null)[]>();
    for (const row of rows) {
      const held = kept.get(keyOf(row));
      if (!held || better(row, held)) kept.set(keyOf(row), row);
    }
    return [...kept.values()].map((r) => r.join(',')).sort();
  };
  // As SQLite's keyed stage takes them: each row upserted in the order handed over, a later one replacing the row
  // held unless its cursor is older (ties to the later, a null losing), with no read numbers to go by.
  const upserted = (rows: (string | null)[][]) => {
    const kept = new Map<string, (string | null)[]>();
    for (const row of rows) {
      const held = kept.get(keyOf(row));
      let replace = true;
      if (held && options.newest !== null) {
        const x = int64(row[options.newest]!);
        const y = int64(held[options.newest]!);
        replace = x === null ? y === null : y === null || x >= y;
      }
      if (replace) kept.set(keyOf(row), row);
    }
    return [...kept.values()].map((r) => r.join(',')).sort();
  };
  const handed = parse(out);
  expect(handed.length).toBe(handedRows);
  return { handed, window, expected: reduce(all), reduced: reduce(handed), upserted: upserted(handed), keys: new Set(handed.map(keyOf)).size };
}

describe('KeyedWindow', () => {
  const cases = [
    { name: 'last row read per user', key: [0], newest: null },
    { name: 'newest cursor per membership, ties to the last read, null losing', key: [0, 1], newest: 2 },
    { name: 'a float key: -0 and 0 one key, every NaN one key', key: [4], newest: null },
  ];
  for (const c of cases) {
    it(`${c.name}: one row per key when every key fits`, () => {
      const { handed, window, expected, reduced, keys } = run({ ...c, limit: 1 << 18, seed: 7 });
      expect(window.overflows).toBe(0);
      expect(handed.length).toBe(keys);
      expect(handed.map((r) => r.join(',')).sort()).toEqual(expected);
      expect(reduced).toEqual(expected);
    });
    it(`${c.name}: the same rows after reduction when the window overflows and its batches are encoded early`, () => {
      for (const retainedBytes of [undefined, 0, 20_000]) {
        const { window, expected, reduced } = run({ ...c, limit: 50, retainedBytes, seed: 11 });
        if (c.key[0] !== 4) expect(window.overflows).toBeGreaterThan(0);
        expect(reduced).toEqual(expected);
      }
      // Every key fits, but every batch's rows are encoded into the arena at once: rows replaced there, and (past its
      // first MB) arenas compacted.
      const { handed, window, expected } = run({ ...c, limit: 1 << 18, retainedBytes: 0, seed: 13, batches: 200 });
      expect(window.overflows).toBe(0);
      expect(handed.map((r) => r.join(',')).sort()).toEqual(expected);
    });
  }

  describe("with SQLite's rules", () => {
    for (const c of cases.slice(0, 2)) {
      it(`${c.name}: one row per key when every key fits`, () => {
        const { handed, window, expected, reduced, keys } = run({ ...c, limit: 1 << 18, seed: 7, rules: SQLITE });
        expect(window.overflows).toBe(0);
        expect(handed.length).toBe(keys);
        expect(handed.map((r) => r.join(',')).sort()).toEqual(expected);
        expect(reduced).toEqual(expected);
      });
      it(`${c.name}: the same rows after reduction when the window overflows or holds too many batches`, () => {
        for (const limit of [50, 1 << 18]) {
          for (const retainedBytes of [undefined, 0, 20_000]) {
            const { window, expected, reduced, upserted } = run({ ...c, limit, retainedBytes, seed: 11, rules: SQLITE });
            if (limit === 50 || retainedBytes !== undefined) expect(window.overflows).toBeGreaterThan(0);
            else expect(window.overflows).toBe(0);
            expect(reduced).toEqual(expected);
            expect(upserted).toEqual(expected);
          }
        }
      });
      it(`${c.name}: almost every key new (a snapshot): after its first hand-over the window passes rows straight through, in read order`, () => {
        for (const [limit, retainedBytes] of [[300, undefined], [1 << 18, 20_000]] as const) {
          const { window, expected, reduced, upserted } = run({ ...c, limit, retainedBytes, seed: 17, rules: SQLITE, unique: true });
          expect(window.passing).toBe(true);
          expect(reduced).toEqual(expected);
          expect(upserted).toEqual(expected);
        }
      });
    }
  });
});
