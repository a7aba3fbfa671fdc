/**
 * The read side of runs (server/pipeline/parallel-read.ts): runs of one process read on a shared worker thread,
 * up to two at once, each with its own batches in order; a run given up halfway is cancelled there without stopping
 * the other; a batch's buffers go back to the worker once the run asks for the next; text comes as strings or bytes.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import type { Connector, ReadRequest, ReadUnit } from '../../server/connectors/connector.js';
import { s3Factory } from '../../server/connectors/files/s3.factory.js';
import { ParallelRead, type ColumnBatch, type TextHandover } from '../../server/pipeline/parallel-read.js';
import { S3_KEY, startS3, type LocalS3 } from '../helpers/s3.js';

const BUCKET = 'inlet-parallel-read';
const ROWS = 20_000;
const config = loadConfig({ INLET_ALLOW_PRIVATE_ENDPOINTS: 'true', LOG_LEVEL: 'warn' });
let s3: LocalS3;
let settings: Record<string, unknown>;

beforeAll(async () => {
  s3 = await startS3();
  await s3.createBucket(BUCKET);
  const lines = ['id,name'];
  for (let i = 1; i <= ROWS; i++) lines.push(`${i},user-${i % 97}`);
  await s3.put(BUCKET, 'landing/events/part-0.csv', Buffer.from(lines.join('\n') + '\n'));
  settings = { region: 'us-east-1', bucketName: BUCKET, schemaPrefix: 'landing/', dataFormat: 'CSV', partitioning: 'NO_TABLES', endpoint: s3.endpoint };
});

afterAll(async () => {
  await s3?.close();
});

/** A run's reader of the one CSV file, in batches of 1,000 rows. */
async function reader(text: TextHandover = 'strings'): Promise<{ read: ParallelRead; units: ReadUnit[] }> {
  const credentials = { ...S3_KEY };
  const connector: Connector = s3Factory.create(settings, credentials, config);
  const request: ReadRequest = { table: 'events', columns: ['id', 'name'], types: { id: 'INTEGER', name: 'STRING' }, batchSize: 1000, maxDecompressedBytes: 1 << 30 };
  const units = await connector.planRead(request);
  expect(units).toHaveLength(1);
  return { read: new ParallelRead({ platform: 'S3', settings, credentials, config }, connector, request, units, null, text), units };
}

/** The ids of a batch, as numbers. */
const ids = (batch: ColumnBatch): number[] => {
  const col = batch.columns[0]!;
  if (col.kind !== 'num') throw new Error(`id column of kind ${col.kind}`);
  return Array.from(col.values.subarray(0, batch.length));
};

it('reads two runs on one worker thread, each its own rows in order, and a third at once on another', async () => {
  const runs = await Promise.all([reader(), reader(), reader()]);
  const iterators = runs.map((r) => r.read.unit(0)[Symbol.asyncIterator]());
  try {
    // Each run takes its first batch before any reads on: all three are reading at once.
    const first = await Promise.all(iterators.map((it) => it.next()));
    const threads = await Promise.all(runs.map((r) => r.read.readerThread()));
    expect(threads.every((t) => typeof t === 'number' && t > 0)).toBe(true);
    // Two share a worker (whichever two asked first), the third has one of its own.
    const counts = [...new Set(threads)].map((t) => threads.filter((x) => x === t).length).sort();
    expect(counts).toEqual([1, 2]);
    // Read to the end, taking a batch of each run in turn.
    const seen: number[][] = first.map((r) => ids(r.value as ColumnBatch));
    const done = [false, false, false];
    while (done.includes(false)) {
      for (let k = 0; k < 3; k++) {
        if (done[k]) continue;
        const next = await iterators[k]!.next();
        if (next.done) done[k] = true;
        else seen[k]!.push(...ids(next.value));
      }
    }
    const all = Array.from({ length: ROWS }, (_, i) => i + 1);
    for (const s of seen) expect(s).toEqual(all);
  } finally {
    for (const r of runs) r.read.close();
  }
});

it('cancels a run given up halfway on the shared worker without stopping the other run there', async () => {
  const [a, b] = await Promise.all([reader(), reader()]);
  const itA = a.read.unit(0)[Symbol.asyncIterator]();
  const itB = b.read.unit(0)[Symbol.asyncIterator]();
  try {
    expect((await itA.next()).done).toBe(false);
    const seen = ids((await itB.next()).value as ColumnBatch);
    expect(await b.read.readerThread()).toBe(await a.read.readerThread());
    // Run A stops after its first batch (an insert failed, the run was cancelled).
    a.read.close();
    for (;;) {
      const next = await itB.next();
      if (next.done) break;
      seen.push(...ids(next.value));
    }
    expect(seen).toEqual(Array.from({ length: ROWS }, (_, i) => i + 1));
  } finally {
    a.read.close();
    b.read.close();
  }
});

it("hands a batch's buffers back to the worker when the run asks for the next batch", async () => {
  const { read } = await reader();
  const it = read.unit(0)[Symbol.asyncIterator]();
  try {
    const batch = (await it.next()).value as ColumnBatch;
    const col = batch.columns[0]!;
    if (col.kind !== 'num') throw new Error(`id column of kind ${col.kind}`);
    expect(col.values.length).toBe(1000);
    await it.next();
    // Transferred back: detached here, so its memory is freed by the worker rather than by this thread's next full GC.
    expect(col.values.length).toBe(0);
  } finally {
    read.close();
  }
});

it('hands text over as strings for SQLite, as the UTF-8 bytes for PostgreSQL (buffers handed back), and held for a keyed window', async () => {
  for (const text of ['strings', 'bytes', 'held'] as const) {
    const { read } = await reader(text);
    const it = read.unit(0)[Symbol.asyncIterator]();
    try {
      const batch = (await it.next()).value as ColumnBatch;
      const col = batch.columns[1]!;
      if (text === 'strings') {
        expect(col.kind).toBe('str');
        expect(col.kind === 'str' && col.values.slice(0, 2)).toEqual(['user-1', 'user-2']);
        continue;
      }
      if (col.kind !== 'utf8') throw new Error(`name column of kind ${col.kind}`);
      expect(Buffer.from(col.bytes.subarray(0, col.ends[1])).toString()).toBe('user-1user-2');
      await it.next();
      // Bytes for COPY are done with once the next batch is asked for; a window may still hold them.
      expect(col.bytes.length).toBe(text === 'bytes' ? 0 : col.ends[col.ends.length - 1]);
    } finally {
      read.close();
    }
  }
});
