import { createMutation, createQuery } from '@urql/solid';
import { createSignal, For, Show } from 'solid-js';
import {
  CreateNotificationChannelDocument, DeleteNotificationChannelDocument, EnableNotificationChannelDocument, NotificationChannelsDocument,
  NotificationDeliveriesDocument, TestNotificationChannelDocument, type AlertKind, type ChannelKind, type NotificationChannelsQuery,
} from '../../gql/graphql';
import { apiError, messageFor, type ApiError } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { Link } from '../../lib/router';
import { Badge, BusyButton, CopyButton, DataTable, Dialog, EmptyState, ErrorBox, FieldError, Loading, Notice, PageHeader, type Tone, Section, TextField } from '../../lib/ui';

type Channel = NotificationChannelsQuery['notificationChannels'][number];

/** The alert kinds a channel can pick, in words. */
const KINDS: { kind: AlertKind; label: string; hint: string; unavailable?: string }[] = [
  { kind: 'RUN_FAILED', label: 'Run failed', hint: 'a run failed after its retries (once, until a run succeeds)' },
  { kind: 'RUN_RECOVERED', label: 'Run recovered', hint: 'the first success after failed runs' },
  { kind: 'REPEATED_FAILURES', label: 'Repeated failures', hint: 'three runs in a row failed' },
  { kind: 'IMPORT_BLOCKED', label: 'Import blocked', hint: 'an unsupported schema change stopped an import' },
  { kind: 'IMPORT_UNBLOCKED', label: 'Import unblocked', hint: 'nothing blocks it any more' },
  { kind: 'SCHEMA_CHANGE_PENDING', label: 'Schema change to decide', hint: 'a new column can be accepted or dismissed' },
  { kind: 'CONNECTION_INACTIVE', label: 'Connection inactive', hint: 'credentials refused, or deactivated' },
  { kind: 'DESTINATION_LAGGING', label: 'Destination lagging', hint: 'a streaming destination falls behind (INLET_ALERT_LAG_SECONDS, 1 hour by default)' },
];
const labelOf = (kind: AlertKind | null | undefined) => (kind ? (KINDS.find((k) => k.kind === kind)?.label ?? kind) : 'Test');

/**
 * Settings > Alerts: the workspace's notification channels (webhook or Slack), the alert kinds each receives, a
 * test button, and each channel's delivery log with the receiver's response codes. A channel's signing secret is
 * shown once, when it is created.
 */
export function AlertsPage() {
  const [result, refetch] = createQuery({ query: NotificationChannelsDocument, requestPolicy: 'cache-and-network' });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const [selected, setSelected] = createSignal<string | null>(null);
  return (
    <>
      <PageHeader
        title="Alerts"
        back={<Link href="/settings">← Settings</Link>}
        subtitle="Where Inlet tells you that something broke or recovered: once per change of state, not once per run."
      />
      <CreateChannel onCreated={reload} />
      <Show when={!(result.error && !result.data)} fallback={<ErrorBox title="Channels could not be loaded." error={apiError(result.error)} onRetry={reload} />}>
        <Show when={result.data} fallback={<Loading label="Loading channels…" />}>
          {(data) => (
            <ChannelsSection
              channels={data().notificationChannels}
              selected={selected()}
              onSelect={(id) => setSelected(id === selected() ? null : id)}
              onDeleted={(id) => {
                if (selected() === id) setSelected(null);
                reload();
              }}
              reload={reload}
            />
          )}
        </Show>
      </Show>
      <Show when={result.data?.notificationChannels.find((c) => c.id === selected())}>
        {(channel) => <DeliveryLog channel={channel()} />}
      </Show>
    </>
  );
}

