// The S3 Batch Parquet export's native events encoder (native/event-columns, C++) against the JavaScript one it
// replaces on the hot path: the same day exported both ways must give the same files (rows, schema, row groups,
// encodings, statistics and sizes before compression). The JavaScript
// writer is the reference (its output is checked value by value against DuckDB in routing-batch.test.ts); this day
// holds what the C++ parser and encoder must get right on their own: escapes, surrogate pairs and a lone surrogate,
// non-ASCII keys and values, every property kind and their mixtures, numbers at and past 2^53, -0 and exponents,
// missing and null fields, bodies from before `segments`, a time of another shape, a type with more properties than
// the typed struct takes, dictionaries that pay, give up mid-group and retry, several row groups, part splits, and a
// kind change late in the day (the pass written again). Real parts: the test server's event log (SQLite or
// PostgreSQL), the local S3 server, and DuckDB reading the native files back.
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventLogRowSource, exportDay, type BatchRowSource, type ExportDayOptions } from '../server/routing/batch/index.js';
import { nativeEvents, nativeEventsUnavailable } from '../server/routing/batch/native-events.js';
import { duck, sqlString, type Duck } from './helpers/duckdb.js';
import { startInlet, type TestInlet } from './helpers/inlet.js';
import { S3_KEY, startS3, type LocalS3 } from './helpers/s3.js';

let inlet: TestInlet;
let s3: LocalS3;
let db: Duck;
let client: S3Client;
let tmp: string;
const bucket = 'native';
const date = '2026-11-29';
const at = (seconds: number) => new Date(Date.parse(`${date}T00:00:00.000Z`) + seconds * 1000).toISOString();

type Body = Record<string, unknown>;
/** Appends bodies as ingestion stores them (JSON.stringify of the event, `segments` last), received in order. */
async function append(ws: string, bodies: Body[]) {
  await inlet.server.services.ingest.log.append(
    ws,
    bodies.map((b, i) => ({ eventId: String(b.event_id), type: String(b.type), userId: String(b.user_id ?? ''), time: String(b.time ?? at(i)), receivedAt: String(b.received_at), body: JSON.stringify(b) })),
  );
}

const event = (ws: string, i: number, type: string, fields: Body): Body => ({
  event_id: randomUUID(), type, user_id: `u-${i}`, time: at(i), ...fields, received_at: at(i), workspace_id: ws, ...('segments' in fields ? {} : { segments: [] }),
});

/** The two writers' sources over the same day: with byte pages (native) and without (JavaScript). */
function sources(ws: string): { native: BatchRowSource & { pagesRead: number }; js: BatchRowSource } {
  const inner = eventLogRowSource(inlet.server.services.ingest.sql, { date, workspaceIds: [ws], pageRows: 700 });
  const native = {
    ...inner,
    pagesRead: 0,
    async *eventPages(types: readonly string[] | null) {
      for await (const page of inner.eventPages!(types)) {
        native.pagesRead++;
        yield page;
      }
    },
  };
  return { native, js: { ...inner, eventPages: undefined } };
}

async function get(key: string): Promise<Buffer> {
  const res = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return Buffer.from(await res.Body!.transformToByteArray());
}

/** Downloads an object to a local file (DuckDB reads local files here: no httpfs extension offline). */
async function local(key: string): Promise<string> {
  const file = path.join(tmp, key.replaceAll('/', '__'));
  writeFileSync(file, await get(key));
  return file;
}

/** What a file says about itself, per row group and column: all but the compressed sizes (below). */
const METADATA = `SELECT row_group_id, row_group_num_rows, path_in_schema, type, encodings, num_values, total_uncompressed_size,
  stats_min, stats_max, stats_null_count, dictionary_page_offset IS NULL AS no_dictionary`;

/**
 * Exports the day both ways and expects the same files: the same keys and rows per file, the same schema, row groups,
 * encodings (dictionary or not), statistics and uncompressed sizes per column chunk, and the same rows. Not the same
 * compressed bytes: the Snappy compressor (hysnappy) keeps its hash table between calls, so its output, always valid,
 * depends on what it compressed before (a byte or two per chunk). Returns the native run's event files.
 */
