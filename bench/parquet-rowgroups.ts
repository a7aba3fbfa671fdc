/**
 * Parquet row groups of any size (issue 20, target 6): the same rows written by DuckDB (ZSTD) in ONE row group and
 * in 200, read through parquetFormat.read from local files. Each read runs in its own child process, so its peak RSS
 * (`maxRSS`) is its own; rounds alternate the two files and the figure is the median. Also prints an idle child's
 * peak RSS (Node, tsx and the modules loaded) for reference.
 *
 * Usage: npm run bench:parquet            (20,000,000 rows, 3 rounds)
 *        INLET_BENCH_ROWS=4000000 INLET_BENCH_ROUNDS=2 npm run bench:parquet   (a smaller scale)
 * Targets: peak RSS under 300 MB for both files; the single group no slower than 1.2x the 200 groups.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ColumnType } from '../server/connectors/formats/format.js';
import { parquetFormat } from '../server/connectors/formats/parquet.js';
import { duck, sqlString } from '../test/helpers/duckdb.js';
import { LocalStore } from '../test/helpers/local-store.js';

const columns = ['id', 'name', 'amount', 'active', 'day', 'ts'];
const types: Record<string, ColumnType> = { id: 'INTEGER', name: 'STRING', amount: 'FLOAT', active: 'BOOLEAN', day: 'DATE', ts: 'TIMESTAMP' };

/** Child: reads one file, prints {rows, seconds, maxRssMb} as JSON. */
async function readChild(file: string): Promise<void> {
  const store = new LocalStore(path.dirname(file));
  const object = await store.object(path.basename(file));
  const started = performance.now();
  let rows = 0;
  const options = { columns, types, batchSize: 10_000, maxDecompressedBytes: 20 * 1024 ** 3 };
  for await (const batch of parquetFormat.read(store, object, options)) {
    if (batch.rejects.length > 0) throw new Error(batch.rejects[0]!.reason);
    rows += batch.columns!.length;
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(JSON.stringify({ rows, seconds, maxRssMb: process.resourceUsage().maxRSS / 1024, requests: store.stats.requests }));
}

function child(args: string[]): { rows: number; seconds: number; maxRssMb: number; requests: number } {
  const out = execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), ...args], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').at(-1)!);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function main(): Promise<void> {
  const rows = Number(process.env.INLET_BENCH_ROWS ?? 20_000_000);
  const rounds = Number(process.env.INLET_BENCH_ROUNDS ?? 3);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'inlet-bench-rowgroups-'));
  try {
    const select = `SELECT i AS id, 'customer ' || (i % 100000) AS name, round(i * 1.37 % 10000, 2)::DOUBLE AS amount,
      i % 3 = 0 AS active, DATE '2020-01-01' + (i % 1500)::INTEGER AS day,
      TIMESTAMP '2024-01-01 00:00:00' + to_seconds(i) AS ts FROM range(${rows}) t(i)`;
    const db = await duck();
    const files = { one: path.join(dir, 'one.parquet'), many: path.join(dir, 'many.parquet') };
    await db.run(`COPY (${select}) TO ${sqlString(files.one)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE ${rows})`);
    await db.run(`COPY (${select}) TO ${sqlString(files.many)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE ${Math.ceil(rows / 200)})`);
    const shape: Record<string, string> = {};
    for (const [name, file] of Object.entries(files)) {
      const [meta] = await db.all<{ groups: bigint; bytes: bigint }>(
        `SELECT count(DISTINCT row_group_id) AS groups, sum(total_compressed_size) AS bytes FROM parquet_metadata(${sqlString(file)})`,
      );
      shape[name] = `${meta!.groups} row group(s), ${(Number(meta!.bytes) / 1024 ** 2).toFixed(0)} MB of column chunks`;
    }
    db.close();
    if (!shape.one!.startsWith('1 ')) throw new Error(`DuckDB did not write one row group: ${shape.one}`);
    console.log(`${rows.toLocaleString('en-US')} rows × ${columns.length} columns (BIGINT, VARCHAR, DOUBLE, BOOLEAN, DATE, TIMESTAMP), ZSTD`);
    console.log(`one.parquet: ${shape.one}; many.parquet: ${shape.many}`);
    const idle = child(['--idle']);
    console.log(`idle child peak RSS ${idle.maxRssMb.toFixed(0)} MB`);
    const results: Record<'one' | 'many', { seconds: number[]; rss: number[]; requests: number }> = {
      one: { seconds: [], rss: [], requests: 0 },
      many: { seconds: [], rss: [], requests: 0 },
    };
    for (let round = 1; round <= rounds; round++) {
      for (const name of round % 2 ? (['one', 'many'] as const) : (['many', 'one'] as const)) {
        const r = child(['--read', files[name]]);
        if (r.rows !== rows) throw new Error(`${name}: read ${r.rows} rows, expected ${rows}`);
        results[name].seconds.push(r.seconds);
        results[name].rss.push(r.maxRssMb);
        results[name].requests = r.requests;
        console.log(`round ${round} ${name.padEnd(4)} ${r.seconds.toFixed(2)} s  peak RSS ${r.maxRssMb.toFixed(0)} MB  ${r.requests} ranged reads  load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
      }
    }
    const one = median(results.one.seconds);
    const many = median(results.many.seconds);
    console.log(
      `\none row group : median ${one.toFixed(2)} s (${Math.round(rows / one).toLocaleString('en-US')} rows/s), max peak RSS ${Math.max(...results.one.rss).toFixed(0)} MB`,
    );
    console.log(
      `200 row groups: median ${many.toFixed(2)} s (${Math.round(rows / many).toLocaleString('en-US')} rows/s), max peak RSS ${Math.max(...results.many.rss).toFixed(0)} MB`,
    );
    console.log(`one / many time ratio ${(one / many).toFixed(2)} (target ≤ 1.2); load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const mode = process.argv[2];
if (mode === '--read') await readChild(process.argv[3]!);
else if (mode === '--idle') console.log(JSON.stringify({ rows: 0, seconds: 0, maxRssMb: process.resourceUsage().maxRSS / 1024, requests: 0 }));
else await main();
