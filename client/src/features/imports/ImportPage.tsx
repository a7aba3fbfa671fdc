import { createQuery } from '@urql/solid';
import { createEffect, createMemo, Match, onCleanup, Show, Switch } from 'solid-js';
import { ImportDocument, ImportPreviewDocument, ImportStatusChangedDocument, SchemaChangeDetectedDocument, type ImportDetailFragment } from '../../gql/graphql';
import { FailureBanner } from './FailureBanner';
import type { ImportTypeDef } from './importTypes';
import { apiError, type ApiError } from '../../lib/errors';
import { Link } from '../../lib/router';
import { isRunLive } from '../../lib/status';
import { createNow, EmptyState, ErrorBox, Loading, PageHeader } from '../../lib/ui';
import { ImportHeader } from './ImportHeader';
import { ImportStats } from './ImportStats';
import { createLiveRuns, type Elapsed, type Run } from './live';
import { PreviewSection } from './PreviewSection';
import { RunHistory } from './RunHistory';
import { RunProgress } from './RunProgress';
import { SchemaChangesBanner } from './SchemaChangesBanner';
import { SettingsSection } from './SettingsSection';
import { onSubscription } from '../../lib/subscriptions';

/**
 * One import: header and actions, schema changes, the run in flight (live through `importRunUpdated`, see
 * live.ts), run history with a chart of rows per run, a data preview and the settings. This file loads and
 * wires; each section is its own component.
 */
export function ImportPage(props: { id: string }) {
  const [result, refetch] = createQuery({ query: ImportDocument, variables: () => ({ id: props.id, runs: 30 }) });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const [preview, refetchPreview] = createQuery({ query: ImportPreviewDocument, variables: () => ({ id: props.id, limit: 20 }) });
  const reloadAll = () => {
    reload();
    refetchPreview({ requestPolicy: 'network-only' });
  };
  const imp = () => result.data?.import;
  const baseRuns = createMemo(() => imp()?.runs.edges.map((e) => e.node));
  const live = createLiveRuns(() => props.id, baseRuns, reloadAll);

  onSubscription(SchemaChangeDetectedDocument, () => ({ importId: props.id }), reload);
  // Blocked, unblocked (the source reverted), paused, resumed — from any tab or server: the page follows without a reload.
  onSubscription(ImportStatusChangedDocument, () => ({ importId: props.id }), reload);
  // A queued run may start before the subscription opened: poll while one is not finished.
  createEffect(() => {
    if (!live.runs().some((r) => isRunLive(r.status))) return;
    const t = setInterval(reload, 3000);
    onCleanup(() => clearInterval(t));
  });

  return (
    <Switch>
      <Match when={result.error && !result.data}>
        <PageHeader back={<Link href="/imports">← Imports</Link>} title="Import" />
        <ErrorBox title="The import could not be loaded." error={apiError(result.error)} onRetry={reload} />
      </Match>
      <Match when={!result.data}>
        <Loading label="Loading the import…" />
      </Match>
      <Match when={!imp()}>
        <EmptyState title="Import not found" action={<Link href="/imports" class="btn">Back to imports</Link>}>
          It may have been deleted, or it belongs to another workspace.
        </EmptyState>
      </Match>
      <Match when={imp()}>
        {(i) => (
          <ImportView
            imp={i()}
            typeDef={result.data?.importTypes.find((t) => t.type === i().type)}
            runs={live.runs()}
            elapsedMs={live.elapsedMs}
            preview={preview.data?.import?.preview}
            previewError={apiError(preview.error)}
            onRunQueued={live.add}
            reload={reloadAll}
          />
        )}
      </Match>
    </Switch>
  );
}

function ImportView(props: {
  imp: ImportDetailFragment;
  typeDef: ImportTypeDef | undefined;
  runs: Run[];
  elapsedMs: Elapsed;
  preview: unknown[] | undefined;
  previewError: ApiError | null;
  onRunQueued: (run: Run) => void;
  reload: () => void;
}) {
  const now = createNow(1000);
  const current = () => props.runs.find((r) => isRunLive(r.status));
  const lastFinished = () => props.runs.find((r) => !isRunLive(r.status));
  const canRun = () => !current() && props.imp.status !== 'BLOCKED' && props.imp.connection.status !== 'DEPRECATED' && props.imp.connection.status !== 'INACTIVE';
  return (
    <>
      <ImportHeader
        imp={props.imp}
        typeLabel={props.typeDef?.label}
        runCount={props.runs.length}
        running={!!current()}
        lastRunStatus={lastFinished()?.status}
        onRunQueued={props.onRunQueued}
        reload={props.reload}
      />
      <Show when={!current() && lastFinished()?.status === 'FAILED' && lastFinished()} keyed>
        {(run) => <FailureBanner run={run} canRun={canRun()} unavailableId="run-unavailable" onRunQueued={props.onRunQueued} />}
      </Show>
      <SchemaChangesBanner imp={props.imp} onChanged={props.reload} />
      <ImportStats imp={props.imp} runs={props.runs} now={now()} />
      <Show when={current()}>{(run) => <RunProgress run={run()} elapsedMs={props.elapsedMs(run(), now())} />}</Show>
      <RunHistory imp={props.imp} runs={props.runs} elapsedMs={props.elapsedMs} now={now()} />
      <div class="detail-grid">
        <div class="detail-main">
          <PreviewSection imp={props.imp} rows={props.preview} error={props.previewError} />
        </div>
        <div class="detail-side">
          <SettingsSection imp={props.imp} def={props.typeDef} />
        </div>
      </div>
    </>
  );
}
