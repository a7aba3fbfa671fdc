import { createMutation, createQuery, useClient } from '@urql/solid';
import { createEffect, createMemo, createSignal, For, Match, onCleanup, Show, Switch } from 'solid-js';
import {
  DeleteImportDocument,
  ImportDocument,
  ImportPreviewDocument,
  ImportRunRejectsDocument,
  ImportRunUpdatedDocument,
  PauseImportDocument,
  ResumeImportDocument,
  RunImportDocument,
  SchemaChangeDetectedDocument,
  UpdateImportDocument,
  type ImportDetailFragment,
  type ImportRunFieldsFragment,
} from '../../gql/graphql';
import { apiError, type ApiError } from '../../lib/errors';
import { formatBytes, formatDateTime, formatNumber, formatRelative } from '../../lib/format';
import { Link, navigate } from '../../lib/router';
import { describeSchedule, ImportStatusBadge, isRunLive, RunStatusBadge } from '../../lib/status';
import { BusyButton, createNow, DataTable, Dialog, EmptyState, ErrorBox, Fact, Facts, Loading, Notice, PageHeader, Spinner } from '../../lib/ui';
import { IMPORT_TYPES } from './importTypes';
import { RunsChart } from './RunsChart';
import { SchemaChangesBanner } from './SchemaChangesBanner';

type Run = ImportRunFieldsFragment;
const TERMINAL = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);

/** Later states win: a live event never goes back to an older snapshot of the same run. */
function newer(a: Run, b: Run): Run {
  const rank = (r: Run) => (TERMINAL.has(r.status) ? 2 : r.status === 'RUNNING' ? 1 : 0);
  if (rank(a) !== rank(b)) return rank(a) > rank(b) ? a : b;
  return a.rowsRead + (a.filesDone ?? 0) >= b.rowsRead + (b.filesDone ?? 0) ? a : b;
}

/**
 * One import: schema changes, the running run's progress (live through `importRunUpdated`), run history with
 * a chart of rows per run, a data preview, settings, and Run now / Pause / Resume / Delete.
 */
export function ImportPage(props: { id: string }) {
  const [result, refetch] = createQuery({ query: ImportDocument, variables: () => ({ id: props.id, runs: 30 }) });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const [preview, refetchPreview] = createQuery({ query: ImportPreviewDocument, variables: () => ({ id: props.id, limit: 20 }) });
  const reloadAll = () => {
    reload();
    refetchPreview({ requestPolicy: 'network-only' });
  };
  const [live, setLive] = createSignal<Record<string, Run>>({});

  const client = useClient();
  createEffect(() => {
    const importId = props.id;
    const runs = client.subscription(ImportRunUpdatedDocument, { importId }).subscribe((r) => {
      const run = r.data?.importRunUpdated;
      if (!run) return;
      setLive((prev) => ({ ...prev, [run.id]: prev[run.id] ? newer(prev[run.id], run) : run }));
      if (TERMINAL.has(run.status)) reloadAll();
    });
    const changes = client.subscription(SchemaChangeDetectedDocument, { importId }).subscribe(() => reload());
    onCleanup(() => {
      runs.unsubscribe();
      changes.unsubscribe();
    });
  });

  const imp = () => result.data?.import;
  const runs = createMemo(() => {
    const byId = new Map<string, Run>();
    for (const r of imp()?.runs ?? []) byId.set(r.id, r);
    for (const r of Object.values(live())) byId.set(r.id, byId.has(r.id) ? newer(byId.get(r.id)!, r) : r);
    return [...byId.values()].sort((a, b) => b.queuedAt.localeCompare(a.queuedAt));
  });
  // A queued run may start before the subscription opened: poll while one is not finished.
  createEffect(() => {
    if (!runs().some((r) => isRunLive(r.status))) return;
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
            runs={runs()}
            preview={preview.data?.import?.preview}
            previewError={apiError(preview.error)}
            onRunQueued={(run) => setLive((prev) => ({ ...prev, [run.id]: run }))}
            reload={reloadAll}
          />
        )}
      </Match>
    </Switch>
  );
}