function CreateChannel(props: { onCreated: () => void }) {
  const [name, setName] = createSignal('');
  const [url, setUrl] = createSignal('');
  const [kind, setKind] = createSignal<ChannelKind>('WEBHOOK');
  const [kinds, setKinds] = createSignal<AlertKind[]>(['RUN_FAILED', 'RUN_RECOVERED', 'IMPORT_BLOCKED', 'CONNECTION_INACTIVE']);
  const [error, setError] = createSignal<ApiError | null>(null);
  const [created, setCreated] = createSignal<{ name: string; secret: string; kind: ChannelKind } | null>(null);
  const [state, create] = createMutation(CreateNotificationChannelDocument);
  /** The message for a field of the form (`kinds` also takes `kinds.1`), from the check below or the server. */
  const fieldError = (field: string) => messageFor(error(), field);

  const toggle = (k: AlertKind, on: boolean) => setKinds((list) => (on ? [...list, k] : list.filter((x) => x !== k)));
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setCreated(null);
    const missing = [
      !name().trim() && { field: 'name', message: 'Name the channel, for example "On-call webhook".' },
      !url().trim() && { field: 'url', message: 'Paste the URL Inlet should POST alerts to.' },
      !kinds().length && { field: 'kinds', message: 'Pick at least one alert kind.' },
    ].filter((m): m is { field: string; message: string } => !!m);
    if (missing.length) return setError({ message: missing[0]!.message, field: missing[0]!.field, fields: missing });
    const res = await create({ input: { name: name().trim(), url: url().trim(), kind: kind(), kinds: kinds() } });
    if (res.error || !res.data) return setError(apiError(res.error) ?? { message: 'The channel could not be created.' });
    setCreated({ name: res.data.createNotificationChannel.channel.name, secret: res.data.createNotificationChannel.secret, kind: kind() });
    setName('');
    setUrl('');
    props.onCreated();
  };

  return (
    <Section
      id="new-channel-title"
      title="New channel"
      description={
        <>
          A webhook receives JSON signed in the <code>Inlet-Signature</code> header (<code>t=&lt;unix seconds&gt;,v1=&lt;HMAC-SHA256 of "t.body"&gt;</code>); a
          Slack incoming webhook receives a readable message. Failed deliveries are retried with backoff; a channel that fails for a day is disabled.
        </>
      }
      spaced
    >
      <form onSubmit={submit} noValidate>
        <fieldset class="radio-group" style={{ 'margin-bottom': 'var(--s4)' }}>
          <legend>Kind</legend>
          <label class="radio">
            <input type="radio" name="channel-kind" value="WEBHOOK" checked={kind() === 'WEBHOOK'} onChange={() => setKind('WEBHOOK')} />
            <span>
              <strong>Webhook</strong> <span class="muted">— signed JSON to your endpoint</span>
            </span>
          </label>
          <label class="radio">
            <input type="radio" name="channel-kind" value="SLACK" checked={kind() === 'SLACK'} onChange={() => setKind('SLACK')} />
            <span>
              <strong>Slack</strong> <span class="muted">— an incoming-webhook URL (or a Slack-compatible one)</span>
            </span>
          </label>
        </fieldset>
        <div class="toolbar">
          <TextField id="channel-name" label="Name" placeholder="On-call webhook" autocomplete="off" value={name()} onInput={setName} error={fieldError('name')} />
          <TextField
            id="channel-url"
            label="URL"
            type="url"
            class="field-grow"
            placeholder={kind() === 'SLACK' ? 'https://hooks.slack.com/services/…' : 'https://example.com/inlet-alerts'}
            autocomplete="off"
            value={url()}
            onInput={setUrl}
            error={fieldError('url')}
          />
        </div>
        <fieldset
          class="radio-group"
          classList={{ 'field-invalid': !!fieldError('kinds') }}
          style={{ 'margin-top': 'var(--s4)' }}
          aria-describedby={fieldError('kinds') ? 'channel-kinds-error' : undefined}
        >
          <legend>Send these alerts</legend>
          <FieldError id="channel-kinds-error" message={fieldError('kinds')} />
          <For each={KINDS}>
            {(k) => (
              <label class="radio">
                <input
                  type="checkbox"
                  name="channel-kinds"
                  value={k.kind}
                  disabled={!!k.unavailable}
                  checked={kinds().includes(k.kind)}
                  onChange={(e) => toggle(k.kind, e.currentTarget.checked)}
                />
                <span>
                  <strong>{k.label}</strong> <span class="muted">— {k.unavailable ?? k.hint}</span>
                </span>
              </label>
            )}
          </For>
        </fieldset>
        <div class="form-actions">
          <BusyButton type="submit" class="btn btn-primary" busy={state.fetching} busyLabel="Creating">
            Create channel
          </BusyButton>
        </div>
      </form>
      <ErrorBox error={error()} title="No channel created." />
      <Show when={created()}>
        {(c) => (
          <Notice tone="success" role="status">
            <strong>Channel “{c().name}” created.</strong>{' '}
            {c().kind === 'WEBHOOK' ? 'Copy its signing secret now to verify deliveries: ' : 'Its signing secret (Slack ignores it): '}
            Inlet keeps it sealed and cannot show it again.
            <div class="secret-once">
              <code data-testid="new-channel-secret">{c().secret}</code>
              <CopyButton text={c().secret} label="Copy secret" />
            </div>
          </Notice>
        )}
      </Show>
    </Section>
  );
}

