import { createMutation, createQuery } from '@urql/solid';
import { createEffect, createSignal, For, Match, onCleanup, Show, Switch } from 'solid-js';
import {
  ConnectionDocument,
  DeactivateConnectionDocument,
  DeleteConnectionDocument,
  RefreshConnectionSchemaDocument,
  ValidateConnectionDocument,
  type ConnectionDetailFragment,
} from '../../gql/graphql';
import { apiError, type ApiError } from '../../lib/errors';
import { formatDate, formatDateTime, formatRelative, formatSeconds, humanize } from '../../lib/format';
import { Link, navigate } from '../../lib/router';
import { ConnectionStatusBadge, connectionStatusLabel, ImportStatusBadge } from '../../lib/status';
import { ImportTypeLabel } from '../imports/importTypes';
import { BusyButton, createNow, Dialog, EmptyState, ErrorBox, Fact, Facts, Loading, Notice, PageHeader, Spinner, Section } from '../../lib/ui';
import { onConnectionStatus } from './live';
import { RotateCredentialsDialog } from './RotateCredentialsDialog';
import { TablesSection } from './TablesSection';
import { DestinationSection } from '../routing/DestinationSection';

/**
 * One connection: status (live), settings (never secrets), status history, discovered tables and the actions.
 * Status events trigger a refetch; while PROCESSING or a schema refresh runs the page also polls, so it settles
 * even if the transition happened before the subscription was open.
 */
export function ConnectionPage(props: { id: string }) {
  const [result, refetch] = createQuery({ query: ConnectionDocument, variables: () => ({ id: props.id }) });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  onConnectionStatus(() => props.id, reload);

  const connection = () => result.data?.connection;
  const busy = () => connection()?.status === 'PROCESSING' || connection()?.schemaRefresh?.status === 'IN_PROGRESS';
  createEffect(() => {
    if (!busy()) return;
    const t = setInterval(reload, 1500);
    onCleanup(() => clearInterval(t));
  });

  return (
    <Switch>
      <Match when={result.error && !result.data}>
        <PageHeader back={<Link href="/connections">← Connections</Link>} title="Connection" />
        <ErrorBox title="The connection could not be loaded." error={apiError(result.error)} onRetry={reload} />
      </Match>
      <Match when={!result.data}>
        <Loading label="Loading the connection…" />
      </Match>
      <Match when={!connection()}>
        <EmptyState title="Connection not found" action={<Link href="/connections" class="btn">Back to connections</Link>}>
          It may have been deleted, or it belongs to another workspace.
        </EmptyState>
      </Match>
      <Match when={connection()}>{(c) => <ConnectionView connection={c()} reload={reload} />}</Match>
    </Switch>
  );
}

