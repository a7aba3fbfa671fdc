import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { parse as parseCsvSync } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SourceError } from '../../server/connectors/errors.js';
import { csvFormat } from '../../server/connectors/formats/csv.js';
import { CsvParser, CsvSyntaxError } from '../../server/connectors/formats/csv-parser.js';
import { utf8Values, type ColumnType, type FileFormat, type ReadOptions, type RecordBatch } from '../../server/connectors/formats/format.js';
import { formatFor, formatOfKey } from '../../server/connectors/formats/index.js';
import { parquetFormat } from '../../server/connectors/formats/parquet.js';
import { canRead, inferType, INVALID, parseValue } from '../../server/connectors/formats/values.js';
import { listTableFiles } from '../../server/connectors/files/layout.js';
import { duck, sqlString, type Duck } from '../helpers/duckdb.js';
import { LocalStore } from '../helpers/local-store.js';

let dir: string;
let db: Duck;
let store: LocalStore;

const ROWS = 20_000;
/** Every type the formats map, with strings that need quoting and values past 2^53. */
const TYPED_SELECT = `SELECT
  i::INTEGER AS i,
  (9007199254740993 + i)::BIGINT AS big,
  (i * 0.5 + 0.25)::DOUBLE AS d,
  CASE i % 6 WHEN 0 THEN 'comma, here ' || i WHEN 1 THEN 'quote "q" ' || i WHEN 2 THEN 'line' || chr(10) || 'break ' || i
    WHEN 3 THEN 'crlf' || chr(13) || chr(10) || 'inside' WHEN 4 THEN 'ünïcødé ' || i ELSE 'plain ' || i END AS s,
  i % 2 = 0 AS b,
  DATE '2020-01-01' + (i % 1000)::INTEGER AS dt,
  TIMESTAMP '2021-03-04 05:06:07.123' + to_seconds(i * 37) AS ts,
  CASE WHEN i % 5 = 0 THEN NULL ELSE i END AS maybe
FROM range(${ROWS}) t(i)`;

const file = (name: string) => path.join(dir, name);
const q = (name: string) => sqlString(file(name));

async function copy(select: string, name: string, options: string): Promise<void> {
  await db.run(`COPY (${select}) TO ${q(name)} (${options})`);
}

function options(columns: string[], types: Record<string, ColumnType> = {}, extra: Partial<ReadOptions> = {}): ReadOptions {
  return { columns, types, batchSize: 1000, maxDecompressedBytes: 1024 ** 3, ...extra };
}

async function readAll(format: FileFormat, key: string, opts: ReadOptions, target: LocalStore = store): Promise<RecordBatch[]> {
  const batches: RecordBatch[] = [];
  for await (const batch of format.read(target, await target.object(key), opts)) {
    // Text handed over as bytes reads the same a batch at a time (the import's path) as cell by cell.
    batch.columns?.vectors.forEach((v, c) => {
      if (v.kind === 'utf8') expect(utf8Values(v)).toEqual(batch.rows.map((row) => row[c]));
    });
    batches.push(batch);
  }
  return batches;
}

async function failure(promise: Promise<unknown>): Promise<SourceError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(SourceError);
    return error as SourceError;
  }
  throw new Error('expected a SourceError');
}

async function drain(format: FileFormat, key: string, opts: ReadOptions): Promise<void> {
  await readAll(format, key, opts);
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'inlet-formats-'));
  db = await duck();
  store = new LocalStore(dir);
  await copy(TYPED_SELECT, 'typed.csv', 'FORMAT csv, HEADER');
  await copy(TYPED_SELECT, 'typed.csv.gz', 'FORMAT csv, HEADER, COMPRESSION gzip');
  const parquetSelect = `SELECT *, (i * 1.000000001 - 7)::DECIMAL(38,9) AS dec,
      CASE WHEN i % 10 = 0 THEN NULL ELSE {'a': i::INTEGER, 'b': 'x' || i} END AS st,
      [i::INTEGER, i::INTEGER + 1] AS l,
      MAP {'k': i::INTEGER} AS m
    FROM (${TYPED_SELECT})`;
  for (const codec of ['zstd', 'snappy', 'gzip', 'uncompressed']) {
    await copy(parquetSelect, `typed-${codec}.parquet`, `FORMAT parquet, COMPRESSION ${codec}, ROW_GROUP_SIZE 3000`);
  }
});

