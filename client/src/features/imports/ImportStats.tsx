import { Show } from 'solid-js';
import type { ImportDetailFragment } from '../../gql/graphql';
import { formatDateTime, formatNumber, formatRelative } from '../../lib/format';
import { isRunLive, RunStatusBadge } from '../../lib/status';
import type { Run } from './live';

/** The import page's three figures: rows imported, the last finished run and the next scheduled one. */
export function ImportStats(props: { imp: ImportDetailFragment; runs: Run[]; now: number }) {
  const imp = () => props.imp;
  const last = () => props.runs.find((r) => !isRunLive(r.status));
  return (
    <div class="stats">
      <div class="stat">
        <span class="stat-label">Rows in Inlet</span>
        <span class="stat-value" data-stat="rows">
          {formatNumber(imp().rowCount)}
        </span>
      </div>
      <div class="stat">
        <span class="stat-label">Last run</span>
        <span class="stat-value">
          <Show when={last()} fallback={<span class="muted">Never</span>}>
            {(r) => (
              <span class="inline-status">
                <RunStatusBadge status={r().status} title={r().error} />
                <span class="small muted">{formatRelative(r().finishedAt ?? r().queuedAt, props.now)}</span>
              </span>
            )}
          </Show>
        </span>
      </div>
      <div class="stat">
        <span class="stat-label">Next run</span>
        <span class="stat-value" title={formatDateTime(imp().nextRunAt)}>
          {imp().status !== 'ACTIVE' || imp().connection.status === 'DEPRECATED' || imp().connection.status === 'INACTIVE' ? <span class="muted">None</span> : imp().nextRunAt ? formatRelative(imp().nextRunAt, props.now) : <span class="muted">Manual</span>}
        </span>
      </div>
    </div>
  );
}