function ConnectionView(props: { connection: ConnectionDetailFragment; reload: () => void }) {
  const c = () => props.connection;
  const [actionError, setActionError] = createSignal<ApiError | null>(null);
  const [dialog, setDialog] = createSignal<'rotate' | 'deactivate' | 'delete' | null>(null);
  const [validateState, validate] = createMutation(ValidateConnectionDocument);
  const [refreshState, refresh] = createMutation(RefreshConnectionSchemaDocument);
  const [deactivateState, deactivate] = createMutation(DeactivateConnectionDocument);
  const [deleteState, remove] = createMutation(DeleteConnectionDocument);
  const [deleteError, setDeleteError] = createSignal<ApiError | null>(null);

  const run = async (action: () => Promise<{ error?: Parameters<typeof apiError>[0] }>) => {
    setActionError(null);
    const res = await action();
    if (res.error) setActionError(apiError(res.error));
    props.reload();
    return !res.error;
  };

  const doDelete = async () => {
    setDeleteError(null);
    const res = await remove({ id: c().id });
    if (res.data?.deleteConnection) navigate('/connections');
    else setDeleteError(apiError(res.error) ?? { message: 'The connection could not be deleted.' });
  };

  return (
    <>
      <PageHeader
        back={<Link href="/connections">← Connections</Link>}
        title={
          <span class="title-with-badge">
            {c().name}
            <ConnectionStatusBadge status={c().status} reason={c().statusReason} />
          </span>
        }
        subtitle={
          <>
            {c().platform.name} · {humanize(c().type)} · created <time dateTime={c().createdAt}>{formatDate(c().createdAt)}</time>
          </>
        }
        actions={
          <>
            <button type="button" class="btn" onClick={() => run(() => validate({ id: c().id }))} disabled={validateState.fetching || c().status === 'PROCESSING'}>
              {validateState.fetching ? 'Validating…' : 'Validate again'}
            </button>
            <button type="button" class="btn" onClick={() => setDialog('rotate')}>
              Rotate credentials
            </button>
            <button type="button" class="btn" onClick={() => setDialog('deactivate')} disabled={c().status === 'INACTIVE' || c().status === 'DEPRECATED'}>
              Deactivate
            </button>
            <button type="button" class="btn btn-danger" onClick={() => { setDeleteError(null); setDialog('delete'); }}>
              Delete
            </button>
          </>
        }
      />
      <ErrorBox error={actionError()} />
      <StatusNotice connection={c()} validating={validateState.fetching} onValidate={() => run(() => validate({ id: c().id }))} />

      <div class="detail-grid">
        <div class="detail-main">
          <Show when={c().type === 'DESTINATION'} fallback={<TablesSection connection={c()} refreshing={refreshState.fetching} onRefresh={() => run(() => refresh({ id: c().id }))} />}>
            <DestinationSection connectionId={c().id} batch={c().platform.id === 'S3_BATCH'} />
          </Show>
        </div>
        <div class="detail-side">
          <Show when={c().type !== 'DESTINATION'}>
            <ImportsSection connection={c()} />
          </Show>
          <SettingsSection connection={c()} />
          <HistorySection connection={c()} />
        </div>
      </div>

      <RotateCredentialsDialog connection={c()} open={dialog() === 'rotate'} onClose={() => setDialog(null)} onDone={props.reload} />

      <Dialog open={dialog() === 'deactivate'} title="Deactivate connection" onClose={() => setDialog(null)}>
        <p>
          Deactivate <strong>{c().name}</strong>? It becomes Inactive and imports cannot use it. Its credentials and tables are kept, and{' '}
          <em>Validate again</em> makes it Active again if the source is still reachable.
        </p>
        <div class="form-actions">
          <button
            type="button"
            class="btn btn-primary"
            disabled={deactivateState.fetching}
            onClick={async () => {
              if (await run(() => deactivate({ id: c().id }))) setDialog(null);
              else setDialog(null);
            }}
          >
            Deactivate
          </button>
          <button type="button" class="btn btn-ghost" onClick={() => setDialog(null)}>
            Cancel
          </button>
        </div>
      </Dialog>

      <Dialog open={dialog() === 'delete'} title={c().imports.length ? 'Can’t delete this connection yet' : 'Delete connection'} onClose={() => setDialog(null)}>
        {/* While imports read from it the server refuses: no button that can only fail, but the way to unblock it. */}
        <Show
          when={c().imports.length}
          fallback={
            <>
              <p>
                Delete <strong>{c().name}</strong>? This removes the connection, its sealed credentials, its status history and the {c().tables.length}{' '}
                discovered {c().tables.length === 1 ? 'table' : 'tables'}. No imports read from it. It cannot be undone.
              </p>
              <ErrorBox error={deleteError()} title={deleteError()?.code === 'CONFLICT' ? 'Still in use.' : 'Not deleted.'} />
              <div class="form-actions">
                <BusyButton class="btn btn-danger-solid" busy={deleteState.fetching} busyLabel="Deleting" onClick={doDelete}>
                  Delete connection
                </BusyButton>
                <button type="button" class="btn btn-ghost" onClick={() => setDialog(null)}>
                  Cancel
                </button>
              </div>
            </>
          }
        >
          <p>
            <strong>{c().name}</strong> can be deleted once no import reads from it. {c().imports.length === 1 ? 'This import reads' : `These ${c().imports.length} imports read`}{' '}
            from it: delete {c().imports.length === 1 ? 'it' : 'them'} first (or keep the connection).
          </p>
          <ul class="plain-list blocking-imports">
            <For each={c().imports}>
              {(i) => (
                <li>
                  <Link href={`/imports/${i.id}`}>{i.name}</Link> <span class="muted">(table {i.table})</span>
                </li>
              )}
            </For>
          </ul>
          <div class="form-actions">
            <button type="button" class="btn" onClick={() => setDialog(null)}>
              Close
            </button>
          </div>
        </Show>
      </Dialog>
    </>
  );
}

/** The server's reason for a deactivation made with deactivateConnection (server/connections/connection.service.ts). */
const deactivatedByUser = (reason: string | null | undefined) => /^Deactivated by a user/.test(reason ?? '');
const lastChange = (c: ConnectionDetailFragment) => c.statusHistory[c.statusHistory.length - 1]?.at ?? null;

/** The server gives up validating after this long (VALIDATION_TIMEOUT_MS in server/connections/connection.service.ts). */
export const VALIDATION_TIMEOUT_S = 120;