async function exportBoth(ws: string, name: string, over: Partial<ExportDayOptions> = {}) {
  const { native, js } = sources(ws);
  const run = (prefix: string, source: BatchRowSource) => exportDay({ s3: client, bucket, prefix, format: 'PARQUET_SNAPPY', date, source, ...over });
  const a = await run(`${name}-native/`, native);
  const b = await run(`${name}-js/`, js);
  expect(native.pagesRead).toBeGreaterThan(0);
  // (In key order: files are reported as they close, and the native writer takes a page a type at a time.)
  const files = (r: typeof a, prefix: string) =>
    r.files.filter((f) => f.dataType !== 'manifest').map((f) => ({ key: f.key.slice(prefix.length), dataType: f.dataType, eventType: f.eventType, rows: f.rows })).sort((x, y) => x.key.localeCompare(y.key));
  expect(files(a, `${name}-native/`)).toEqual(files(b, `${name}-js/`));
  for (const f of a.files.filter((x) => x.dataType === 'events')) {
    const mine = sqlString(await local(f.key));
    const theirs = sqlString(await local(f.key.replace(`${name}-native/`, `${name}-js/`)));
    expect(await db.json(`${METADATA} FROM parquet_metadata(${mine}) ORDER BY 1, 3`), f.key).toEqual(await db.json(`${METADATA} FROM parquet_metadata(${theirs}) ORDER BY 1, 3`));
    expect(await db.json(`DESCRIBE SELECT * FROM read_parquet(${mine})`)).toEqual(await db.json(`DESCRIBE SELECT * FROM read_parquet(${theirs})`));
    const [diff] = await db.json<{ n: number }>(
      `SELECT ((SELECT count(*) FROM (SELECT * FROM read_parquet(${mine}) EXCEPT ALL SELECT * FROM read_parquet(${theirs}))) +
              (SELECT count(*) FROM (SELECT * FROM read_parquet(${theirs}) EXCEPT ALL SELECT * FROM read_parquet(${mine}))))::INTEGER AS n`,
    );
    expect(diff!.n, `${f.key}: rows that differ from the JavaScript writer's`).toBe(0);
  }
  return a.files.filter((f) => f.dataType === 'events');
}

async function countWithDuck(files: { key: string }[]): Promise<number> {
  let n = 0;
  for (const f of files) {
    const file = await local(f.key);
    const [row] = await db.json<{ n: number }>(`SELECT count(DISTINCT event_id)::INTEGER AS n FROM read_parquet(${sqlString(file)})`);
    n += row!.n;
  }
  return n;
}

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'inlet-native-'));
  inlet = await startInlet();
  s3 = await startS3();
  await s3.createBucket(bucket);
  client = new S3Client({ region: 'us-east-1', endpoint: s3.endpoint, forcePathStyle: true, credentials: { ...S3_KEY } });
  db = await duck();
});

