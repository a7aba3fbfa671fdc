import { createMutation, createQuery } from '@urql/solid';
import { createMemo, For, Show } from 'solid-js';
import { ImportRunRejectsDocument, RunImportDocument } from '../../gql/graphql';
import { apiError } from '../../lib/errors';
import { formatDateTime, formatNumber } from '../../lib/format';
import { BusyButton, ErrorBox } from '../../lib/ui';
import type { Run } from './live';

/** Rejected rows of a sample, grouped by reason, most frequent first. */
export function groupRejects(rejects: readonly { reason: string }[]): { reason: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const r of rejects) counts.set(r.reason, (counts.get(r.reason) ?? 0) + 1);
  return [...counts].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}

/**
 * The newest finished run failed: say so above everything, with the whole reason (not a cut-off cell), what the run
 * read (nothing was published), the rejected rows grouped by reason, and "Run again".
 */
export function FailureBanner(props: { run: Run; canRun: boolean; unavailableId?: string; onRunQueued: (run: Run) => void }) {
  const [rejects] = createQuery({ query: ImportRunRejectsDocument, variables: () => ({ id: props.run.id }), pause: () => props.run.rowsRejected === 0 });
  const groups = createMemo(() => groupRejects(rejects.data?.importRun?.rejects ?? []));
  const sampled = () => rejects.data?.importRun?.rejects.length ?? 0;
  const [runState, runNow] = createMutation(RunImportDocument);
  const again = async () => {
    const res = await runNow({ id: props.run.importId });
    if (res.data?.runImport) props.onRunQueued(res.data.runImport);
  };
  return (
    <section class="failure-banner" aria-labelledby="failure-title" data-failed-run={props.run.id}>
      <div class="failure-head">
        <div>
          <h2 id="failure-title" class="section-title">
            The last run failed
          </h2>
          <p class="small">
            {formatDateTime(props.run.finishedAt ?? props.run.queuedAt)} · read {formatNumber(props.run.rowsRead)} {props.run.rowsRead === 1 ? 'row' : 'rows'}
            {props.run.rowsRejected ? `, rejected ${formatNumber(props.run.rowsRejected)}` : ''}. Nothing from this run was published: the imported rows are
            those of the last successful run.
          </p>
        </div>
        <BusyButton class="btn btn-primary" busy={runState.fetching} busyLabel="Queuing" disabled={!props.canRun} describedBy={props.canRun ? undefined : props.unavailableId} onClick={again}>
          Run again
        </BusyButton>
      </div>
      <p class="failure-reason" data-testid="failure-reason">
        {props.run.error ?? 'The run failed without a reason.'}
      </p>
      <ErrorBox error={apiError(runState.error)} />
      <Show when={groups().length}>
        <h3 class="subsection-title">Rejected rows by reason</h3>
        <ul class="reject-groups">
          <For each={groups()}>
            {(g) => (
              <li data-reject-reason={g.reason}>
                <span class="reject-count">{formatNumber(g.count)}</span> <span>{g.reason}</span>
              </li>
            )}
          </For>
        </ul>
        <Show when={sampled() < props.run.rowsRejected}>
          <p class="small muted">Counts from a sample of {formatNumber(sampled())} of the {formatNumber(props.run.rowsRejected)} rejected rows.</p>
        </Show>
      </Show>
    </section>
  );
}