function StatusNotice(props: { connection: ConnectionDetailFragment; validating: boolean; onValidate: () => void }) {
  const c = () => props.connection;
  const now = createNow(1000);
  const since = () => {
    const at = lastChange(c());
    return at ? Math.max(0, Math.floor((now() - new Date(at).getTime()) / 1000)) : 0;
  };
  return (
    <Switch>
      <Match when={c().status === 'PROCESSING'}>
        <Notice tone="info" role="status">
          <span class="inline-status">
            <Spinner label="Validating" />
            <span>
              <strong>Validating access</strong> <span data-testid="validating-elapsed">for {formatSeconds(since())}</span>. Inlet is checking it can read{' '}
              {c().platform.name}; it gives up after {VALIDATION_TIMEOUT_S} s and marks the connection Inactive with the reason. This page updates by itself;
              Deactivate stops the check.
            </span>
          </span>
        </Notice>
      </Match>
      <Match when={c().status === 'INACTIVE' && deactivatedByUser(c().statusReason)}>
        {/* Turned off on purpose: nothing to fix at the source, and one click turns it back on. */}
        <Notice tone="neutral" role="status">
          <strong>Deactivated.</strong> Someone in this workspace deactivated it
          <Show when={lastChange(c())}>{(at) => <> on {formatDateTime(at())}</>}</Show>: imports cannot use it until it is validated again.
          <p class="notice-next">
            <button type="button" class="btn btn-small" disabled={props.validating} onClick={() => props.onValidate()}>
              Validate again
            </button>
          </p>
        </Notice>
      </Match>
      <Match when={c().status === 'INACTIVE'}>
        <Notice tone="danger" role="status">
          <strong>Inactive{c().statusReason ? ':' : '.'}</strong> {c().statusReason}
          <p class="notice-next">Fix the cause at the source, then use Validate again — or Rotate credentials if they changed.</p>
        </Notice>
      </Match>
      <Match when={c().status === 'DEPRECATED'}>
        <Notice tone="neutral" role="status">
          <strong>Deprecated.</strong> {c().statusReason ?? `${c().platform.name} has been retired on this server.`}
        </Notice>
      </Match>
    </Switch>
  );
}

function SettingsSection(props: { connection: ConnectionDetailFragment }) {
  const entries = () => {
    const settings = (props.connection.settings ?? {}) as Record<string, unknown>;
    return Object.entries(settings).filter(([, v]) => v !== null && v !== undefined && v !== '');
  };
  const fieldFor = (key: string) => props.connection.platform.fields.find((f) => f.key === key);
  const show = (key: string, value: unknown) => {
    if (typeof value === 'object') return JSON.stringify(value);
    const text = String(value);
    return fieldFor(key)?.kind === 'select' ? humanize(text) : text;
  };
  return (
    <Section id="settings-title" title="Settings">
      <Facts>
        <For each={entries()}>
          {([key, value]) => (
            <Fact label={fieldFor(key)?.label ?? humanize(key)}>
              <span class="break">{show(key, value)}</span>
            </Fact>
          )}
        </For>
        <Fact label="Credentials">
          <span class="break">{props.connection.credentialsHint ?? 'Set (never shown)'}</span>
        </Fact>
      </Facts>
    </Section>
  );
}

function HistorySection(props: { connection: ConnectionDetailFragment }) {
  const events = () => [...props.connection.statusHistory].reverse();
  const now = createNow(30_000);
  return (
    <Section id="history-title" title="Status history">
      <ol class="timeline">
        <For each={events()}>
          {(e) => (
            <li>
              <div class="timeline-row">
                <span>
                  <Show when={e.from} fallback="Created as ">
                    {connectionStatusLabel(e.from!)} →{' '}
                  </Show>
                  <strong>{connectionStatusLabel(e.to)}</strong>
                </span>
                <time class="muted small" dateTime={e.at} title={formatDateTime(e.at)}>
                  {formatRelative(e.at, now())}
                </time>
              </div>
              <Show when={e.reason}>
                <p class="timeline-reason">{e.reason}</p>
              </Show>
            </li>
          )}
        </For>
      </ol>
    </Section>
  );
}

function ImportsSection(props: { connection: ConnectionDetailFragment }) {
  const c = () => props.connection;
  return (
    <Section
      id="conn-imports-title"
      title="Imports"
      actions={
        <>
          <Show when={c().status === 'ACTIVE'}>
            <Link href={`/imports/new?connection=${c().id}`} class="btn btn-small">
              Create import
            </Link>
          </Show>
        </>
      }
    >
      <Show
        when={c().imports.length}
        fallback={
          <p class="muted small">
            {c().status === 'ACTIVE' ? 'No imports read from this connection yet.' : 'Imports can be created once the connection is Active.'}
          </p>
        }
      >
        <ul class="link-list">
          <For each={c().imports}>
            {(i) => (
              <li>
                <div class="cell-stack">
                  <Link href={`/imports/${i.id}`}>{i.name}</Link>
                  <span class="muted small">
                    <ImportTypeLabel type={i.type} /> · <span class="mono">{i.table}</span>
                  </span>
                </div>
                <ImportStatusBadge status={i.status} />
              </li>
            )}
          </For>
        </ul>
      </Show>
    </Section>
  );
}