function ImportView(props: {
  imp: ImportDetailFragment;
  runs: Run[];
  preview: unknown[] | undefined;
  previewError: ApiError | null;
  onRunQueued: (run: Run) => void;
  reload: () => void;
}) {
  const imp = () => props.imp;
  const now = createNow(1000);
  const [actionError, setActionError] = createSignal<ApiError | null>(null);
  const [dialog, setDialog] = createSignal<'delete' | 'edit' | null>(null);
  const [rejectsOf, setRejectsOf] = createSignal<Run | null>(null);
  const [runState, runNow] = createMutation(RunImportDocument);
  const [pauseState, pause] = createMutation(PauseImportDocument);
  const [resumeState, resume] = createMutation(ResumeImportDocument);
  const [deleteState, remove] = createMutation(DeleteImportDocument);
  const current = () => props.runs.find((r) => isRunLive(r.status));
  const last = () => props.runs.find((r) => !isRunLive(r.status));

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
            <ImportStatusBadge status={imp().status} reason={imp().statusReason} />
          </span>
        }
        subtitle={
          <>
            {IMPORT_TYPES[imp().type]?.label ?? imp().type} from <Link href={`/connections/${imp().connection.id}`}>{imp().connection.name}</Link> ·{' '}
            <span class="mono">{imp().table}</span> · {describeSchedule(imp().schedule)}
          </>
        }
        actions={
          <>
            <BusyButton class="btn btn-primary" busy={runState.fetching} busyLabel="Queuing" disabled={!!current() || imp().status === 'BLOCKED'} onClick={doRun}>
              {current() ? 'Running…' : 'Run now'}
            </BusyButton>
            <Show
              when={imp().status === 'PAUSED'}
              fallback={
                <button type="button" class="btn" onClick={() => act(() => pause({ id: imp().id }))} disabled={pauseState.fetching || imp().status === 'BLOCKED'}>
                  Pause
                </button>
              }
            >
              <button type="button" class="btn" onClick={() => act(() => resume({ id: imp().id }))} disabled={resumeState.fetching}>
                Resume
              </button>
            </Show>
            <button type="button" class="btn" onClick={() => setDialog('edit')}>
              Edit
            </button>
            <button type="button" class="btn btn-danger" onClick={() => setDialog('delete')}>
              Delete
            </button>
          </>
        }
      />
      <ErrorBox error={actionError()} />
      <Show when={imp().status === 'BLOCKED' && !imp().schemaChanges.some((c) => c.status === 'PENDING')}>
        <Notice tone="danger" role="status">
          <strong>Blocked.</strong> {imp().statusReason}
        </Notice>
      </Show>
      <Show when={imp().status === 'PAUSED'}>
        <Notice tone="neutral" role="status">
          <strong>Paused.</strong> No scheduled runs until you resume it; Run now still works.
        </Notice>
      </Show>
      <Show when={imp().connection.status !== 'ACTIVE'}>
        <Notice tone="warning" role="status">
          Its connection <Link href={`/connections/${imp().connection.id}`}>{imp().connection.name}</Link> is {imp().connection.status.toLowerCase()}: runs fail
          until it is Active again.
        </Notice>
      </Show>
      <SchemaChangesBanner imp={imp()} onChanged={props.reload} />

      <div class="stats">
        <div class="stat">
          <span class="stat-label">Rows imported</span>
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
                  <span class="small muted">{formatRelative(r().finishedAt ?? r().queuedAt, now())}</span>
                </span>
              )}
            </Show>
          </span>
        </div>
        <div class="stat">
          <span class="stat-label">Next run</span>
          <span class="stat-value" title={formatDateTime(imp().nextRunAt)}>
            {imp().status !== 'ACTIVE' ? <span class="muted">—</span> : imp().nextRunAt ? formatRelative(imp().nextRunAt, now()) : <span class="muted">Manual</span>}
          </span>
        </div>
      </div>

      <Show when={current()}>{(run) => <RunProgress run={run()} now={now()} />}</Show>

      <section class="card section section-spaced" aria-labelledby="runs-title">
        <h2 id="runs-title" class="section-title">
          Runs
        </h2>
        <Show
          when={props.runs.length}
          fallback={
            <EmptyState title="No runs yet">
              {imp().nextRunAt ? `The first scheduled run is ${formatRelative(imp().nextRunAt, now())}. ` : ''}Use Run now to import the table now.
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
                  Imported
                </th>
                <th scope="col" class="num">
                  Rejected
                </th>
                <th scope="col" class="num">
                  Read
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
                <td class="num">{duration(r, now())}</td>
                <td class="num" data-cell="imported">
                  {formatNumber(r.rowsImported)}
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
      </section>

      <div class="detail-grid">
        <div class="detail-main">
          <PreviewSection imp={imp()} rows={props.preview} error={props.previewError} />
        </div>
        <div class="detail-side">
          <SettingsSection imp={imp()} />
        </div>
      </div>

      <EditImportDialog imp={imp()} open={dialog() === 'edit'} onClose={() => setDialog(null)} onDone={props.reload} />
      <Dialog open={dialog() === 'delete'} title="Delete import" onClose={() => setDialog(null)}>
        <p>
          Delete <strong>{imp().name}</strong>? This removes the import, its {props.runs.length} {props.runs.length === 1 ? 'run' : 'runs'} of history and the{' '}
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
      <RejectsDialog run={rejectsOf()} onClose={() => setRejectsOf(null)} />
    </>
  );
}

