/**
 * read() throughput of the file formats on local files written by DuckDB (CPU only: no network).
 * Usage: npx tsx bench/formats.ts [rows]   (default 2,000,000)
 *
 * Also times the same CSV work done with csv-parse, the measured reason csv.ts uses its own parser.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { parse } from 'csv-parse';
import { csvFormat } from '../server/connectors/formats/csv.js';
import type { CellValue, ColumnType, FileFormat } from '../server/connectors/formats/format.js';
import { parquetFormat } from '../server/connectors/formats/parquet.js';
import { INVALID, parserFor } from '../server/connectors/formats/values.js';
import { duck, sqlString } from '../test/helpers/duckdb.js';
import { LocalStore } from '../test/helpers/local-store.js';

const rows = Number(process.argv[2] ?? 2_000_000);
const columns = ['id', 'name', 'amount', 'active', 'day'];
const types: Record<string, ColumnType> = { id: 'INTEGER', name: 'STRING', amount: 'FLOAT', active: 'BOOLEAN', day: 'DATE' };
const select = `SELECT i AS id, 'customer ' || (i % 100000) AS name, round(i * 1.37 % 10000, 2)::DOUBLE AS amount,
  i % 3 = 0 AS active, DATE '2020-01-01' + (i % 1500)::INTEGER AS day FROM range(${rows}) t(i)`;

async function time(label: string, run: () => Promise<number>): Promise<void> {
  const started = performance.now();
  const count = await run();
  const seconds = (performance.now() - started) / 1000;
  if (count !== rows) throw new Error(`${label}: read ${count} rows, expected ${rows}`);
  console.log(`${label.padEnd(44)} ${seconds.toFixed(2)} s  ${Math.round(rows / seconds).toLocaleString('en-US')} rows/s`);
}

async function readAll(format: FileFormat, store: LocalStore, key: string): Promise<number> {
  const object = await store.object(key);
  let count = 0;
  const options = { columns, types, batchSize: 10_000, maxDecompressedBytes: 10 * 1024 ** 3 };
  for await (const batch of format.read(store, object, options)) {
    if (batch.rejects.length > 0) throw new Error(batch.rejects[0].reason);
    count += batch.rows.length;
  }
  return count;
}

/** The same job (gunzip, parse, type every cell) with csv-parse instead of csv-parser.ts. */
async function readWithCsvParse(file: string): Promise<number> {
  const parsers = columns.map((c) => parserFor(types[c]));
  let count = 0;
  let header = true;
  const parser = parse({ relax_column_count: true });
  const { createReadStream } = await import('node:fs');
  const consume = (async () => {
    for await (const record of parser as AsyncIterable<string[]>) {
      if (header) {
        header = false;
        continue;
      }
      const out: CellValue[] = new Array(columns.length);
      for (let c = 0; c < columns.length; c++) {
        const text = record[c];
        const value = text === '' ? null : parsers[c](text);
        if (value === INVALID) throw new Error('bad value');
        out[c] = value;
      }
      count++;
    }
  })();
  await pipeline(createReadStream(file), zlib.createGunzip(), parser);
  await consume;
  return count;
}

const dir = await mkdtemp(path.join(tmpdir(), 'inlet-bench-'));
try {
  const db = await duck();
  await db.run(`COPY (${select}) TO ${sqlString(path.join(dir, 'data.csv.gz'))} (FORMAT csv, HEADER, COMPRESSION gzip)`);
  await db.run(`COPY (${select}) TO ${sqlString(path.join(dir, 'data.csv'))} (FORMAT csv, HEADER)`);
  await db.run(`COPY (${select}) TO ${sqlString(path.join(dir, 'data.parquet'))} (FORMAT parquet, COMPRESSION zstd)`);
  db.close();
  const store = new LocalStore(dir);
  console.log(`${rows.toLocaleString('en-US')} rows × 5 columns (BIGINT, VARCHAR, DOUBLE, BOOLEAN, DATE)`);
  // Two passes each: the first includes JIT warm-up, the second is the steady state a long import sees.
  for (let pass = 1; pass <= 2; pass++) {
    console.log(`pass ${pass}`);
    await time('CSV gzip, csvFormat.read (csv-parser.ts)', () => readAll(csvFormat, store, 'data.csv.gz'));
    await time('CSV plain, csvFormat.read (csv-parser.ts)', () => readAll(csvFormat, store, 'data.csv'));
    await time('CSV gzip, csv-parse + same typing', () => readWithCsvParse(path.join(dir, 'data.csv.gz')));
    await time('Parquet ZSTD, parquetFormat.read', () => readAll(parquetFormat, store, 'data.parquet'));
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