afterAll(async () => {
  db?.close();
  await s3?.close();
  await inlet?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('the native Parquet events encoder', () => {
  it('is built by npm install and loaded (without it the export would fall back to JavaScript, slower)', () => {
    expect(nativeEventsUnavailable).toBeNull();
    expect(nativeEvents).not.toBeNull();
  });

  it('writes the same files as the JavaScript writer for a day of hard cases', async () => {
    const ws = 'ws-native-hard';
    const bodies: Body[] = [];
    const texts = ['plain', 'quote " and \\ backslash', 'line\nbreak\ttab\u0001ctl', 'naïve café', '東京', 'emoji 🎉 pair', 'lone \ud800 surrogate', '', '/slash'];
    for (let i = 0; i < 3000; i++) {
      const t = texts[i % texts.length]!;
      // (DuckDB refuses a lone surrogate's escape inside JSON columns, which both writers keep as JSON.stringify wrote
      // it: text columns only.)
      const j = t.includes('\ud800') ? 'no surrogate' : t;
      const properties: Body = {
        text: t, n: i, half: i / 2, flag: i % 2 === 0, nested: { a: [i, j], b: null }, list: [1, 'two', { three: 3 }],
        mixed: i % 3 === 0 ? j : i % 3 === 1 ? i : true, sometimes: i % 4 === 0 ? null : i, big: i % 5 === 0 ? 2 ** 53 : 2 ** 53 - 1,
        zero: i % 2 ? -0 : 0, exp: 1e21 * (i + 1), tiny: 5e-324, 'naïve key': t, 'a"b': i, rare: i % 1000 === 0 ? 'x' : undefined,
      };
      const fields: Body = { properties, session_id: i % 7 === 0 ? null : `s-${i % 5}-${t}`, view_id: i % 2 ? `v-${t}` : undefined };
      if (i % 11 === 0) fields.aliases = [{ tag: 'email', id: `${j}@x`, priority: i % 3 }];
      if (i % 13 === 0) fields.segments = [i, -i, 2 ** 31 + i];
      const e = event(ws, i, i % 3 ? 'Hard' : 'Other', fields);
      if (i % 17 === 0) delete e.segments; // a body from before audiences
      if (i % 19 === 0) e.time = `${date}T10:00:00Z`; // another shape than toISOString's
      if (i % 23 === 0) e.user_id = t;
      bodies.push(e);
    }
    // More properties than the typed struct takes (one JSON column), and a late kind change (the pass written again).
    bodies.push(event(ws, 3000, 'Wide', { properties: Object.fromEntries(Array.from({ length: 600 }, (_, k) => [`p${k}`, k])) }));
    bodies.push(event(ws, 3001, 'Hard', { properties: { n: 'now text', text: 5 } }));
    await append(ws, bodies);
    const files = await exportBoth(ws, 'hard', { rowGroupRows: 700, partSizeBytes: 512 * 1024 });
    expect(files.length).toBeGreaterThan(3);
    expect(await countWithDuck(files)).toBe(bodies.length);
  });

  it('and the same dictionary decisions and row groups on bigger days', async () => {
    // Per row group of 5,000: `plan` has 3 values (a dictionary pays), `user_id` is all distinct (gives up at the
    // probe of 4,096), `probe` is distinct for 3,650 rows and then one long value (keeps its dictionary: just under
    // the probe's 90%), `note` is long and distinct enough to pass 1 MiB of dictionary mid-group.
    const ws = 'ws-native-dict';
    const bodies = Array.from({ length: 12_000 }, (_, i) =>
      event(ws, i, 'Dict', {
        user_id: `user-${i}`,
        properties: { plan: ['free', 'pro', 'team'][i % 3], note: `${'n'.repeat(300)}-${i % 6000}`, probe: i % 5000 < 3650 ? `d-${i}` : 's'.repeat(100), v: i },
      }),
    );
    await append(ws, bodies);
    const files = await exportBoth(ws, 'dict', { rowGroupRows: 5000 });
    expect(await countWithDuck(files)).toBe(bodies.length);

    // Row groups of 1,000: `blob` passes 1 MiB in the first group only, then repeats one value. The leaf writes the
    // next 8 groups PLAIN without trying, and tries (and keeps) a dictionary again in the tenth.
    const retry = 'ws-native-retry';
    const more = Array.from({ length: 12_000 }, (_, i) => event(retry, i, 'Retry', { properties: { blob: i < 1000 ? `${'b'.repeat(1100)}-${i}` : 'same' } }));
    await append(retry, more);
    expect(await countWithDuck(await exportBoth(retry, 'retry', { rowGroupRows: 1000 }))).toBe(more.length);
  });

  it('pages bigger than a slot of shared memory cross in a buffer of their own, parsed all the same', async () => {
    // Pages of 700 events of about 4 KB: 2.8 MB, more than the reader's 2 MiB slots (the last page fits one).
    const ws = 'ws-native-big';
    const bodies = Array.from({ length: 800 }, (_, i) => event(ws, i, 'Big', { properties: { blob: `${'x'.repeat(4000)}-${i}`, n: i } }));
    await append(ws, bodies);
    expect(await countWithDuck(await exportBoth(ws, 'big'))).toBe(bodies.length);
  });

  it('a body that is not JSON fails the export naming its type, and writes no manifest', async () => {
    const ws = 'ws-native-bad';
    const good = event(ws, 1, 'Fine', { properties: { a: 1 } });
    await append(ws, [good]);
    await inlet.server.services.ingest.log.append(ws, [{ eventId: randomUUID(), type: 'Broken', userId: 'u', time: at(2), receivedAt: at(2), body: '{"event_id":"x","type":"Broken",' }]);
    const { native } = sources(ws);
    const error = await exportDay({ s3: client, bucket, prefix: 'bad/', format: 'PARQUET_SNAPPY', date, source: native }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/event of type Broken in the log is not valid JSON/);
    const listed = await client.send(new GetObjectCommand({ Bucket: bucket, Key: `bad/_manifests/date=${date}.json` })).catch((e: Error) => e);
    expect(listed).toBeInstanceOf(Error);
  });
});