function duration(r: Run, now: number): string {
  if (!r.startedAt) return '—';
  const ms = r.finishedAt ? new Date(r.finishedAt).getTime() - new Date(r.startedAt).getTime() : (r.durationMs ?? now - new Date(r.startedAt).getTime());
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const m = Math.floor(ms / 60_000);
  return m < 60 ? `${m} min ${Math.round((ms % 60_000) / 1000)} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** The progress of the run in flight: files, rows and time, updated by `importRunUpdated`. */
function RunProgress(props: { run: Run; now: number }) {
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
          <strong>{duration(r(), props.now)}</strong> elapsed
        </span>
      </div>
    </section>
  );
}

function PreviewSection(props: { imp: ImportDetailFragment; rows: unknown[] | undefined; error: ApiError | null }) {
  const columns = () => props.imp.storedColumns;
  const cell = (row: unknown, name: string) => {
    const v = (row as Record<string, unknown>)?.[name];
    if (v === null || v === undefined) return { text: 'null', empty: true };
    return { text: typeof v === 'object' ? JSON.stringify(v) : String(v), empty: false };
  };
  return (
    <section class="card section" aria-labelledby="preview-title">
      <h2 id="preview-title" class="section-title">
        Data preview
      </h2>
      <Show when={props.rows?.length}>
        <p class="muted small section-hint">
          The first {props.rows!.length} imported {props.rows!.length === 1 ? 'row' : 'rows'}, as Inlet stores them.
        </p>
      </Show>
      <Switch>
        <Match when={props.error && !props.rows}>
          <ErrorBox error={props.error} />
        </Match>
        <Match when={!props.rows}>
          <Loading />
        </Match>
        <Match when={props.rows!.length === 0}>
          <EmptyState title="No rows yet">Rows appear here after the first successful run.</EmptyState>
        </Match>
        <Match when={true}>
          <DataTable
            label="Data preview"
            class="table-compact preview-table"
            rows={props.rows}
            head={
              <>
                <For each={columns()}>
                  {(c) => (
                    <th scope="col">
                      <span class="th-name">{c.name}</span> <span class="type">{c.type}</span>
                    </th>
                  )}
                </For>
              </>
            }
          >
            {(row) => (
              <tr>
                <For each={columns()}>
                  {(c) => {
                    const v = cell(row, c.name);
                    return (
                      <td class="mono" classList={{ muted: v.empty }} title={v.text.length > 40 ? v.text : undefined}>
                        {v.text.length > 60 ? v.text.slice(0, 60) + '…' : v.text}
                      </td>
                    );
                  }}
                </For>
              </tr>
            )}
          </DataTable>
        </Match>
      </Switch>
    </section>
  );
}

function SettingsSection(props: { imp: ImportDetailFragment }) {
  const i = () => props.imp;
  const info = () => IMPORT_TYPES[i().type];
  const typeOf = (name: string) => i().storedColumns.find((c) => c.name === name)?.type;
  return (
    <section class="card section" aria-labelledby="import-settings-title">
      <h2 id="import-settings-title" class="section-title">
        Settings
      </h2>
      <Facts>
        <Fact label="Type">{info()?.label ?? i().type}</Fact>
        <Fact label="Source">
          <Link href={`/connections/${i().connection.id}`}>{i().connection.name}</Link> ({i().connection.platform.name})
          <div class="mono small">{i().table}</div>
        </Fact>
        <For each={info()?.mappings.filter((m) => (i() as unknown as Record<string, string | null>)[m.key]) ?? []}>
          {(m) => {
            const col = () => (i() as unknown as Record<string, string>)[m.key];
            return (
              <Fact label={m.label.replace(/ column$/, '')}>
                <span class="mono">{col()}</span> <span class="type">{typeOf(col())}</span>
              </Fact>
            );
          }}
        </For>
        <Show when={i().identifierType}>
          <Fact label="Identifier type">
            <span class="mono">{i().identifierType}</span>
          </Fact>
        </Show>
        <Fact label="Attributes">
          <Show when={i().columns.length} fallback={<span class="muted">None</span>}>
            <ul class="plain-list">
              <For each={i().columns}>
                {(c) => (
                  <li>
                    <span class="mono">{c}</span> <span class="type">{typeOf(c)}</span>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </Fact>
        <Fact label="Schedule">{describeSchedule(i().schedule)}</Fact>
        <Fact label="Reject threshold">{Math.round(i().rejectThreshold * 1000) / 10}% of rows</Fact>
        <Fact label="Created">{formatDateTime(i().createdAt)}</Fact>
      </Facts>
    </section>
  );
}

function EditImportDialog(props: { imp: ImportDetailFragment; open: boolean; onClose: () => void; onDone: () => void }) {
  const [name, setName] = createSignal('');
  const [mode, setMode] = createSignal<'daily' | 'manual'>('daily');
  const [time, setTime] = createSignal('06:00');
  const [threshold, setThreshold] = createSignal('10');
  const [error, setError] = createSignal<ApiError | null>(null);
  const [state, update] = createMutation(UpdateImportDocument);
  createEffect(() => {
    if (!props.open) return;
    setName(props.imp.name);
    const m = /^daily@(\d\d:\d\d)$/.exec(props.imp.schedule);
    setMode(m ? 'daily' : 'manual');
    if (m) setTime(m[1]);
    setThreshold(String(Math.round(props.imp.rejectThreshold * 1000) / 10));
    setError(null);
  });
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const res = await update({
      id: props.imp.id,
      input: { name: name().trim(), schedule: mode() === 'manual' ? 'manual' : `daily@${time()}`, rejectThreshold: Number(threshold()) / 100 },
    });
    if (res.error) return setError(apiError(res.error));
    props.onClose();
    props.onDone();
  };
  return (
    <Dialog open={props.open} title="Edit import" onClose={props.onClose}>
      <form onSubmit={submit} noValidate class="field-group">
        <div class="field">
          <label for="edit-import-name">Name</label>
          <input id="edit-import-name" type="text" value={name()} onInput={(e) => setName(e.currentTarget.value)} />
        </div>
        <fieldset class="radio-group">
          <legend>Schedule</legend>
          <div class="radio radio-with-input">
            <input id="edit-daily" type="radio" name="edit-schedule" checked={mode() === 'daily'} onChange={() => setMode('daily')} />
            <label for="edit-daily">Daily at</label>
            <input type="time" aria-label="Time of day (UTC)" value={time()} onInput={(e) => { setTime(e.currentTarget.value); setMode('daily'); }} />
            <span class="muted">UTC</span>
          </div>
          <label class="radio">
            <input type="radio" name="edit-schedule" checked={mode() === 'manual'} onChange={() => setMode('manual')} />
            Manual only
          </label>
        </fieldset>
        <div class="field field-narrow">
          <label for="edit-threshold">Reject threshold (%)</label>
          <input id="edit-threshold" type="number" min="0" max="100" value={threshold()} onInput={(e) => setThreshold(e.currentTarget.value)} />
        </div>
        <ErrorBox error={error()} title="Not saved." />
        <div class="form-actions">
          <button type="submit" class="btn btn-primary" disabled={state.fetching}>
            Save
          </button>
          <button type="button" class="btn btn-ghost" onClick={props.onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** A bounded sample of a run's rejected rows: file, row number and reason. */
function RejectsDialog(props: { run: Run | null; onClose: () => void }) {
  const [result] = createQuery({ query: ImportRunRejectsDocument, variables: () => ({ id: props.run?.id ?? '' }), pause: () => !props.run });
  return (
    <Dialog open={!!props.run} title="Rejected rows" onClose={props.onClose} wide>
      <p class="muted">
        {formatNumber(props.run?.rowsRejected)} rows of this run were rejected. A sample of up to 100, with the reason for each:
      </p>
      <Switch>
        <Match when={result.error}>
          <ErrorBox error={apiError(result.error)} />
        </Match>
        <Match when={!result.data || result.fetching}>
          <Loading />
        </Match>
        <Match when={true}>
          <div class="table-wrap">
            <table class="table table-compact">
              <thead>
                <tr>
                  <th scope="col">File</th>
                  <th scope="col" class="num">
                    Row
                  </th>
                  <th scope="col">Reason</th>
                </tr>
              </thead>
              <tbody>
                <For each={result.data?.importRun?.rejects ?? []}>
                  {(r) => (
                    <tr>
                      <td class="mono small">{r.file}</td>
                      <td class="num">{r.row ?? '—'}</td>
                      <td>{r.reason}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        </Match>
      </Switch>
    </Dialog>
  );
}
