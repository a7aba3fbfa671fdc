import { createMutation, createQuery } from '@urql/solid';
import { createSignal, For, Match, Show, Switch, type JSX } from 'solid-js';
import { ApiKeysDocument, CreateApiKeyDocument, CreateWorkspaceDocument, RevokeApiKeyDocument, SettingsDocument } from '../../gql/graphql';
import { apiError, type ApiError } from '../../lib/errors';
import { formatDateTime, formatRelative } from '../../lib/format';
import { currentQuery, Link } from '../../lib/router';
import { Badge, BusyButton, CopyButton, createNow, DataTable, DateOf, Dialog, EmptyState, ErrorBox, Loading, Notice, PageHeader, Section } from '../../lib/ui';

/**
 * API keys of the caller's workspace (create: the value is shown once; revoke: it stops working at once, open
 * subscriptions included) and, for the instance admin, the workspaces and a key for any of them.
 */
export function SettingsPage() {
  const [result, refetch] = createQuery({ query: SettingsDocument, requestPolicy: 'cache-and-network' });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  return (
    <>
      <PageHeader
        title="Settings"
        subtitle="API keys for this workspace. A key is shown once, when it is created."
        actions={<><Link href="/settings/alerts" class="btn">Alerts</Link> <Link href="/settings/audit" class="btn">Audit log</Link></>}
      />
      <Switch>
        <Match when={result.error && !result.data}>
          <ErrorBox title="Settings could not be loaded." error={apiError(result.error)} onRetry={reload} />
        </Match>
        <Match when={!result.data}>
          <Loading label="Loading settings…" />
        </Match>
        <Match when={result.data}>
          {(data) => (
            <>
              <ApiKeysSection
                currentKeyId={data().viewer.apiKeyId}
                workspace={data().viewer.workspace}
                workspaces={data().viewer.isAdmin ? data().workspaces : null}
              />
              <Show when={data().viewer.isAdmin}>
                <WorkspacesSection workspaces={data().workspaces} reload={reload} />
                <MonitoringSection />
              </Show>
            </>
          )}
        </Match>
      </Switch>
    </>
  );
}

type Key = { id: string; name: string; prefix: string; isAdmin: boolean; scope: KeyScope; createdAt: string; revokedAt?: string | null; lastUsedAt?: string | null };
type KeyScope = 'ADMIN' | 'WORKSPACE' | 'EVENTS';
type Workspace = { id: string; name: string };

