/**
 * The worker thread of parallel-read.ts: per job, creates the connector from the platform, settings and credentials
 * it is sent, reads the units in order and posts each batch as columns (typed arrays transferred). Jobs run side by
 * side (runs of one process share a worker, parallel-read.ts's JOBS_PER_WORKER), each with its own credit, and a job
 * the main thread gives up is cancelled on its own. It logs nothing itself; anything a connector logs goes through
 * the main thread's logger (sink, level, redaction), and every credential string is registered for redaction here too.
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
 * A job being read and its credit: batches it may still send before the main thread has taken them; the database
 * whose write-ahead log this thread copies while it waits for credit (db/wal-checkpoints.ts); whether the main thread
 * gave it up.
 */
interface Job {
  id: number;
  credit: number;
  wake: (() => void) | null;
  wal: WalCheckpointer | null;
  cancelled: boolean;
}
const jobs = new Map<number, Job>();

port.on('message', (message: ToWorker) => {
  if (message.type === 'job') {
    void run(message);
    return;
  }
  const job = jobs.get(message.id);
  if (!job) return;
  // A credit's `spent` (the buffers of the batches taken) is dropped with the message: freed at the next scavenge.
  if (message.type === 'credit') job.credit += message.n;
  else job.cancelled = true;
  const wake = job.wake;
  job.wake = null;
  wake?.();
});

/** Waits for credit to send one more batch; false when the job was cancelled meanwhile. */
async function credit(job: Job): Promise<boolean> {
  while (job.credit <= 0 && !job.cancelled) {
    // Inserting is behind reading: use the wait to take the log off the inserting thread.
    job.wal?.checkpoint();
    if (job.credit <= 0) await new Promise<void>((resolve) => (job.wake = resolve));
  }
  job.credit--;
  return !job.cancelled;
}

async function run(message: Extract<ToWorker, { type: 'job' }>): Promise<void> {
  const job: Job = { id: message.id, credit: message.credit, wake: null, wal: null, cancelled: false };
  jobs.set(job.id, job);
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
          if (!(await credit(job))) return;
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
    jobs.delete(job.id);
    // After the last unit's end: the worker may already have its next job, which has its own connector.
    await connector?.close?.().catch(() => undefined);
  }
}

send({ type: 'ready' });