afterAll(async () => {
  db?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('values', () => {
  it('infers the narrowest type every sample reads as', () => {
    expect(inferType(['1', '-2', '+3', ''])).toBe('INTEGER');
    expect(inferType(['0', '1', '1', '0'])).toBe('INTEGER');
    expect(inferType(['1', '2.5', '1e3'])).toBe('FLOAT');
    expect(inferType(['1.5', 'NaN', '-inf'])).toBe('FLOAT');
    expect(inferType(['NaN'])).toBe('STRING');
    expect(inferType(['007', '123'])).toBe('STRING');
    expect(inferType(['0.5', '0'])).toBe('FLOAT');
    expect(inferType(['true', 'FALSE', ''])).toBe('BOOLEAN');
    expect(inferType(['t', 'f'])).toBe('STRING');
    expect(inferType(['2024-02-29', '2023-12-31'])).toBe('DATE');
    expect(inferType(['2023-02-29'])).toBe('STRING');
    expect(inferType(['2024-01-01', '2024-01-01 10:00:00'])).toBe('TIMESTAMP');
    expect(inferType(['2024-01-01T10:00:00.123Z', '2024-01-01 10:00:00+02:00'])).toBe('TIMESTAMP');
    expect(inferType(['', ''])).toBe('STRING');
    expect(inferType([])).toBe('STRING');
    expect(inferType(['99999999999999999999'])).toBe('STRING'); // past int64: no exact numeric home
    expect(inferType(['1', 'x'])).toBe('STRING');
  });

  it('reads timestamps to the same instant as the ISO parser, from year 0 to 9999, with zones', () => {
    for (let days = -719528; days < 2932897; days += 997) {
      const ms = days * 86_400_000 + Math.abs((days * 7919) % 86_400_000);
      const iso = new Date(ms).toISOString(); // 0000-01-01T… to 9999-12-31T…
      expect((parseValue('TIMESTAMP', iso.replace('T', ' ').replace('Z', '')) as Date).getTime()).toBe(ms);
      expect((parseValue('TIMESTAMP', `${iso.slice(0, 19)}+05:30`) as Date).getTime()).toBe(Math.floor(ms / 1000) * 1000 - 330 * 60_000);
    }
    expect((parseValue('TIMESTAMP', '2024-02-29 23:59:59.999-00:01') as Date).toISOString()).toBe('2024-03-01T00:00:59.999Z');
    expect(parseValue('TIMESTAMP', '2023-02-29 00:00:00')).toBe(INVALID);
  });

  it('reads the plain `YYYY-MM-DD HH:MM:SS` form (its own fast path) as the ISO parser does, and refuses what the general parser refuses', () => {
    // Years alternate, so a cached year is never wrongly reused (a leap year beside a common one).
    for (let days = -719528; days < 2932897; days += 991) {
      for (const d of [days, 2213368 - days]) {
        const ms = d * 86_400_000 + Math.abs((d * 7919) % 86_400) * 1000;
        const iso = new Date(ms).toISOString().slice(0, 19); // seconds only: 19 characters
        for (const sep of [' ', 'T', 't']) expect((parseValue('TIMESTAMP', iso.replace('T', sep)) as Date).getTime()).toBe(ms);
      }
    }
    expect((parseValue('TIMESTAMP', '1969-12-31 23:59:59') as Date).getTime()).toBe(-1000);
    expect((parseValue('TIMESTAMP', '2024-02-29 12:00:00') as Date).toISOString()).toBe('2024-02-29T12:00:00.000Z');
    expect((parseValue('TIMESTAMP', '2023-03-01 00:00:00') as Date).toISOString()).toBe('2023-03-01T00:00:00.000Z');
    for (const bad of ['2023-02-29 00:00:00', '2100-02-29 00:00:00', '2024-04-31 00:00:00', '2024-00-10 00:00:00', '2024-13-10 00:00:00',
      '2024-01-00 00:00:00', '2024-01-01 24:00:00', '2024-01-01 00:60:00', '2024-01-01 00:00:60', '2024-01-01_00:00:00',
      '2024/01/01 00:00:00', '2024-01-01 00-00-00', '2024-01-01 0a:00:00', '+024-01-01 00:00:00', '2024-01-01 00:00:0Z']) {
      expect(parseValue('TIMESTAMP', bad)).toBe(INVALID);
    }
    expect((parseValue('TIMESTAMP', '2000-02-29 01:02:03') as Date).toISOString()).toBe('2000-02-29T01:02:03.000Z');
  });

  it('reads floats of 16 to 19 digits (the shortest form of most doubles) to the double Number() reads, ties included', () => {
    const texts = ['0.14285714285714285', '1234.5714285714287', '0.30000000000000004', '2.2250738585072014', '-14285.285714285714',
      '9007199254740993', '9007199254740995', '18446744073709551615', '9999999999999999999', '4503599627370496.5', '4503599627370497.5',
      '0.0000000000000000001', '1.000000000000000000', '-0.0000000000000000', '123456789012345678.9'];
    // Shortest forms of doubles over many magnitudes (a seeded sequence, so a failure repeats).
    let seed = 12345;
    const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let i = 0; i < 20000; i++) {
      const x = next() * 10 ** Math.floor(next() * 24 - 6);
      texts.push(x >= 1e21 || x < 1e-6 ? x.toFixed(12) : String(x), String(Math.floor(next() * 2 ** 20) / 7));
    }
    for (const text of texts) expect(Object.is(parseValue('FLOAT', text), Number(text)), text).toBe(true);
  });

  it('parses values exactly', () => {
    expect(parseValue('INTEGER', '9007199254740993')).toBe(9007199254740993n);
    expect(parseValue('INTEGER', '-9223372036854775808')).toBe(-9223372036854775808n);
    expect(parseValue('INTEGER', '9223372036854775808')).toBe(INVALID);
    expect(parseValue('INTEGER', '9007199254740991')).toBe(9007199254740991);
    expect(parseValue('INTEGER', '-0')).toBe(0);
    expect(parseValue('INTEGER', '1.5')).toBe(INVALID);
    expect(parseValue('INTEGER', ' 1')).toBe(INVALID);
    expect(parseValue('INTEGER', '')).toBe(null);
    expect(parseValue('FLOAT', '0.1')).toBe(0.1);
    expect(parseValue('FLOAT', '-123.456')).toBe(-123.456);
    expect(parseValue('FLOAT', '1e-7')).toBe(1e-7);
    expect(parseValue('FLOAT', '.5')).toBe(0.5);
    expect(parseValue('FLOAT', '12345678901234567890.5')).toBe(12345678901234567890.5);
    expect(parseValue('FLOAT', 'inf')).toBe(Infinity);
    expect(parseValue('FLOAT', '1e')).toBe(INVALID);
    expect(parseValue('FLOAT', '0x10')).toBe(INVALID);
    for (const [text, value] of [['true', true], ['F', false], ['yes', true], ['No', false], ['1', true], ['0', false]] as const) {
      expect(parseValue('BOOLEAN', text)).toBe(value);
    }
    expect(parseValue('BOOLEAN', 'maybe')).toBe(INVALID);
    expect(parseValue('DATE', '2024-02-29')).toBe('2024-02-29');
    expect(parseValue('DATE', '2024-13-01')).toBe(INVALID);
    expect(parseValue('DATE', '2024-1-01')).toBe(INVALID);
    expect((parseValue('TIMESTAMP', '2024-01-02 03:04:05.678') as Date).toISOString()).toBe('2024-01-02T03:04:05.678Z');
    expect((parseValue('TIMESTAMP', '2024-01-02T03:04:05.123456+01:30') as Date).toISOString()).toBe('2024-01-02T01:34:05.123Z');
    expect((parseValue('TIMESTAMP', '2024-01-02 03:04:05-05') as Date).toISOString()).toBe('2024-01-02T08:04:05.000Z');
    expect((parseValue('TIMESTAMP', '0050-01-01') as Date).toISOString()).toBe('0050-01-01T00:00:00.000Z');
    expect(parseValue('TIMESTAMP', '2024-01-02 25:00:00')).toBe(INVALID);
    expect(parseValue('STRING', 'as is ')).toBe('as is ');
    expect(canRead('INTEGER', '1.5')).toBe(false);
    expect(canRead('FLOAT', '1.5')).toBe(true);
    expect(canRead('INTEGER', '')).toBe(true);
  });
});

describe('csv parser', () => {
  it('matches csv-parse on random RFC 4180 text cut at random chunk boundaries', () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pieces = ['a', 'bc', ',', '"', '""', '\n', '\r\n', ' ', 'é', '😀', 'x,y'];
    for (let round = 0; round < 200; round++) {
      const records: string[][] = [];
      const width = 1 + Math.floor(random() * 4);
      for (let r = 0; r < 1 + random() * 20; r++) {
        const fields: string[] = [];
        for (let f = 0; f < width; f++) {
          let value = '';
          for (let k = 0; k < random() * 4; k++) value += pieces[Math.floor(random() * pieces.length)];
          fields.push(value);
        }
        if (fields.length === 1 && fields[0] === '') fields[0] = 'z';
        records.push(fields);
      }
      const eol = random() < 0.5 ? '\n' : '\r\n';
      const text =
        records.map((fields) => fields.map((v) => (/[",\r\n]/.test(v) || random() < 0.2 ? `"${v.replaceAll('"', '""')}"` : v)).join(',')).join(eol) +
        (random() < 0.5 ? eol : '');
      const expected = parseCsvSync(text, { relax_column_count: true }) as string[][];
      const parser = new CsvParser();
      const got: string[][] = [];
      let at = 0;
      while (at < text.length) {
        const size = 1 + Math.floor(random() * 12);
        parser.push(text.slice(at, at + size), got);
        at += size;
      }
      parser.end(got);
      expect(got).toEqual(expected);
    }
  });

  it('reports an unclosed quote with the record and line where it opened', () => {
    const parser = new CsvParser();
    const out: string[][] = [];
    parser.push('a,b\n1,"two\nlines"\n3,"open\nstill open\n', out);
    let caught: unknown;
    try {
      parser.end(out);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CsvSyntaxError);
    expect((caught as CsvSyntaxError).record).toBe(3);
    expect((caught as CsvSyntaxError).line).toBe(4);
    expect(out).toEqual([['a', 'b'], ['1', 'two\nlines']]);
  });
});

describe('format lookup', () => {
  it('matches keys by extension, case-insensitively', () => {
    expect(formatOfKey('a/b.CSV')?.id).toBe('CSV');
    expect(formatOfKey('a/b.csv.gz')?.id).toBe('CSV');
    expect(formatOfKey('a/b.GZ')?.id).toBe('CSV');
    expect(formatOfKey('a/b.Parquet')?.id).toBe('PARQUET');
    expect(formatOfKey('a/b.json')).toBeUndefined();
    expect(formatFor('CSV')).toBe(csvFormat);
    expect(formatFor('PARQUET')).toBe(parquetFormat);
  });
});

describe('CSV', () => {
  const expectedColumns = [
    { name: 'i', type: 'INTEGER', nullable: false },
    { name: 'big', type: 'INTEGER', nullable: false },
    { name: 'd', type: 'FLOAT', nullable: false },
    { name: 's', type: 'STRING', nullable: false },
    { name: 'b', type: 'BOOLEAN', nullable: false },
    { name: 'dt', type: 'DATE', nullable: false },
    { name: 'ts', type: 'TIMESTAMP', nullable: false },
    { name: 'maybe', type: 'INTEGER', nullable: true },
  ];

  for (const key of ['typed.csv', 'typed.csv.gz']) {
    it(`infers DuckDB's types for ${key} from one ranged request of at most 64 KiB`, async () => {
      store.resetStats();
      const schema = await csvFormat.inferSchema(store, await store.object(key));
      expect(schema.columns).toEqual(expectedColumns);
      expect(schema.warnings).toEqual([]);
      expect(store.stats.requests).toBe(1);
      expect(store.stats.bytesRead).toBeLessThanOrEqual(64 * 1024);
      expect(store.ranges).toEqual([[key, 0, 64 * 1024 - 1]]);
    });

    it(`reads ${key} with the same counts and sums as DuckDB`, async () => {
      const schema = await csvFormat.inferSchema(store, await store.object(key));
      const types = Object.fromEntries(schema.columns.map((c) => [c.name, c.type]));
      const columns = ['maybe', 'i', 'big', 'd', 's', 'b', 'dt', 'ts', 'not_in_file'];
      const batches = await readAll(csvFormat, key, options(columns, types, { batchSize: 777 }));
      const rows = batches.flatMap((b) => b.rows);
      expect(batches.every((b) => b.rows.length <= 777 && b.rejects.length === 0)).toBe(true);
      let expectFirst = 1;
      for (const batch of batches) {
        expect(batch.firstRow).toBe(expectFirst);
        expectFirst += batch.rows.length;
      }
      expect(batches.at(-1)!.bytesRead).toBe((await store.object(key)).size);

      const [truth] = await db.json<Record<string, string | number>>(`SELECT count(*) AS n, sum(i) AS si, sum(big)::VARCHAR AS sbig,
        sum(d) AS sd, sum(maybe) AS smaybe, count(maybe) AS nmaybe, sum(b::INTEGER) AS sb, min(dt)::VARCHAR AS mindt, max(dt)::VARCHAR AS maxdt,
        sum(epoch_ms(ts))::VARCHAR AS sts, md5(string_agg(s, '|' ORDER BY i)) AS hs FROM read_csv(${q(key)}, header = true)`);
      expect(rows.length).toBe(Number(truth.n));
      const col = (name: string) => rows.map((r) => r[columns.indexOf(name)]);
      expect(col('i').reduce((a: number, v) => a + (v as number), 0)).toBe(Number(truth.si));
      expect(col('big').every((v) => typeof v === 'bigint')).toBe(true);
      expect(col('big').reduce((a: bigint, v) => a + (v as bigint), 0n).toString()).toBe(truth.sbig);
      expect(col('d').reduce((a: number, v) => a + (v as number), 0)).toBeCloseTo(Number(truth.sd), 6);
      expect(col('maybe').filter((v) => v !== null).length).toBe(Number(truth.nmaybe));
      expect(col('maybe').reduce((a: number, v) => a + ((v as number | null) ?? 0), 0)).toBe(Number(truth.smaybe));
      expect(col('b').filter((v) => v === true).length).toBe(Number(truth.sb));
      expect(col('dt').sort()[0]).toBe(truth.mindt);
      expect(col('dt').sort().at(-1)).toBe(truth.maxdt);
      expect(col('ts').reduce((a: bigint, v) => a + BigInt((v as Date).getTime()), 0n).toString()).toBe(truth.sts);
      const byI = [...rows].sort((x, y) => (x[1] as number) - (y[1] as number));
      expect(createHash('md5').update(byI.map((r) => r[4]).join('|')).digest('hex')).toBe(truth.hs);
      expect(col('not_in_file').every((v) => v === null)).toBe(true);
    });
  }

  it('reads a file with a BOM and CRLF line ends', async () => {
    await writeFile(file('bom.csv'), '\uFEFFid,name\r\n1,"a\r\nb"\r\n2,c\r\n');
    const schema = await csvFormat.inferSchema(store, await store.object('bom.csv'));
    expect(schema.columns.map((c) => [c.name, c.type])).toEqual([['id', 'INTEGER'], ['name', 'STRING']]);
    const rows = (await readAll(csvFormat, 'bom.csv', options(['id', 'name'], { id: 'INTEGER', name: 'STRING' }))).flatMap((b) => b.rows);
    expect(rows).toEqual([[1, 'a\r\nb'], [2, 'c']]);
  });

  it('treats __proto__ and constructor as ordinary column names', async () => {
    await writeFile(file('proto.csv'), '__proto__,constructor,toString\n1,x,2\n');
    const schema = await csvFormat.inferSchema(store, await store.object('proto.csv'));
    expect(schema.columns.map((c) => [c.name, c.type])).toEqual([['__proto__', 'INTEGER'], ['constructor', 'STRING'], ['toString', 'INTEGER']]);
    const types = JSON.parse('{"__proto__":"INTEGER","constructor":"STRING","toString":"INTEGER"}') as Record<string, ColumnType>;
    const rows = (await readAll(csvFormat, 'proto.csv', options(['__proto__', 'constructor', 'toString'], types))).flatMap((b) => b.rows);
    expect(rows).toEqual([[1, 'x', 2]]);
    // Without a type, a column reads as text, whatever Object.prototype holds.
    const untyped = (await readAll(csvFormat, 'proto.csv', options(['constructor', 'toString']))).flatMap((b) => b.rows);
    expect(untyped).toEqual([['x', '2']]);
  });

  it('reads NULLs of a one-column file written by DuckDB (empty lines)', async () => {
    await copy(`SELECT CASE WHEN i % 3 = 0 THEN NULL ELSE i END AS v FROM range(9) t(i)`, 'one.csv', 'FORMAT csv, HEADER');
    const rows = (await readAll(csvFormat, 'one.csv', options(['v'], { v: 'INTEGER' }))).flatMap((b) => b.rows);
    expect(rows).toEqual([[null], [1], [2], [null], [4], [5], [null], [7], [8]]);
    const schema = await csvFormat.inferSchema(store, await store.object('one.csv'));
    expect(schema.columns).toEqual([{ name: 'v', type: 'INTEGER', nullable: true }]);
  });

  it('reads small and multi-member gzip files', async () => {
    await writeFile(file('small.csv.gz'), Buffer.concat([zlib.gzipSync('a,b\n1,x\n'), zlib.gzipSync('2,"y\nz"\n')]));
    store.resetStats();
    const schema = await csvFormat.inferSchema(store, await store.object('small.csv.gz'));
    expect(schema.columns).toEqual([
      { name: 'a', type: 'INTEGER', nullable: false },
      { name: 'b', type: 'STRING', nullable: false },
    ]);
    expect(store.stats.requests).toBe(1);
    const rows = (await readAll(csvFormat, 'small.csv.gz', options(['a', 'b'], { a: 'INTEGER' }))).flatMap((b) => b.rows);
    expect(rows).toEqual([[1, 'x'], [2, 'y\nz']]);
  });

  it('reads text columns of any width in bulk exactly as cell by cell', async () => {
    // Values from empty to 100 KB, nulls and non-ASCII among them: the bulk decode works in 64 KiB pieces.
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const lines = ['k,t'];
    for (let i = 0; i < 3000; i++) {
      const size = random() < 0.01 ? 100_000 : Math.floor(random() * 200);
      const text = random() < 0.1 ? '' : random() < 0.05 ? `é${'z'.repeat(size)}😀` : 'a'.repeat(size) + i;
      lines.push(`${i},${text}`);
    }
    await writeFile(file('widths.csv'), lines.join('\n') + '\n');
    // readAll compares each batch's bulk decode with its cells; here the cells are checked against the file.
    const rows = (await readAll(csvFormat, 'widths.csv', options(['k', 't'], { k: 'INTEGER' }, { batchSize: 2000 }))).flatMap((b) => b.rows);
    expect(rows.map((r) => r[1])).toEqual(lines.slice(1).map((line) => line.slice(line.indexOf(',') + 1) || null));
  });

  it('reads a quoted field far larger than a stream chunk', async () => {
    const huge = `${'x'.repeat(3_000_000)}""${'y,\n'.repeat(1000)}`;
    await writeFile(file('huge-field.csv'), `a,b\n1,"${huge}"\n2,z\n`);
    const rows = (await readAll(csvFormat, 'huge-field.csv', options(['a', 'b'], { a: 'INTEGER' }))).flatMap((b) => b.rows);
    expect(rows).toEqual([[1, huge.replace('""', '"')], [2, 'z']]);
  });

  it('warns when the sample has a header but no rows', async () => {
    await writeFile(file('header-only.csv'), 'a,b\n');
    const schema = await csvFormat.inferSchema(store, await store.object('header-only.csv'));
    expect(schema.columns).toEqual([
      { name: 'a', type: 'STRING', nullable: true },
      { name: 'b', type: 'STRING', nullable: true },
    ]);
    expect(schema.warnings[0]).toContain('has a header but no data rows');
  });

  it('returns no columns and a warning for an empty file', async () => {
    await writeFile(file('empty.csv'), '');
    const schema = await csvFormat.inferSchema(store, await store.object('empty.csv'));
    expect(schema.columns).toEqual([]);
    expect(schema.warnings[0]).toContain('empty.csv is empty');
    expect(await readAll(csvFormat, 'empty.csv', options(['a']))).toEqual([]);
  });

  it('rejects a file without a header row, naming the file', async () => {
    await writeFile(file('noheader.csv'), '\n1,2\n');
    const error = await failure(csvFormat.inferSchema(store, await store.object('noheader.csv')));
    expect(error.kind).toBe('user');
    expect(error.message).toContain(`file://${dir}/noheader.csv`);
    expect(error.message).toContain('no header row');
    const readError = await failure(drain(csvFormat, 'noheader.csv', options(['a'])));
    expect(readError.message).toContain('no header row');
  });

  it('rejects duplicate and empty header names, naming the column', async () => {
    await writeFile(file('dup.csv'), 'id,name,id\n1,a,2\n');
    const dup = await failure(csvFormat.inferSchema(store, await store.object('dup.csv')));
    expect(dup.kind).toBe('user');
    expect(dup.message).toContain('dup.csv');
    expect(dup.message).toContain('"id"');
    await writeFile(file('blank.csv'), 'id,,x\n1,2,3\n');
    const blank = await failure(csvFormat.inferSchema(store, await store.object('blank.csv')));
    expect(blank.message).toContain('blank.csv');
    expect(blank.message).toContain('column 2');
  });

  it('rejects rows with the wrong number of fields and unreadable values, importing the rest', async () => {
    await writeFile(file('bad-rows.csv'), 'id,name,score\n1,a,10\n2,b\n3,c,x1\n4,"d, e",40\n5,e,50,extra\n6,f,60\n');
    const batches = await readAll(csvFormat, 'bad-rows.csv', options(['id', 'name', 'score'], { id: 'INTEGER', name: 'STRING', score: 'INTEGER' }));
    expect(batches.flatMap((b) => b.rows)).toEqual([[1, 'a', 10], [4, 'd, e', 40], [6, 'f', 60]]);
    expect(batches.flatMap((b) => b.rejects)).toEqual([
      { row: 2, reason: 'expected 3 fields, found 2' },
      { row: 3, reason: 'column "score": "x1" is not a valid INTEGER' },
      { row: 5, reason: 'expected 3 fields, found 4' },
    ]);
  });

  it('leaves nothing of a row rejected halfway and keeps integers past 2^53 exact among small ones', async () => {
    // Row 2 fails on its third column after two were typed; row 3 has nulls where row 2 had values. Row 4's integer
    // needs a bigint, after rows whose integers were plain numbers.
    const text = 'n,t,b,s,d\n1,2024-01-02 03:04:05,true,a,2024-01-01\n2,2024-01-02 03:04:06,maybe,b,2024-01-02\n,,,,\n9007199254740993,2024-01-02T03:04:07.5Z,false,"d, e",2024-01-04\n';
    await writeFile(file('halfway.csv'), text);
    const types: Record<string, ColumnType> = { n: 'INTEGER', t: 'TIMESTAMP', b: 'BOOLEAN', s: 'STRING', d: 'DATE' };
    const batches = await readAll(csvFormat, 'halfway.csv', options(['n', 't', 'b', 's', 'd', 'absent'], types));
    expect(batches.flatMap((b) => b.rows)).toEqual([
      [1, new Date('2024-01-02T03:04:05Z'), true, 'a', '2024-01-01', null],
      [null, null, null, null, null, null],
      [9007199254740993n, new Date('2024-01-02T03:04:07.500Z'), false, 'd, e', '2024-01-04', null],
    ]);
    expect(batches.flatMap((b) => b.rejects)).toEqual([{ row: 2, reason: 'column "b": "maybe" is not a valid BOOLEAN' }]);
    // Read as columns: typed arrays and text bytes where the values allow, plain values for the column holding a bigint.
    expect(batches[0]!.columns!.vectors.map((v) => v.kind)).toEqual(['any', 'date', 'bool', 'utf8', 'utf8', 'null']);
  });

  it('truncates long values in reject reasons', async () => {
    await writeFile(file('long.csv'), `n\n${'9'.repeat(30)}x${'9'.repeat(100)}\n`);
    const [batch] = await readAll(csvFormat, 'long.csv', options(['n'], { n: 'INTEGER' }));
    expect(batch.rejects[0].reason.length).toBeLessThan(100);
    expect(batch.rejects[0].reason).toContain('…');
  });

  it('fails clearly on an unterminated quote, naming the file and the row', async () => {
    await writeFile(file('open-quote.csv'), 'id,name\n1,a\n2,"never closed\n3,c\n');
    const error = await failure(drain(csvFormat, 'open-quote.csv', options(['id', 'name'], { id: 'INTEGER' })));
    expect(error.kind).toBe('user');
    expect(error.message).toContain('open-quote.csv');
    expect(error.message).toContain('row 2');
    expect(error.message).toContain('never closed');
    const inferError = await failure(csvFormat.inferSchema(store, await store.object('open-quote.csv')));
    expect(inferError.message).toContain('row 2');
  });

  it('stops a gzip bomb at the decompressed-size limit (inference still reads only 64 KiB)', async () => {
    await copy(`SELECT repeat('a', 200) AS a, i AS b FROM range(200000) t(i)`, 'bomb.csv.gz', 'FORMAT csv, HEADER, COMPRESSION gzip');
    store.resetStats();
    const schema = await csvFormat.inferSchema(store, await store.object('bomb.csv.gz'));
    expect(schema.columns.map((c) => c.type)).toEqual(['STRING', 'INTEGER']);
    expect(store.stats.bytesRead).toBeLessThanOrEqual(64 * 1024);
    const error = await failure(drain(csvFormat, 'bomb.csv.gz', options(['a', 'b'], {}, { maxDecompressedBytes: 1024 * 1024 })));
    expect(error.kind).toBe('user');
    expect(error.message).toContain('bomb.csv.gz');
    expect(error.message).toContain('expands past the 1048576-byte limit');
  });

  it('reports a corrupt gzip stream naming the file', async () => {
    const good = await readFile(file('typed.csv.gz'));
    const corrupt = Buffer.from(good.subarray(0, 200_000));
    for (let k = 5000; k < 200_000; k += 7) corrupt[k] ^= 0x5a;
    await writeFile(file('corrupt.csv.gz'), corrupt);
    const error = await failure(drain(csvFormat, 'corrupt.csv.gz', options(['i'])));
    expect(error.kind).toBe('user');
    expect(error.message).toContain('corrupt.csv.gz');
    await writeFile(file('notgzip.gz'), 'id\n1\n');
    const inferError = await failure(csvFormat.inferSchema(store, await store.object('notgzip.gz')));
    expect(inferError.message).toContain('notgzip.gz');
    await writeFile(file('truncated.csv.gz'), good.subarray(0, good.length >> 1));
    const truncatedError = await failure(drain(csvFormat, 'truncated.csv.gz', options(['i'])));
    expect(truncatedError.message).toContain('truncated.csv.gz');
  });

  it('destroys the object stream when the consumer stops early', async () => {
    const streams: Readable[] = [];
    const spy = new (class extends LocalStore {
      override async readStream(key: string): Promise<Readable> {
        const stream = await super.readStream(key);
        streams.push(stream);
        return stream;
      }
    })(dir);
    for (const key of ['typed.csv', 'typed.csv.gz']) {
      for await (const batch of csvFormat.read(spy, await spy.object(key), options(['i'], { i: 'INTEGER' }, { batchSize: 10 }))) {
        expect(batch.rows.length).toBe(10);
        break;
      }
    }
    expect(streams).toHaveLength(2);
    expect(streams.every((s) => s.destroyed)).toBe(true);
  });
});

describe('Parquet', () => {
  const codecs = ['zstd', 'snappy', 'gzip', 'uncompressed'];

  it('infers columns from the footer alone: exactly two ranged requests', async () => {
    for (const codec of codecs) {
      const key = `typed-${codec}.parquet`;
      const object = await store.object(key);
      store.resetStats();
      const schema = await parquetFormat.inferSchema(store, object);
      expect(store.stats.requests).toBe(2);
      expect(store.ranges[0]).toEqual([key, object.size - 8, object.size - 1]);
      expect(store.ranges[1][2]).toBe(object.size - 9);
      expect(store.stats.bytesRead).toBe(object.size - store.ranges[1][1]);
      expect(store.stats.bytesRead).toBeLessThan(object.size / 4);
      expect(schema.columns).toEqual([
        { name: 'i', type: 'INTEGER', nullable: true, sourceType: 'INT32' },
        { name: 'big', type: 'INTEGER', nullable: true, sourceType: 'INT64' },
        { name: 'd', type: 'FLOAT', nullable: true, sourceType: 'DOUBLE' },
        { name: 's', type: 'STRING', nullable: true, sourceType: 'STRING' },
        { name: 'b', type: 'BOOLEAN', nullable: true, sourceType: 'BOOLEAN' },
        { name: 'dt', type: 'DATE', nullable: true, sourceType: 'DATE' },
        { name: 'ts', type: 'TIMESTAMP', nullable: true, sourceType: 'TIMESTAMP(MICROS)' },
        { name: 'maybe', type: 'INTEGER', nullable: true, sourceType: 'INT64' },
        { name: 'dec', type: 'STRING', nullable: true, sourceType: 'DECIMAL(38,9)' },
        { name: 'st', type: 'STRING', nullable: true, sourceType: 'STRUCT<a: INT32, b: STRING>', nested: true },
        { name: 'l', type: 'STRING', nullable: true, sourceType: 'LIST<INT32>', nested: true },
        { name: 'm', type: 'STRING', nullable: true, sourceType: 'MAP<STRING, INT32>', nested: true },
      ]);
      expect(schema.warnings.join(' ')).toContain('st, l, m');
    }
  });

  for (const codec of codecs) {
    it(`reads ${codec} Parquet with the same counts and sums as DuckDB, batches within batchSize`, async () => {
      const key = `typed-${codec}.parquet`;
      const columns = ['i', 'big', 'd', 's', 'b', 'dt', 'ts', 'maybe', 'dec', 'st', 'l', 'm', 'missing'];
      const batches = await readAll(parquetFormat, key, options(columns, {}, { batchSize: 1234 }));
      expect(batches.every((b) => b.rows.length <= 1234 && b.rejects.length === 0)).toBe(true);
      let expectFirst = 1;
      for (const batch of batches) {
        expect(batch.firstRow).toBe(expectFirst);
        expectFirst += batch.rows.length;
      }
      const rows = batches.flatMap((b) => b.rows);
      const col = (name: string) => rows.map((r) => r[columns.indexOf(name)]);
      const [truth] = await db.json<Record<string, string | number>>(`SELECT count(*) AS n, sum(i) AS si, sum(big)::VARCHAR AS sbig, sum(d) AS sd,
        sum(maybe) AS smaybe, count(maybe) AS nmaybe, sum(b::INTEGER) AS sb, min(dt)::VARCHAR AS mindt, max(dt)::VARCHAR AS maxdt,
        sum(epoch_ms(ts))::VARCHAR AS sts, md5(string_agg(s, '|' ORDER BY i)) AS hs, sum(dec)::VARCHAR AS sdec,
        count(st) AS nst, sum(st.a) AS sa, sum(list_sum(l)) AS sl FROM ${q(key)}`);
      expect(rows.length).toBe(Number(truth.n));
      expect(col('i').reduce((a: number, v) => a + (v as number), 0)).toBe(Number(truth.si));
      expect(col('big').every((v) => typeof v === 'bigint')).toBe(true);
      expect(col('big').reduce((a: bigint, v) => a + (v as bigint), 0n).toString()).toBe(truth.sbig);
      expect(col('d').reduce((a: number, v) => a + (v as number), 0)).toBeCloseTo(Number(truth.sd), 6);
      expect(col('maybe').filter((v) => v !== null).length).toBe(Number(truth.nmaybe));
      expect(col('maybe').reduce((a: number, v) => a + ((v as number | null) ?? 0), 0)).toBe(Number(truth.smaybe));
      expect(col('b').filter((v) => v === true).length).toBe(Number(truth.sb));
      expect((col('dt') as string[]).sort()[0]).toBe(truth.mindt);
      expect((col('dt') as string[]).sort().at(-1)).toBe(truth.maxdt);
      expect(col('ts').reduce((a: bigint, v) => a + BigInt((v as Date).getTime()), 0n).toString()).toBe(truth.sts);
      const byI = [...rows].sort((x, y) => (x[0] as number) - (y[0] as number));
      expect(createHash('md5').update(byI.map((r) => r[3]).join('|')).digest('hex')).toBe(truth.hs);
      // Exact decimals: sum the text as scaled integers.
      const decimals = col('dec') as string[];
      expect(decimals[1]).toBe('-5.999999999');
      const scaled = decimals.reduce((a, v) => a + BigInt(v.replace('.', '')), 0n).toString();
      expect(`${scaled.slice(0, -9)}.${scaled.slice(-9)}`).toBe(truth.sdec);
      const structs = col('st').filter((v) => v !== null).map((v) => JSON.parse(v as string) as { a: number; b: string });
      expect(structs.length).toBe(Number(truth.nst));
      expect(structs.reduce((a, v) => a + v.a, 0)).toBe(Number(truth.sa));
      expect(structs.every((v) => v.b === `x${v.a}`)).toBe(true);
      const lists = col('l').map((v) => JSON.parse(v as string) as number[]);
      expect(lists.reduce((a, v) => a + v[0] + v[1], 0)).toBe(Number(truth.sl));
      expect(JSON.parse(byI[3][11] as string)).toEqual({ k: 3 });
      expect(col('missing').every((v) => v === null)).toBe(true);
    });
  }

  it('fetches only the requested columns', async () => {
    const key = 'typed-uncompressed.parquet';
    const object = await store.object(key);
    store.resetStats();
    const batches = await readAll(parquetFormat, key, options(['b'], {}, { batchSize: 100_000 }));
    expect(batches.flatMap((b) => b.rows)).toHaveLength(ROWS);
    expect(store.stats.bytesRead).toBeLessThan(object.size / 5);
    expect(batches.at(-1)!.bytesRead).toBe(store.stats.bytesRead);
  });

  it('keeps INT64 beyond 2^53 exact and exposes __proto__ and constructor as ordinary columns', async () => {
    await copy(
      `SELECT 9223372036854775807::BIGINT AS big, -9007199254740993::BIGINT AS neg, 1 AS "__proto__", 'c' AS "constructor", 12.5::DECIMAL(4,1) AS small_dec`,
      'edge.parquet',
      'FORMAT parquet',
    );
    const schema = await parquetFormat.inferSchema(store, await store.object('edge.parquet'));
    expect(schema.columns.map((c) => c.name)).toEqual(['big', 'neg', '__proto__', 'constructor', 'small_dec']);
    const rows = (await readAll(parquetFormat, 'edge.parquet', options(['__proto__', 'constructor', 'big', 'neg', 'small_dec']))).flatMap((b) => b.rows);
    expect(rows).toEqual([[1, 'c', 9223372036854775807n, -9007199254740993n, '12.5']]);
  });

  it('decodes flat columns exactly across row groups, page versions, dictionaries and nulls, flooring timestamps before 1970', async () => {
    // Timestamps with sub-millisecond parts on both sides of 1970 (floored, as epoch_ms does), text from a small
    // dictionary and unique text (PLAIN in V1 pages: ASCII, non-ASCII and empty values mixed), nulls in every
    // column, a REQUIRED column, and several row groups.
    const select = `SELECT i, CASE WHEN i % 7 = 0 THEN NULL ELSE TIMESTAMP '1969-12-31 23:59:59' + INTERVAL (i * 1234567 - 5000000000) MICROSECOND END AS ts,
      CASE WHEN i % 5 = 0 THEN NULL ELSE 'group ' || (i % 3) END AS g, CASE WHEN i % 11 = 0 THEN NULL WHEN i % 3 = 0 THEN 'user-' || i || '-é' WHEN i % 29 = 0 THEN '' ELSE 'user-' || i END AS u,
      CASE WHEN i % 13 = 0 THEN NULL ELSE i % 2 = 0 END AS b, CASE WHEN i % 17 = 0 THEN NULL ELSE DATE '1960-02-29' + (i % 40000)::INTEGER END AS d,
      CASE WHEN i % 19 = 0 THEN NULL ELSE (i * 2654435761) % 4294967296 - 2147483648 END AS n FROM range(25000) t(i)`;
    for (const version of ['V1', 'V2']) {
      const key = `flat-${version}.parquet`;
      await copy(select, key, `FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 4096, PARQUET_VERSION ${version}`);
      const columns = ['i', 'ts', 'g', 'u', 'b', 'd', 'n'];
      const batches = await readAll(parquetFormat, key, options(columns, {}, { batchSize: 3000 }));
      // Decoded by the flat-column path: typed vectors, not cells.
      // Text stays UTF-8 bytes (readAll checks they read the same in bulk as by cell).
      for (const batch of batches) expect(batch.columns!.vectors.map((v) => v.kind)).toEqual(['num', 'date', 'utf8', 'utf8', 'bool', 'str', 'num']);
      const rows = batches.flatMap((b) => b.rows).sort((x, y) => (x[0] as number) - (y[0] as number));
      const truth = await db.json<{ ts: string | null; g: string | null; u: string | null; b: boolean | null; d: string | null; n: number | null }>(
        `SELECT floor(epoch_us(ts) / 1000.0)::BIGINT::VARCHAR AS ts, g, u, b, d::VARCHAR AS d, n FROM ${q(key)} ORDER BY i`,
      );
      expect(rows).toHaveLength(truth.length);
      rows.forEach((row, i) => {
        const t = truth[i]!;
        expect([(row[1] as Date | null)?.getTime().toString() ?? null, row[2], row[3], row[4], row[5], row[6]]).toEqual([t.ts, t.g, t.u, t.b, t.d, t.n === null ? null : Number(t.n)]);
      });
    }
  });

  it('streams one big row group in small ranged reads, its big pages decoded in parts, with the same values as read whole', async () => {
    // DuckDB writes one page per column chunk: 40,000 rows make pages of up to 320 KB, read here through 4 KiB
    // windows and decoded 8,192 rows at a time (PLAIN numbers and text, dictionaries, bit-packed booleans, nulls,
    // a decimal, INT64 values beyond 2^53 only near the end), for both page versions and a codec that streams
    // (ZSTD) and one that does not (Snappy).
    const select = `SELECT i, CASE WHEN i > 39990 THEN 9007199254740993 + i ELSE i * 3 END AS big, CASE WHEN i % 7 = 0 THEN NULL ELSE 'user-' || i END AS u,
      'group ' || (i % 300) AS g, CASE WHEN i % 11 = 0 THEN NULL ELSE i % 3 = 0 END AS b, DATE '2020-01-01' + (i % 999)::INTEGER AS d,
      TIMESTAMP '2024-01-01 00:00:00' + to_seconds(i) AS ts, CASE WHEN i % 5 = 0 THEN NULL ELSE i / 7.0 END AS f, (i / 100)::DECIMAL(12,2) AS dec FROM range(40000) t(i)`;
    const columns = ['i', 'big', 'u', 'g', 'b', 'd', 'ts', 'f', 'dec'];
    for (const [version, codec] of [['V1', 'zstd'], ['V2', 'zstd'], ['V1', 'snappy']]) {
      const key = `big-group-${version}-${codec}.parquet`;
      await copy(select, key, `FORMAT parquet, COMPRESSION ${codec}, ROW_GROUP_SIZE 100000, PARQUET_VERSION ${version}`);
      const whole = (await readAll(parquetFormat, key, options(columns, {}, { batchSize: 3000 }))).flatMap((b) => b.rows);
      store.resetStats();
      const streamed = await readAll(parquetFormat, key, options(columns, {}, { batchSize: 3000, parquetReadBytes: 4096 }));
      expect(streamed.flatMap((b) => b.rows)).toEqual(whole);
      expect(whole).toHaveLength(40000);
      expect(whole[39999]).toEqual([39999, 9007199254780992n, 'user-39999', 'group 99', true, '2020-02-09', new Date('2024-01-01T11:06:39Z'), 39999 / 7, '399.99']);
      // Many small reads, none near the size of a page (version 2 pages of DELTA encodings are read whole).
      if (version === 'V1') {
        expect(store.ranges.length).toBeGreaterThan(100);
        expect(Math.max(...store.ranges.map(([, start, end]) => end - start + 1))).toBeLessThan(16 * 1024);
      }
    }
  });

  it('maps the other types DuckDB writes: times, unsigned, nanosecond timestamps, blobs, intervals, UUID, JSON, nested decimals', async () => {
    await copy(
      `SELECT TIME '12:34:56.789' AS t, 18446744073709551615::UBIGINT AS ub, -3::TINYINT AS ti,
        TIMESTAMP_NS '2024-01-02 03:04:05.123456789' AS tns, TIMESTAMPTZ '2024-01-02 03:04:05.5+00' AS tz, TIMESTAMP_MS '2024-01-02 03:04:05.5' AS tms,
        '\\xAA\\xBB'::BLOB AS bl, 'hello'::BLOB AS bltext, INTERVAL '1 month 2 days 3 seconds' AS iv,
        uuid '550e8400-e29b-41d4-a716-446655440000' AS u, '{"a": [1, 2]}'::JSON AS j, DATE '0001-01-01' AS d1,
        -12345678901234567890.123456789::DECIMAL(38,9) AS negdec, (-0.5)::DECIMAL(4,2) AS negsmall,
        [{'x': 1.5::DECIMAL(10,2), 'y': [DATE '2024-01-01']}] AS nested,
        {'big': 9007199254740993::BIGINT, 'ts': TIMESTAMP '2024-01-01 00:00:00'} AS st2,
        NULL::INTEGER[] AS nulllist, []::INTEGER[] AS emptylist, [NULL, 1]::INTEGER[] AS withnull`,
      'types.parquet',
      'FORMAT parquet',
    );
    const object = await store.object('types.parquet');
    const schema = await parquetFormat.inferSchema(store, object);
    const byName = Object.fromEntries(schema.columns.map((c) => [c.name, `${c.type} ${c.sourceType}`]));
    expect(byName).toMatchObject({
      t: 'STRING TIME(MICROS)',
      ub: 'INTEGER UINT64',
      ti: 'INTEGER INT8',
      tns: 'TIMESTAMP TIMESTAMP(NANOS)',
      tz: 'TIMESTAMP TIMESTAMP(MICROS, UTC)',
      bl: 'STRING BYTE_ARRAY',
      iv: 'STRING INTERVAL',
      u: 'STRING UUID',
      j: 'STRING JSON',
      d1: 'DATE DATE',
      nested: 'STRING LIST<STRUCT<x: DECIMAL(10,2), y: LIST<DATE>>>',
    });
    const names = schema.columns.map((c) => c.name);
    const [batch] = await readAll(parquetFormat, 'types.parquet', options(names));
    const row = Object.fromEntries(names.map((name, i) => [name, batch.rows[0][i]]));
    expect(row).toEqual({
      t: '12:34:56.789000',
      ub: 18446744073709551615n,
      ti: -3,
      tns: new Date('2024-01-02T03:04:05.123Z'),
      tz: new Date('2024-01-02T03:04:05.500Z'),
      tms: new Date('2024-01-02T03:04:05.500Z'),
      bl: 'qrs=',
      bltext: 'hello',
      iv: 'P1M2DT3.000S',
      u: '550e8400-e29b-41d4-a716-446655440000',
      j: '{"a": [1, 2]}',
      d1: '0001-01-01',
      negdec: '-12345678901234567890.123456789',
      negsmall: '-0.50',
      nested: '[{"x":"1.50","y":["2024-01-01"]}]',
      st2: '{"big":"9007199254740993","ts":"2024-01-01T00:00:00.000Z"}',
      nulllist: null,
      emptylist: '[]',
      withnull: '[null,1]',
    });
  });

  it('rejects truncated and non-Parquet files with a message naming the file', async () => {
    const whole = await readFile(file('typed-zstd.parquet'));
    await writeFile(file('half.parquet'), whole.subarray(0, whole.length >> 1));
    await writeFile(file('text.parquet'), 'id,name\n1,a\n'.repeat(10));
    await writeFile(file('tiny.parquet'), 'PAR1');
    for (const key of ['half.parquet', 'text.parquet', 'tiny.parquet']) {
      const error = await failure(parquetFormat.inferSchema(store, await store.object(key)));
      expect(error.kind).toBe('user');
      expect(error.message).toBe(`Parquet footer of file://${dir}/${key} is corrupt or truncated`);
      const readError = await failure(drain(parquetFormat, key, options(['i'])));
      expect(readError.message).toBe(error.message);
    }
  });

  it('reports a file whose data was cut out under an intact footer', async () => {
    const whole = await readFile(file('typed-snappy.parquet'));
    const damaged = Buffer.from(whole);
    damaged.fill(0xff, 4, whole.length >> 1);
    await writeFile(file('damaged.parquet'), damaged);
    const error = await failure(drain(parquetFormat, 'damaged.parquet', options(['i', 's'])));
    expect(error.kind).toBe('user');
    expect(error.message).toContain('damaged.parquet');
  });

  it('returns no columns and a warning for a 0-byte file', async () => {
    await writeFile(file('zero.parquet'), '');
    const schema = await parquetFormat.inferSchema(store, await store.object('zero.parquet'));
    expect(schema.columns).toEqual([]);
    expect(schema.warnings[0]).toContain('zero.parquet is empty');
  });
});

describe('compression bombs', () => {
  /** A CSV header over `mib` MiB of newlines, gzipped (about 1000:1, deflate's limit). */
  const newlineBomb = (mib: number) => zlib.gzipSync(Buffer.concat([Buffer.from('a,b\n'), Buffer.alloc(mib * 1024 * 1024, 0x0a)]), { level: 9 });

  it('stops a gzip stream that expands past the ratio limit after 4 MiB, naming the file and the ratio', async () => {
    await writeFile(file('newlines.csv.gz'), newlineBomb(6));
    store.resetStats();
    const error = await failure(drain(csvFormat, 'newlines.csv.gz', options(['a', 'b'])));
    expect(error.kind).toBe('user');
    expect(error.message).toMatch(/^file:\/\/.*\/newlines\.csv\.gz: the gzip stream expands \d+:1 \(\d+ bytes from \d+\), past the limit of 200:1/);
    expect(Number(/expands (\d+):1/.exec(error.message)![1])).toBeGreaterThan(500);
    // Stopped soon after the 4 MiB floor, not at the end of the 6 MiB.
    expect(Number(/\((\d+) bytes/.exec(error.message)![1])).toBeLessThan(5 * 1024 * 1024);
    const lower = await failure(drain(csvFormat, 'newlines.csv.gz', options(['a', 'b'], {}, { maxCompressionRatio: 50 })));
    expect(lower.message).toContain('past the limit of 50:1');
    // 0 turns the check off: the file is read to its end (and holds no rows).
    expect((await readAll(csvFormat, 'newlines.csv.gz', options(['a', 'b'], {}, { maxCompressionRatio: 0 }))).flatMap((b) => b.rows)).toEqual([]);
  });

  it('reads ordinary gzip CSV past 4 MiB, and warns at inference when a sample expands past the limit', async () => {
    await copy(`SELECT 'user-' || (i % 5000) AS user_id, 'tier' || (i % 3) AS tier, i AS points FROM range(200000) t(i)`, 'big.csv.gz', 'FORMAT csv, HEADER, COMPRESSION gzip');
    expect(zlib.gunzipSync(await readFile(file('big.csv.gz'))).length).toBeGreaterThan(4 * 1024 * 1024);
    const batches = await readAll(csvFormat, 'big.csv.gz', options(['user_id', 'points'], { points: 'INTEGER' }, { batchSize: 100_000 }));
    expect(batches.reduce((n, b) => n + b.rows.length, 0)).toBe(200_000);
    expect((await csvFormat.inferSchema(store, await store.object('big.csv.gz'))).warnings).toEqual([]);
    store.resetStats();
    const schema = await csvFormat.inferSchema(store, await store.object('newlines.csv.gz'));
    expect(store.stats.requests).toBe(1);
    expect(schema.warnings).toContainEqual(expect.stringMatching(/newlines\.csv\.gz expands \d+:1 in its first 65536 bytes: an import stops a file that expands more than 200:1/));
    expect((await csvFormat.inferSchema(store, await store.object('newlines.csv.gz'), { maxCompressionRatio: 0 })).warnings.join()).not.toContain('expands');
  });

  it('refuses a Parquet page that expands past the ratio limit, and pages past the decompressed-size limit', async () => {
    // One 8 MiB value: a page of 8 MiB that ZSTD stores in a few hundred bytes.
    await copy(`SELECT repeat('a', 8 * 1024 * 1024) AS s, 1 AS n`, 'page-bomb.parquet', 'FORMAT parquet, COMPRESSION zstd');
    const error = await failure(drain(parquetFormat, 'page-bomb.parquet', options(['s'])));
    expect(error.kind).toBe('user');
    expect(error.message).toMatch(/page-bomb\.parquet: a ZSTD page expands \d+:1 \(\d+ bytes from \d+\), past the limit of 200:1/);
    // Off, the value reads whole; the other column was never at risk.
    const [batch] = await readAll(parquetFormat, 'page-bomb.parquet', options(['s', 'n'], {}, { maxCompressionRatio: 0 }));
    expect((batch!.rows[0]![0] as string).length).toBe(8 * 1024 * 1024);
    expect((await readAll(parquetFormat, 'page-bomb.parquet', options(['n']))).flatMap((b) => b.rows)).toEqual([[1]]);
    // The absolute limit counts every page of the file.
    const total = await failure(drain(parquetFormat, 'typed-zstd.parquet', options(['s', 'ts'], {}, { maxDecompressedBytes: 100_000 })));
    expect(total.message).toContain('typed-zstd.parquet expands past the 100000-byte limit for decompressed files');
  });
});

describe('NUL characters in data', () => {
  // DuckDB writes NUL inside text as it is, in CSV and in Parquet.
  const select = `SELECT i, CASE WHEN i IN (2, 5) THEN 'a' || chr(0) || 'b' ELSE 'v' || i END AS s, 'w' || i AS w,
      CASE WHEN i = 7 THEN chr(0) ELSE 'x' END AS other, CASE WHEN i = 3 THEN '\\x00\\x41'::BLOB ELSE 'x'::BLOB END AS bin
    FROM range(10) t(i)`;

  it('rejects a CSV row with NUL in a selected field, quoted or not, naming the column; other rows and columns read', async () => {
    await copy(select.replace(/, CASE WHEN i = 3[^]*AS bin/, ''), 'nul.csv', 'FORMAT csv, HEADER');
    await writeFile(file('nul-quoted.csv'), 'i,s\n1,"q\0,"\n2,ok\n3,"x\0"\n');
    const batches = await readAll(csvFormat, 'nul.csv', options(['i', 's', 'w'], { i: 'INTEGER' }, { batchSize: 4 }));
    expect(batches.flatMap((b) => b.rows)).toEqual([0, 1, 3, 4, 6, 7, 8, 9].map((i) => [i, `v${i}`, `w${i}`]));
    expect(batches.flatMap((b) => b.rejects)).toEqual([
      { row: 3, reason: 'NUL character in column "s"' },
      { row: 6, reason: 'NUL character in column "s"' },
    ]);
    // Row numbers as the import counts them: firstRow, then the next ones, skipping the rejected numbers.
    expect(batches.map((b) => [b.firstRow, b.rows.length])).toEqual([[1, 4], [7, 4]]);
    // NUL in a column that is not selected rejects nothing; in a typed column, the row, saying why.
    expect((await readAll(csvFormat, 'nul.csv', options(['w']))).flatMap((b) => b.rejects)).toEqual([]);
    expect((await readAll(csvFormat, 'nul.csv', options(['other', 'i'], { i: 'INTEGER' }))).flatMap((b) => b.rejects)).toEqual([{ row: 8, reason: 'NUL character in column "other"' }]);
    const quoted = await readAll(csvFormat, 'nul-quoted.csv', options(['i', 's'], { i: 'INTEGER' }));
    expect(quoted.flatMap((b) => b.rows)).toEqual([[2, 'ok']]);
    expect(quoted.flatMap((b) => b.rejects)).toEqual([
      { row: 1, reason: 'NUL character in column "s"' },
      { row: 3, reason: 'NUL character in column "s"' },
    ]);
  });

  it('rejects a Parquet row with NUL in a text column; bytes holding NUL read as base64', async () => {
    for (const codec of ['zstd', 'uncompressed']) {
      await copy(select, `nul-${codec}.parquet`, `FORMAT parquet, COMPRESSION ${codec}`);
      const batches = await readAll(parquetFormat, `nul-${codec}.parquet`, options(['i', 's', 'w', 'bin'], {}, { batchSize: 4 }));
      expect(batches.flatMap((b) => b.rows)).toEqual(
        [0, 1, 3, 4, 6, 7, 8, 9].map((i) => [i, `v${i}`, `w${i}`, i === 3 ? Buffer.from([0, 0x41]).toString('base64') : 'x']),
      );
      expect(batches.flatMap((b) => b.rejects)).toEqual([
        { row: 3, reason: 'NUL character in column "s"' },
        { row: 6, reason: 'NUL character in column "s"' },
      ]);
      expect(batches.map((b) => [b.firstRow, b.columns!.length])).toEqual([[1, 3], [5, 3], [9, 2]]);
      expect((await readAll(parquetFormat, `nul-${codec}.parquet`, options(['w', 'other']))).flatMap((b) => b.rejects)).toEqual([
        { row: 8, reason: 'NUL character in column "other"' },
      ]);
    }
  });
});

describe('layout: writer markers', () => {
  it('skips files and folders named with . or _ (Hadoop, Spark) and says how many, keeping _name=value partitions', async () => {
    const put = async (key: string, body = 'a\n1\n') => {
      await mkdir(path.dirname(file(key)), { recursive: true });
      await writeFile(file(key), body);
    };
    for (const key of ['flat/t/part-0.csv', 'flat/t/_SUCCESS', 'flat/t/.part-0.csv.crc', 'flat/t/_temporary/0/part-1.csv', 'flat/t/sub/.spark-staging/x.csv', 'flat/t/sub/part-2.csv']) await put(key);
    const flat = await listTableFiles(store, { schemaPrefix: 'flat/', dataFormat: 'CSV', partitioning: 'NO_TABLES' }, { name: 't', prefix: 'flat/t/' });
    expect(flat.files.map((f) => f.object.key)).toEqual(['flat/t/part-0.csv', 'flat/t/sub/part-2.csv']);
    expect(flat.warnings).toEqual(['4 files skipped: names starting with . or _ (e.g. .part-0.csv.crc)']);

    for (const key of ['hive/t/_year=2025/__proto__=1/part-0.csv', 'hive/t/_year=2025/__proto__=1/_SUCCESS', 'hive/t/_year=2025/_temporary/part-1.csv']) await put(key);
    const hive = await listTableFiles(store, { schemaPrefix: 'hive/', dataFormat: 'CSV', partitioning: 'ALL_TABLES' }, { name: 't', prefix: 'hive/t/' });
    expect(hive.files.map((f) => [f.object.key, f.partitions])).toEqual([['hive/t/_year=2025/__proto__=1/part-0.csv', [['_year', '2025'], ['__proto__', '1']]]]);
    expect(hive.warnings).toEqual(['2 files skipped: names starting with . or _ (e.g. _year=2025/__proto__=1/_SUCCESS)']);
  });
});