function ApiKeysSection(props: { currentKeyId: string; workspace: Workspace; workspaces: Workspace[] | null }) {
  // The workspace picked for a new key is also the one whose keys are listed (the admin's choice; others see their own).
  const [workspaceId, setWorkspaceId] = createSignal(props.workspace.id);
  const [keysResult, refetchKeys] = createQuery({ query: ApiKeysDocument, variables: () => ({ workspaceId: workspaceId() }), requestPolicy: 'cache-and-network' });
  const keys = (): Key[] | undefined => keysResult.data?.apiKeys;
  const reloadKeys = () => refetchKeys({ requestPolicy: 'network-only' });
  const now = createNow(30_000);
  // The Events page links here with ?scope=EVENTS, so the key it asks for is chosen already.
  const [scope, setScope] = createSignal<'WORKSPACE' | 'EVENTS'>(currentQuery().get('scope') === 'EVENTS' ? 'EVENTS' : 'WORKSPACE');
  const [created, setCreated] = createSignal<{ key: string; name: string; workspace: string } | null>(null);
  const [createState, createKey] = createMutation(CreateApiKeyDocument);
  const [revoking, setRevoking] = createSignal<Key | null>(null);
  const [revokeError, setRevokeError] = createSignal<ApiError | null>(null);
  const [revokeState, revoke] = createMutation(RevokeApiKeyDocument);
  const workspaceName = (id: string) => props.workspaces?.find((w) => w.id === id)?.name ?? props.workspace.name;

  const submit = async (name: string): Promise<ApiError | null> => {
    setCreated(null);
    const res = await createKey({ workspaceId: workspaceId(), name, scope: scope() });
    if (res.error || !res.data) return apiError(res.error) ?? { message: 'The key could not be created.' };
    setCreated({ key: res.data.createApiKey.key, name: res.data.createApiKey.apiKey.name, workspace: workspaceName(workspaceId()) });
    reloadKeys();
    return null;
  };

  const doRevoke = async () => {
    const key = revoking();
    if (!key) return;
    setRevokeError(null);
    const res = await revoke({ id: key.id });
    if (res.error) {
      setRevokeError(apiError(res.error) ?? { message: 'The key could not be revoked.' });
      return;
    }
    setRevoking(null);
    reloadKeys();
  };

  return (
    <Section id="keys-title" title="API keys" description="Give each person or job its own key, so that each can be revoked alone." spaced>
      <fieldset class="radio-group key-scope" style={{ "margin-bottom": "var(--s4)" }}>
        <legend>What the new key may do</legend>
        <label class="radio">
          <input type="radio" name="key-scope" value="WORKSPACE" checked={scope() === 'WORKSPACE'} onChange={() => setScope('WORKSPACE')} />
          <span>
            <strong>Workspace</strong> <span class="muted">— the admin UI, the GraphQL API and sending events</span>
          </span>
        </label>
        <label class="radio">
          <input type="radio" name="key-scope" value="EVENTS" checked={scope() === 'EVENTS'} onChange={() => setScope('EVENTS')} />
          <span>
            <strong>Events only</strong> <span class="muted">— may only send events (POST /v1/events), safe to put in a web page</span>
          </span>
        </label>
      </fieldset>
      <NameForm
        id="key-name"
        label="New key name"
        placeholder="Nightly export job"
        required="Name the key after who or what will use it."
        submit="Create key"
        primary
        failed="No key created."
        busy={createState.fetching}
        onSubmit={submit}
      >
        <Show when={props.workspaces}>
          {(workspaces) => (
            <div class="field field-inline">
              <label for="key-workspace">Workspace</label>
              <select
                id="key-workspace"
                onChange={(e) => {
                  setCreated(null);
                  setWorkspaceId(e.currentTarget.value);
                }}
              >
                <For each={workspaces()}>
                  {(w) => (
                    <option value={w.id} selected={w.id === workspaceId()}>
                      {w.name}
                    </option>
                  )}
                </For>
              </select>
            </div>
          )}
        </Show>
      </NameForm>
      <Show when={created()}>
        {(c) => (
          <Notice tone="success" role="status">
            <strong>
              Key “{c().name}” for {c().workspace}:
            </strong>{' '}
            copy it now. Inlet keeps only a hash of it and cannot show it again.
            <div class="secret-once">
              <code data-testid="new-api-key">{c().key}</code>
              <CopyButton text={c().key} label="Copy key" />
            </div>
          </Notice>
        )}
      </Show>
      <Switch>
        <Match when={keysResult.error && !keys()}>
          <ErrorBox title="Keys could not be loaded." error={apiError(keysResult.error)} onRetry={reloadKeys} />
        </Match>
        <Match when={!keys()}>
          <Loading label="Loading keys…" />
        </Match>
        <Match when={!keys()!.length}>
          <EmptyState title={`No keys for ${workspaceName(workspaceId())} yet`}>Create a key for each person or job that calls Inlet.</EmptyState>
        </Match>
        <Match when={keys()}>
          <DataTable
            label={`API keys of ${workspaceName(workspaceId())}`}
            class="table-compact list-table"
            rows={keys()}
            head={
              <>
                <th scope="col">Name</th>
                <th scope="col">Key</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span class="sr-only">Actions</span>
                </th>
              </>
            }
          >
            {(key) => (
              <tr data-key-id={key.id}>
                <td class="cell-strong">
                  {key.name}
                  <Show when={key.isAdmin}>
                    {' '}
                    <span class="tag">Admin</span>
                  </Show>
                  <Show when={key.scope === 'EVENTS'}>
                    {' '}
                    <span class="tag">Events only</span>
                  </Show>
                </td>
                <td data-label="Key">
                  <code>{key.prefix}…</code>
                </td>
                <td data-label="Created">
                  <DateOf iso={key.createdAt} />
                </td>
                <td data-label="Last used">
                  {/* Kept to within a minute by the server. */}
                  <Show when={key.lastUsedAt} fallback={<span class="muted">Never</span>}>
                    <time dateTime={key.lastUsedAt!} title={formatDateTime(key.lastUsedAt)}>
                      {now() - new Date(key.lastUsedAt!).getTime() < 60_000 ? 'In the last minute' : formatRelative(key.lastUsedAt, now())}
                    </time>
                  </Show>
                </td>
                <td data-label="Status">
                  <Show when={key.revokedAt} fallback={<Badge tone="success">Active</Badge>}>
                    <Badge tone="neutral" title={`Revoked ${formatDateTime(key.revokedAt)}`}>
                      Revoked
                    </Badge>
                  </Show>
                </td>
                <td class="cell-actions">
                  <Switch>
                    <Match when={key.id === props.currentKeyId}>
                      <span class="muted small">This session’s key</span>
                    </Match>
                    <Match when={!key.revokedAt}>
                      <button
                        type="button"
                        class="btn btn-danger btn-small"
                        aria-label={`Revoke ${key.name}`}
                        onClick={() => {
                          setRevokeError(null);
                          setRevoking(key);
                        }}
                      >
                        Revoke
                      </button>
                    </Match>
                  </Switch>
                </td>
              </tr>
            )}
          </DataTable>
        </Match>
      </Switch>
      <Dialog open={!!revoking()} title="Revoke API key" onClose={() => setRevoking(null)}>
        <p>
          Revoke <strong>{revoking()?.name}</strong> (<code>{revoking()?.prefix}…</code>)? Requests with it fail from now on and its open subscriptions
          close. It cannot be undone.
        </p>
        <ErrorBox error={revokeError()} title="Not revoked." />
        <div class="form-actions">
          <BusyButton class="btn btn-danger-solid" busy={revokeState.fetching} busyLabel="Revoking" onClick={doRevoke}>
            Revoke key
          </BusyButton>
          <button type="button" class="btn btn-ghost" onClick={() => setRevoking(null)}>
            Cancel
          </button>
        </div>
      </Dialog>
    </Section>
  );
}