function statusOf(c: Channel): { tone: Tone; label: string; title?: string } {
  if (c.disabledReason) return { tone: 'danger', label: 'Disabled', title: c.disabledReason };
  if (c.failingSince) return { tone: 'warning', label: 'Failing', title: `Deliveries have failed since ${formatDateTime(c.failingSince)}` };
  return { tone: 'success', label: 'Active' };
}

function ChannelsSection(props: { channels: Channel[]; selected: string | null; onSelect: (id: string) => void; onDeleted: (id: string) => void; reload: () => void }) {
  const [deleting, setDeleting] = createSignal<Channel | null>(null);
  const [deleteError, setDeleteError] = createSignal<ApiError | null>(null);
  const [deleteState, remove] = createMutation(DeleteNotificationChannelDocument);
  const [testState, test] = createMutation(TestNotificationChannelDocument);
  const [, enable] = createMutation(EnableNotificationChannelDocument);
  const [testing, setTesting] = createSignal<string | null>(null);
  const [outcome, setOutcome] = createSignal<{ id: string; ok: boolean; message: string } | null>(null);

  const sendTest = async (c: Channel) => {
    setTesting(c.id);
    setOutcome(null);
    const res = await test({ id: c.id });
    setTesting(null);
    if (res.error) return setOutcome({ id: c.id, ok: false, message: apiError(res.error)?.message ?? 'The test could not be sent.' });
    const ok = !!res.data?.testNotificationChannel;
    setOutcome({ id: c.id, ok, message: ok ? `Test delivered to “${c.name}”.` : `The receiver of “${c.name}” did not accept the test: see its delivery log.` });
    if (!ok && props.selected !== c.id) props.onSelect(c.id);
  };
  const doDelete = async () => {
    const c = deleting();
    if (!c) return;
    setDeleteError(null);
    const res = await remove({ id: c.id });
    if (res.error) return setDeleteError(apiError(res.error) ?? { message: 'The channel could not be deleted.' });
    setDeleting(null);
    props.onDeleted(c.id);
  };

  return (
    <Section id="channels-title" title="Channels" spaced>
      <Show when={outcome()}>
        {(o) => (
          <Notice tone={o().ok ? 'success' : 'warning'} role="status">
            {o().message}
          </Notice>
        )}
      </Show>
      <For each={props.channels.filter((c) => c.disabledReason)}>
        {(c) => (
          <div role="note" data-disabled-channel={c.id}>
            <Notice tone="danger">
              <strong>“{c.name}” is disabled.</strong> {c.disabledReason}
            </Notice>
          </div>
        )}
      </For>
      <Show when={props.channels.length} fallback={<EmptyState title="No channels yet">Add a webhook or a Slack channel above to hear about failures.</EmptyState>}>
        <DataTable
          label="Notification channels"
          class="table-compact"
          rows={props.channels}
          head={
            <>
              <th scope="col">Name</th>
              <th scope="col">Alerts</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span class="sr-only">Actions</span>
              </th>
            </>
          }
        >
          {(c) => (
            <tr data-channel-id={c.id}>
              <td class="cell-strong">
                {c.name} <span class="tag">{c.kind === 'SLACK' ? 'Slack' : 'Webhook'}</span>
                <div class="muted small">{c.urlHint}</div>
              </td>
              <td>
                <For each={c.kinds}>{(k) => <span class="tag">{labelOf(k)}</span>}</For>
              </td>
              <td>
                <Badge tone={statusOf(c).tone} title={statusOf(c).title}>
                  {statusOf(c).label}
                </Badge>
              </td>
              <td class="cell-actions">
                <BusyButton class="btn btn-small" busy={testState.fetching && testing() === c.id} busyLabel="Sending" onClick={() => sendTest(c)}>
                  Send test
                </BusyButton>{' '}
                <button type="button" class="btn btn-small" aria-pressed={props.selected === c.id} onClick={() => props.onSelect(c.id)}>
                  Delivery log
                </button>{' '}
                <Show when={c.disabledReason}>
                  <button type="button" class="btn btn-small" onClick={async () => (await enable({ id: c.id }), props.reload())}>
                    Enable
                  </button>{' '}
                </Show>
                <button
                  type="button"
                  class="btn btn-danger btn-small"
                  aria-label={`Delete ${c.name}`}
                  onClick={() => {
                    setDeleteError(null);
                    setDeleting(c);
                  }}
                >
                  Delete
                </button>
              </td>
            </tr>
          )}
        </DataTable>
      </Show>
      <Dialog open={!!deleting()} title="Delete channel" onClose={() => setDeleting(null)}>
        <p>
          Delete <strong>{deleting()?.name}</strong> and its delivery log? Alerts stop going there at once.
        </p>
        <ErrorBox error={deleteError()} title="Not deleted." />
        <div class="form-actions">
          <BusyButton class="btn btn-danger-solid" busy={deleteState.fetching} busyLabel="Deleting" onClick={doDelete}>
            Delete channel
          </BusyButton>
          <button type="button" class="btn btn-ghost" onClick={() => setDeleting(null)}>
            Cancel
          </button>
        </div>
      </Dialog>
    </Section>
  );
}

