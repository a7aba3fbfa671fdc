import { createSignal, Show } from 'solid-js';
import type { ImportDetailFragment } from '../../gql/graphql';
import { formatBytes, formatDateTime, formatNumber, formatRelative } from '../../lib/format';
import { isRunLive, RunStatusBadge } from '../../lib/status';
import { DataTable, EmptyState, Section } from '../../lib/ui';
import { formatDuration, type Elapsed, type Run } from './live';
import { RejectsDialog } from './RejectsDialog';
import { RunsChart } from './RunsChart';

/** The import page's run history: a chart of rows per run and a table of runs, whose rejected counts open the rejected rows. */
export function RunHistory(props: { imp: ImportDetailFragment; runs: Run[]; elapsedMs: Elapsed; now: number }) {
  const imp = () => props.imp;
  const [rejectsOf, setRejectsOf] = createSignal<Run | null>(null);
  return (
    <>
      <Section id="runs-title" title="Runs" spaced>
        <Show
          when={props.runs.length}
          fallback={
            <EmptyState title="No runs yet">
              {imp().nextRunAt ? `The first scheduled run is ${formatRelative(imp().nextRunAt, props.now)}. ` : ''}Use Run now to import the table now.
            </EmptyState>
          }
        >
          <RunsChart runs={props.runs} />
          <DataTable
            label="Run history"
            class="table-compact"
            rows={props.runs}
            head={
              <>
                <th scope="col">Status</th>
                <th scope="col">Started</th>
                <th scope="col">Trigger</th>
                <th scope="col" class="num">
                  Duration
                </th>
                <th scope="col" class="num">
                  Rows read
                </th>
                <th scope="col" class="num">
                  Imported
                </th>
                <th scope="col" class="num">
                  Rejected
                </th>
                <th scope="col" class="num">
                  Data read
                </th>
                <th scope="col">Error</th>
              </>
            }
          >
            {(r) => (
              <tr data-run-id={r.id} data-run-status={r.status}>
                <td>
                  <RunStatusBadge status={r.status} />
                </td>
                <td>
                  <time dateTime={r.startedAt ?? r.queuedAt} title={formatDateTime(r.startedAt ?? r.queuedAt)}>
                    {formatDateTime(r.startedAt ?? r.queuedAt)}
                  </time>
                </td>
                <td>
                  {r.trigger.charAt(0) + r.trigger.slice(1).toLowerCase()}
                  {r.attempt > 1 ? ` (attempt ${r.attempt})` : ''}
                </td>
                <td class="num">{formatDuration(props.elapsedMs(r, props.now))}</td>
                <td class="num" data-cell="read">
                  {formatNumber(r.rowsRead)}
                </td>
                {/* Only a succeeded run published rows: a failed or cancelled one imported none, whatever it staged. */}
                <td class="num" data-cell="imported">
                  <Show when={r.status === 'SUCCEEDED' || isRunLive(r.status)} fallback={<span class="muted" title="Nothing from this run was published">None</span>}>
                    {formatNumber(r.rowsImported)}
                  </Show>
                  <Show when={r.status === 'SUCCEEDED' && r.rowsRead === 0 && r.filesTotal === 0}>
                    <span class="small muted block">no new files</span>
                  </Show>
                </td>
                <td class="num">
                  <Show when={r.rowsRejected > 0} fallback="0">
                    <button type="button" class="link-button" onClick={() => setRejectsOf(r)}>
                      {formatNumber(r.rowsRejected)}
                    </button>
                  </Show>
                </td>
                <td class="num">{formatBytes(r.bytesRead)}</td>
                <td class="cell-error" title={r.error ?? ''}>
                  {r.error ?? ''}
                </td>
              </tr>
            )}
          </DataTable>
        </Show>
      </Section>
      <RejectsDialog run={rejectsOf()} onClose={() => setRejectsOf(null)} />
    </>
  );
}
