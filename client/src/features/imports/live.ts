import { createMemo, createSignal } from 'solid-js';
import { ImportRunUpdatedDocument, type ImportRunFieldsFragment, type ImportRunStatus } from '../../gql/graphql';
import { onSubscription } from '../../lib/subscriptions';

/**
 * The live runs of one import: the run history the page loaded, merged with every `importRunUpdated` message and
 * every run the page queued itself. Messages can arrive out of order (a queued run's mutation answer after its
 * first progress message; a reload racing the socket), so a state only ever moves forward: by status rank
 * (QUEUED → RUNNING → final), then by progress counters that only grow. Elapsed time counts in the browser.
 */

export type Run = ImportRunFieldsFragment;

const FINAL = new Set<ImportRunStatus>(['SUCCEEDED', 'FAILED', 'CANCELLED']);

/** True once a run can no longer change. */
export const isFinal = (status: ImportRunStatus) => FINAL.has(status);

const rank = (status: ImportRunStatus) => (FINAL.has(status) ? 2 : status === 'RUNNING' ? 1 : 0);

// Counters a run only ever increases while it runs.
const progress = (r: Run) => [r.filesDone ?? 0, r.rowsRead, r.rowsImported, r.rowsRejected, r.bytesRead];

/** The snapshot to keep when `incoming` arrives for a run known as `current`: never an older state. */
export function laterRun(current: Run | undefined, incoming: Run): Run {
  if (!current) return incoming;
  // A final status is the run's last word: nothing replaces it.
  if (FINAL.has(current.status)) return current;
  const [a, b] = [rank(current.status), rank(incoming.status)];
  if (a !== b) return b > a ? incoming : current;
  const [was, now] = [progress(current), progress(incoming)];
  return now.some((v, i) => v < was[i]!) ? current : incoming;
}

/** A run's duration in ms: from start to finish, or to `now` (browser clock) while it runs; null before it starts. */
export type Elapsed = (run: Run, now: number) => number | null;

/**
 * The import's runs, newest first, with live updates while the component lives. `base` is the history from the
 * last query; `onFinal` runs once per run that reaches a final status through the subscription.
 */
export function createLiveRuns(importId: () => string, base: () => readonly Run[] | undefined, onFinal: (run: Run) => void) {
  const [live, setLive] = createSignal<Record<string, Run>>({});
  // Browser time at which each run started: the server's clock may differ, so it is taken from durationMs on arrival.
  const startedHere = new Map<string, number>();

  const add = (run: Run) => {
    if (run.status === 'RUNNING' && run.durationMs != null) {
      const start = Date.now() - run.durationMs;
      startedHere.set(run.id, Math.min(startedHere.get(run.id) ?? start, start));
    }
    setLive((prev) => {
      const kept = laterRun(prev[run.id], run);
      return kept === prev[run.id] ? prev : { ...prev, [run.id]: kept };
    });
  };

  onSubscription(ImportRunUpdatedDocument, () => ({ importId: importId() }), (result) => {
    const run = result.data?.importRunUpdated;
    if (!run) return;
    const wasFinal = live()[run.id] && isFinal(live()[run.id]!.status);
    add(run);
    if (isFinal(run.status) && !wasFinal) onFinal(run);
  });

  const runs = createMemo(() => {
    const byId = new Map<string, Run>();
    for (const r of base() ?? []) {
      if (r.status === 'RUNNING' && r.durationMs != null && !startedHere.has(r.id)) startedHere.set(r.id, Date.now() - r.durationMs);
      byId.set(r.id, r);
    }
    for (const r of Object.values(live())) byId.set(r.id, laterRun(byId.get(r.id), r));
    return [...byId.values()].sort((a, b) => b.queuedAt.localeCompare(a.queuedAt));
  });

  const elapsedMs: Elapsed = (run, now) => {
    if (!run.startedAt) return null;
    if (run.finishedAt) return new Date(run.finishedAt).getTime() - new Date(run.startedAt).getTime();
    return Math.max(0, now - (startedHere.get(run.id) ?? new Date(run.startedAt).getTime()));
  };

  return { runs, add, elapsedMs };
}

/** A duration for people: "850 ms", "4.2 s", "3 min 5 s", "2 h 10 min". */
export function formatDuration(ms: number | null): string {
  if (ms == null) return '—';
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const m = Math.floor(ms / 60_000);
  return m < 60 ? `${m} min ${Math.round((ms % 60_000) / 1000)} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}