function WorkspacesSection(props: { workspaces: (Workspace & { createdAt: string })[]; reload: () => void }) {
  const [created, setCreated] = createSignal<string | null>(null);
  const [state, create] = createMutation(CreateWorkspaceDocument);

  const submit = async (name: string): Promise<ApiError | null> => {
    setCreated(null);
    const res = await create({ name });
    if (res.error || !res.data) return apiError(res.error) ?? { message: 'The workspace could not be created.' };
    setCreated(res.data.createWorkspace.name);
    props.reload();
    return null;
  };

  return (
    <Section id="workspaces-title" title="Workspaces" description="Each workspace has its own connections, imports and keys. As the instance admin you create them and give each its first key above." spaced>
      <NameForm
        id="workspace-name"
        label="New workspace name"
        placeholder="Marketing"
        required="Name the workspace, for example after the team that will use it."
        submit="Create workspace"
        failed="No workspace created."
        busy={state.fetching}
        onSubmit={submit}
      />
      <Show when={created()}>
        {(n) => <Notice tone="success" role="status">Workspace “{n()}” created. Choose it under API keys to create its first key.</Notice>}
      </Show>
      <DataTable
        label="Workspaces"
        class="table-compact"
        rows={props.workspaces}
        head={
          <>
            <th scope="col">Name</th>
            <th scope="col">Created</th>
          </>
        }
      >
        {(w) => (
          <tr>
            <td class="cell-strong">{w.name}</td>
            <td>
              <DateOf iso={w.createdAt} />
            </td>
          </tr>
        )}
      </DataTable>
    </Section>
  );
}

/**
 * A one-line "create by name" form: the name is required (checked here, focus moved to it), `children` are extra
 * fields placed before the button, and the server's refusal shows under the form. The name is cleared on success.
 */
function NameForm(props: {
  id: string;
  label: string;
  placeholder: string;
  required: string;
  submit: string;
  failed: string;
  primary?: boolean;
  busy: boolean;
  onSubmit: (name: string) => Promise<ApiError | null>;
  children?: JSX.Element;
}) {
  const [name, setName] = createSignal('');
  const [error, setError] = createSignal<ApiError | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    if (!name().trim()) {
      setError({ message: props.required, field: 'name' });
      document.getElementById(props.id)?.focus();
      return;
    }
    const refused = await props.onSubmit(name().trim());
    if (refused) setError(refused);
    else setName('');
  };
  return (
    <>
      <form class="toolbar" onSubmit={submit} noValidate>
        <div class="field field-grow" classList={{ 'field-invalid': error()?.field === 'name' }}>
          <label for={props.id}>{props.label}</label>
          <input id={props.id} type="text" placeholder={props.placeholder} value={name()} onInput={(e) => setName(e.currentTarget.value)} autocomplete="off" />
        </div>
        {props.children}
        <BusyButton type="submit" class={props.primary ? 'btn btn-primary' : 'btn'} busy={props.busy} busyLabel="Creating">
          {props.submit}
        </BusyButton>
      </form>
      <ErrorBox error={error()} title={props.failed} />
    </>
  );
}

/** Where an operator points monitoring (instance-wide, so shown to the admin): metrics, liveness and readiness. */
function MonitoringSection() {
  const origin = window.location.origin;
  const endpoints = [
    { path: '/metrics', what: 'Prometheus metrics: runs, rows, deliveries, lag, events, jobs, HTTP and the process. When the server sets INLET_METRICS_TOKEN, Prometheus sends it as a bearer token, and a browser opening the link is refused.' },
    { path: '/healthz', what: 'Liveness: the process answers.' },
    { path: '/readyz', what: 'Readiness: the database answers and commits a write, no migration is pending, the event bus, the job engine, the scheduler and the read worker are up; otherwise 503 naming the failed check.' },
  ];
  return (
    <Section id="monitoring-title" title="Monitoring" description="Endpoints of this server for your monitoring; alerts are under Alerts, every change under Audit log." spaced>
      <dl class="monitoring-endpoints">
        <For each={endpoints}>
          {(e) => (
            <>
              <dt>
                <a href={e.path} target="_blank" rel="noopener">
                  <code>{origin + e.path}</code>
                </a>
              </dt>
              <dd class="muted small">{e.what}</dd>
            </>
          )}
        </For>
      </dl>
      <p class="muted small">A Prometheus scrape job for it:</p>
      <pre class="code" tabindex="0" aria-label="Prometheus scrape job">{`- job_name: inlet\n  metrics_path: /metrics\n  static_configs:\n    - targets: ['${window.location.host}']`}</pre>
    </Section>
  );
}
