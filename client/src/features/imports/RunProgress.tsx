import { Show } from 'solid-js';
import { formatBytes, formatDateTime, formatNumber } from '../../lib/format';
import { RunStatusBadge } from '../../lib/status';
import { Spinner } from '../../lib/ui';
import { formatDuration, type Run } from './live';

/** The progress of the run in flight: files, rows and time, updated by `importRunUpdated`; time counts in the browser between messages. */
export function RunProgress(props: { run: Run; elapsedMs: number | null }) {
  const r = () => props.run;
  const pct = () => (r().filesTotal ? Math.round((100 * (r().filesDone ?? 0)) / r().filesTotal!) : null);
  return (
    <section class="card section progress-card" aria-labelledby="progress-title" aria-live="polite">
      <div class="progress-head">
        <h2 id="progress-title" class="section-title">
          <span class="inline-status">
            <Spinner label="Run in progress" />
            {r().status === 'QUEUED' ? 'Run queued' : 'Run in progress'}
          </span>
        </h2>
        <RunStatusBadge status={r().status} />
      </div>
      <Show when={r().status === 'QUEUED' && r().notBefore}>
        <p class="muted small">Retry {r().attempt} waits until {formatDateTime(r().notBefore)}.</p>
      </Show>
      <div
        class="progress"
        role="progressbar"
        aria-label="Files read"
        aria-valuemin="0"
        aria-valuemax={r().filesTotal ?? undefined}
        aria-valuenow={r().filesDone ?? undefined}
        classList={{ indeterminate: pct() === null }}
      >
        <div class="progress-bar" style={{ width: `${pct() ?? 30}%` }} />
      </div>
      <div class="progress-facts">
        <span>
          <strong>{r().filesTotal != null ? `${formatNumber(r().filesDone ?? 0)} / ${formatNumber(r().filesTotal)}` : '—'}</strong> files
        </span>
        <span>
          <strong>{formatNumber(r().rowsRead)}</strong> rows read
        </span>
        <span>
          <strong>{formatNumber(r().rowsImported)}</strong> imported
        </span>
        <span>
          <strong>{formatNumber(r().rowsRejected)}</strong> rejected
        </span>
        <span>
          <strong>{formatBytes(r().bytesRead)}</strong> read
        </span>
        <span>
          <strong>{formatDuration(props.elapsedMs)}</strong> elapsed
        </span>
      </div>
    </section>
  );
}
