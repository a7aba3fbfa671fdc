/**
 * The CPU of the gzipped CSV import path without a server: the bench's 2M rows read by csvFormat.read (gunzip, parse,
 * type), packed for the other thread (toWireBatch), unpacked as the inserting thread does, and encoded as binary COPY.
 * Usage: npx tsx bench/csv-path.ts [dir]   (writes events.csv.gz there once)
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { csvFormat } from '../server/connectors/formats/csv.js';
import type { ColumnType } from '../server/connectors/formats/format.js';
import { toWireBatch, unpack } from '../server/pipeline/parallel-read.js';
import { binaryCopyRows } from '../server/storage/pg-copy.js';
import { duck } from '../test/helpers/duckdb.js';
import { LocalStore } from '../test/helpers/local-store.js';

const dir = process.argv[2] ?? '/tmp/pgcsv/data';
const rows = 2_000_000;
mkdirSync(dir, { recursive: true });
if (!existsSync(path.join(dir, 'events.csv.gz'))) {
  const db = await duck();
  const select = `SELECT 'user-' || (i % 200000) AS user_id, i::BIGINT AS n, 'label ' || (i % 5000) AS label,
  TIMESTAMP '2025-01-01 00:00:00' + INTERVAL (i % 31536000) SECOND AS at, (i % 100000) / 7.0 AS score FROM range(${rows}) t(i)`;
  await db.run(`COPY (${select}) TO '${dir}/events.csv.gz' (FORMAT csv, HEADER, COMPRESSION gzip)`);
  db.close();
}
const columns = ['user_id', 'n', 'label', 'score', 'at'];
const types: Record<string, ColumnType> = { user_id: 'STRING', n: 'INTEGER', label: 'STRING', score: 'FLOAT', at: 'TIMESTAMP' };
const stored = columns.map((name) => ({ name, column: name, type: types[name]! }));
const store = new LocalStore(dir);
const keepBytes = process.env.KEEP_BYTES === '1';
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
for (let pass = 1; pass <= Number(process.env.PASSES ?? 3); pass++) {
  let readCpu = 0;
  let mainCpu = 0;
  let count = 0;
  const object = await store.object('events.csv.gz');
  const started = cpu();
  const wall = performance.now();
  let t = cpu();
  for await (const batch of csvFormat.read(store, object, { columns, types, batchSize: 10_000, maxDecompressedBytes: 10 * 1024 ** 3 })) {
    const { wire } = toWireBatch(batch, columns.length);
    const now = cpu();
    readCpu += now - t;
    const unpacked = unpack(structuredClone(wire), keepBytes);
    const body = binaryCopyRows(stored, unpacked, null);
    count += unpacked.length + (body.length > 0 ? 0 : 1);
    t = cpu();
    mainCpu += t - now;
  }
  if (count !== rows) throw new Error(`read ${count}`);
  console.log(`pass ${pass}: read+pack ${readCpu.toFixed(2)} s CPU, unpack+encode ${mainCpu.toFixed(2)} s CPU (keepBytes ${keepBytes}), total ${(cpu() - started).toFixed(2)} s CPU, wall ${((performance.now() - wall) / 1000).toFixed(2)} s`);
}