const DELIVERY_TONE: Record<string, Tone> = { DELIVERED: 'success', FAILED: 'danger', RETRYING: 'warning', QUEUED: 'info' };

/** A channel's deliveries, newest first, a page at a time (the API's cursor), with each attempt's response code. */
function DeliveryLog(props: { channel: Channel }) {
  const [after, setAfter] = createSignal<string | null>(null);
  const [result, refetch] = createQuery({
    query: NotificationDeliveriesDocument,
    variables: () => ({ channelId: props.channel.id, after: after() }),
    requestPolicy: 'cache-and-network',
  });
  return (
    <Section
      id="deliveries-title"
      title={<>Delivery log: {props.channel.name}</>}
      description={
        <>
          <Show when={result.data}>{(d) => `${d().notificationDeliveries.totalCount} deliveries. `}</Show>
          Newest first; each attempt with the receiver’s HTTP status.
        </>
      }
      actions={
        <>
          <button type="button" class="btn btn-small" onClick={() => refetch({ requestPolicy: 'network-only' })}>
            Refresh
          </button>
        </>
      }
      spaced
    >
      <Show when={!result.error} fallback={<ErrorBox title="The log could not be loaded." error={apiError(result.error)} />}>
        <Show when={result.data} fallback={<Loading label="Loading deliveries…" />}>
          {(data) => (
            <Show when={data().notificationDeliveries.edges.length} fallback={<EmptyState title="Nothing sent yet">Send a test to see it here.</EmptyState>}>
              <DataTable
                label="Deliveries"
                class="table-compact"
                rows={data().notificationDeliveries.edges.map((e) => e.node)}
                head={
                  <>
                    <th scope="col">When</th>
                    <th scope="col">Alert</th>
                    <th scope="col">Status</th>
                    <th scope="col">Attempts</th>
                    <th scope="col">Reason</th>
                  </>
                }
              >
                {(d) => (
                  <tr data-delivery-id={d.id}>
                    <td>{formatDateTime(d.createdAt)}</td>
                    <td class="cell-strong">{labelOf(d.alertKind)}</td>
                    <td>
                      <Badge tone={DELIVERY_TONE[d.status] ?? 'neutral'}>{d.status.charAt(0) + d.status.slice(1).toLowerCase()}</Badge>
                    </td>
                    <td>
                      <For each={d.attemptLog}>
                        {(a) => (
                          <div class="small" title={formatDateTime(a.at)}>
                            #{a.attempt}: {a.statusCode != null ? `HTTP ${a.statusCode}` : (a.error ?? 'no answer')} · {a.durationMs} ms
                          </div>
                        )}
                      </For>
                    </td>
                    <td class="small" style={{ 'white-space': 'normal', 'min-width': '16rem' }}>
                      {d.reason}
                    </td>
                  </tr>
                )}
              </DataTable>
              <div class="form-actions">
                <Show when={after()}>
                  <button type="button" class="btn btn-small" onClick={() => setAfter(null)}>
                    Newest
                  </button>
                </Show>
                <Show when={data().notificationDeliveries.pageInfo.hasNextPage}>
                  <button type="button" class="btn btn-small" onClick={() => setAfter(data().notificationDeliveries.pageInfo.endCursor ?? null)}>
                    Older
                  </button>
                </Show>
              </div>
            </Show>
          )}
        </Show>
      </Show>
    </Section>
  );
}
