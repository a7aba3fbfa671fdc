/**
 * The worker thread of parallel-read.ts: per job, creates the connector from the platform, settings and credentials
 * it is sent, reads the units in order and posts each batch as columns (typed arrays transferred). It logs nothing
 * itself; anything a connector logs goes through the main thread's logger (sink, level, redaction), and every
 * credential string is registered for redaction here too.
 */
import { parentPort } from 'node:worker_threads';
import { registerSecrets } from '../connections/secrets.js';
import type { Connector } from '../connectors/connector.js';
import { SourceError } from '../connectors/errors.js';
import type { IoStats } from '../connectors/files/object-store.js';
import type { RecordBatch } from '../connectors/formats/format.js';
import { connectorFactories } from '../connectors/registry.js';
import { WalCheckpointer } from '../db/wal-checkpoints.js';
import { setLogLevel, setLogSink } from '../log.js';
import { toWire, toWireBatch, type FromWorker, type ToWorker } from './parallel-read.js';

const port = parentPort!;
const send = (message: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

setLogSink((line) => send({ type: 'log', line }));

/**
 * The job being read and its credit: batches it may still send before the main thread has taken them; and the
 * database whose write-ahead log this thread copies while it waits for credit (db/wal-checkpoints.ts).
 */
let current: { id: number; credit: number; wake: (() => void) | null; wal: WalCheckpointer | null } | null = null;

port.on('message', (message: ToWorker) => {
  if (message.type === 'job') {
    void run(message);
  } else if (message.type === 'credit' && current?.id === message.id) {
    current.credit += message.n;
    const wake = current.wake;
    current.wake = null;
    wake?.();
  }
});

async function credit(job: NonNullable<typeof current>): Promise<void> {
  while (job.credit <= 0) {
    // Inserting is behind reading: use the wait to take the log off the inserting thread.
    job.wal?.checkpoint();
    if (job.credit <= 0) await new Promise<void>((resolve) => (job.wake = resolve));
  }
  job.credit--;
}

async function run(message: Extract<ToWorker, { type: 'job' }>): Promise<void> {
  const job: NonNullable<typeof current> = { id: message.id, credit: message.credit, wake: null, wal: null };
  current = job;
  setLogLevel(message.config.logLevel);
  registerSecrets(message.credentials);
  let connector: Connector | null = null;
  const stats = (): IoStats => ({ requests: connector?.stats.requests ?? 0, bytesRead: connector?.stats.bytesRead ?? 0 });
  const width = message.request.columns.length;
  try {
    job.wal = message.walFile ? WalCheckpointer.open(message.walFile) : null;
    const factory = connectorFactories[message.platform];
    if (!factory) throw new SourceError('user', `Platform ${message.platform} is not available on this server`);
    connector = factory.create(message.settings, message.credentials, message.config);
    for (let u = 0; u < message.units.length; u++) {
      const batches = connector.read(message.units[u]!, message.request)[Symbol.asyncIterator]();
      let ended = false;
      try {
        for (;;) {
          // Wait for credit before reading on: the source is not read faster than the main thread inserts.
          await credit(job);
          const next: IteratorResult<RecordBatch> = await batches.next();
          if (next.done) {
            ended = true;
            job.credit++;
            break;
          }
          const { wire, transfer } = toWireBatch(next.value, width);
          send({ type: 'batch', id: job.id, unit: u, batch: wire, stats: stats() }, transfer);
        }
      } finally {
        if (!ended) await batches.return?.(undefined);
      }
      send({ type: 'unit-end', id: job.id, unit: u, stats: stats() });
    }
  } catch (error) {
    send({ type: 'error', id: job.id, error: toWire(error), stats: stats() });
  } finally {
    job.wal?.close();
    if (current === job) current = null;
    // After the last unit's end: the worker may already have its next job, which has its own connector.
    await connector?.close?.().catch(() => undefined);
  }
}

send({ type: 'ready' });
