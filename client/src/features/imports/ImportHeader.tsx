import { createMutation } from '@urql/solid';
import { createSignal, Show } from 'solid-js';
import { DeleteImportDocument, PauseImportDocument, RefreshConnectionSchemaDocument, ResumeImportDocument, ResyncImportDocument, RunImportDocument, type ImportDetailFragment, type ImportRunStatus } from '../../gql/graphql';
import { apiError, type ApiError } from '../../lib/errors';
import { formatNumber } from '../../lib/format';
import { Link, navigate } from '../../lib/router';
import { describeSchedule, ImportStatusBadge } from '../../lib/status';
import { BusyButton, Dialog, ErrorBox, Notice, PageHeader } from '../../lib/ui';
import { EditImportDialog } from './EditImportDialog';
import { enumWords } from './importTypes';
import type { Run } from './live';

/**
 * The import page's header: name, status and source; the actions (Run now, Pause/Resume, Edit, Delete with its
 * confirmation); the error of the last action; and the notices that explain a Blocked, Paused or unusable state.
 */
export function ImportHeader(props: {
  imp: ImportDetailFragment;
  typeLabel: string | undefined;
  runCount: number;
  running: boolean;
  lastRunStatus?: ImportRunStatus | null;
  onRunQueued: (run: Run) => void;
  reload: () => void;
}) {
  const imp = () => props.imp;
  const [refreshState, refreshSchema] = createMutation(RefreshConnectionSchemaDocument);
  // A disabled action says why, beside the actions (and to screen readers through aria-describedby).
  const runBlockedBy = () => {
    if (imp().status === 'BLOCKED') return 'Run now and Pause are unavailable while a schema change blocks this import.';
    const c = imp().connection.status;
    if (c === 'DEPRECATED') return `Run now is unavailable: the connection ${imp().connection.name} is deprecated, so runs cannot start.`;
    if (c === 'INACTIVE') return `Run now is unavailable: the connection ${imp().connection.name} is inactive. Validate it again first.`;
    if (props.running) return 'A run is in progress: Run now is available again when it ends.';
    return null;
  };
  const newImportHref = () => `/imports/new?connection=${encodeURIComponent(imp().connection.id)}&table=${encodeURIComponent(imp().table)}`;
  const [actionError, setActionError] = createSignal<ApiError | null>(null);
  const [dialog, setDialog] = createSignal<'delete' | 'edit' | 'resync' | null>(null);
  const [resyncState, resync] = createMutation(ResyncImportDocument);
  const [runState, runNow] = createMutation(RunImportDocument);
  const [pauseState, pause] = createMutation(PauseImportDocument);
  const [resumeState, resume] = createMutation(ResumeImportDocument);
  const [deleteState, remove] = createMutation(DeleteImportDocument);

  const act = async (action: () => Promise<{ error?: Parameters<typeof apiError>[0] }>) => {
    setActionError(null);
    const res = await action();
    if (res.error) setActionError(apiError(res.error));
    props.reload();
  };
  const doRun = async () => {
    setActionError(null);
    const res = await runNow({ id: imp().id });
    if (res.data?.runImport) props.onRunQueued(res.data.runImport);
    else setActionError(apiError(res.error));
  };
  const doResync = async () => {
    setActionError(null);
    const res = await resync({ id: imp().id });
    setDialog(null);
    if (res.data?.resyncImport) props.onRunQueued(res.data.resyncImport);
    else setActionError(apiError(res.error));
  };
  const doDelete = async () => {
    const res = await remove({ id: imp().id });
    if (res.data?.deleteImport) navigate('/imports');
    else setActionError(apiError(res.error));
  };

  return (
    <>
      <PageHeader
        back={<Link href="/imports">← Imports</Link>}
        title={
          <span class="title-with-badge">
            {imp().name}
            <ImportStatusBadge status={imp().status} reason={imp().statusReason} lastRunStatus={props.lastRunStatus} connectionStatus={imp().connection.status} />
          </span>
        }
        subtitle={
          <>
            {props.typeLabel ?? enumWords(imp().type)} from <Link href={`/connections/${imp().connection.id}`}>{imp().connection.name}</Link> ·{' '}
            <span class="mono">{imp().table}</span> · {describeSchedule(imp().schedule)}
          </>
        }
        actions={
          <>
            <BusyButton class="btn btn-primary" busy={runState.fetching} busyLabel="Queuing" disabled={!!runBlockedBy()} describedBy={runBlockedBy() ? 'run-unavailable' : undefined} onClick={doRun}>
              {props.running ? 'Running…' : 'Run now'}
            </BusyButton>
            <Show
              when={imp().status === 'PAUSED'}
              fallback={
                <button type="button" class="btn" onClick={() => act(() => pause({ id: imp().id }))} disabled={pauseState.fetching || imp().status === 'BLOCKED'} aria-describedby={imp().status === 'BLOCKED' ? 'run-unavailable' : undefined}>
                  Pause
                </button>
              }
            >
              <button type="button" class="btn" onClick={() => act(() => resume({ id: imp().id }))} disabled={resumeState.fetching}>
                Resume
              </button>
            </Show>
            <button type="button" class="btn" disabled={props.running || imp().status === 'BLOCKED'} onClick={() => setDialog('resync')}>
              Re-sync
            </button>
            <button type="button" class="btn" onClick={() => setDialog('edit')}>
              Edit
            </button>
            <button type="button" class="btn btn-danger" onClick={() => setDialog('delete')}>
              Delete
            </button>
          </>
        }
      />
      <Show when={runBlockedBy()}>
        <p class="action-hint" id="run-unavailable">
          {runBlockedBy()}
        </p>
      </Show>
      <ErrorBox error={actionError()} />
      <Show when={imp().status === 'BLOCKED'}>
        <section class="notice notice-danger blocked-notice" aria-labelledby="blocked-title">
          <div>
            <h2 id="blocked-title" class="notice-title">
              Blocked: the table’s schema changed at the source
            </h2>
            <p>Runs stop until one of these:</p>
            <ul class="ways-out">
              <li>
                <strong>Revert the change at the source.</strong> This page unblocks on its own when Inlet sees the table as it was.{' '}
                <button type="button" class="btn btn-small" disabled={refreshState.fetching} onClick={() => act(() => refreshSchema({ id: imp().connection.id }))}>
                  Check the source again
                </button>
              </li>
              <li>
                <strong>Keep the new schema</strong> in a new import of the same table.{' '}
                <Link href={newImportHref()} class="btn btn-small">
                  New import for the new schema
                </Link>
              </li>
            </ul>
            <Show when={!imp().schemaChanges.some((c) => c.status === 'PENDING') && imp().statusReason}>
              <details class="small">
                <summary>Details</summary>
                <p>{imp().statusReason}</p>
              </details>
            </Show>
          </div>
        </section>
      </Show>
      <Show when={imp().status === 'PAUSED'}>
        <Notice tone="neutral" role="status">
          <strong>Paused.</strong> No scheduled runs until you resume it; Run now still works.
        </Notice>
      </Show>
      <Show when={imp().connection.status === 'DEPRECATED'}>
        <Notice tone="warning" role="status">
          Its connection <Link href={`/connections/${imp().connection.id}`}>{imp().connection.name}</Link> is deprecated: its platform has been retired on
          this server. The import keeps its history and data but cannot run, and has no next run.
        </Notice>
      </Show>
      <Show when={imp().connection.status === 'INACTIVE' || imp().connection.status === 'PROCESSING'}>
        <Notice tone="warning" role="status">
          Its connection <Link href={`/connections/${imp().connection.id}`}>{imp().connection.name}</Link> is {imp().connection.status === 'INACTIVE' ? 'inactive' : 'being validated'}:
          runs fail until it is Active again.
        </Notice>
      </Show>

      <EditImportDialog imp={imp()} open={dialog() === 'edit'} onClose={() => setDialog(null)} onDone={props.reload} />
      <Dialog open={dialog() === 'resync'} title="Re-sync import" onClose={() => setDialog(null)}>
        <p>
          Import all of <span class="mono">{imp().table}</span> again, from scratch? The {formatNumber(imp().rowCount)} rows there now stay in place while it runs, and are
          replaced in one step only if the re-sync succeeds.
        </p>
        <div class="form-actions">
          <BusyButton class="btn btn-primary" busy={resyncState.fetching} busyLabel="Queuing" onClick={doResync}>
            Re-sync
          </BusyButton>
          <button type="button" class="btn btn-ghost" onClick={() => setDialog(null)}>
            Cancel
          </button>
        </div>
      </Dialog>
      <Dialog open={dialog() === 'delete'} title="Delete import" onClose={() => setDialog(null)}>
        <p>
          Delete <strong>{imp().name}</strong>? This removes the import, its {props.runCount} {props.runCount === 1 ? 'run' : 'runs'} of history and the{' '}
          {formatNumber(imp().rowCount)} rows it imported. It cannot be undone.
        </p>
        <div class="form-actions">
          <button type="button" class="btn btn-danger-solid" disabled={deleteState.fetching} onClick={doDelete}>
            Delete import
          </button>
          <button type="button" class="btn btn-ghost" onClick={() => setDialog(null)}>
            Cancel
          </button>
        </div>
      </Dialog>
    </>
  );
}
