import { createMutation, createQuery } from '@urql/solid';
import { createSignal, For, Match, Show, Switch } from 'solid-js';
import { EventsIngestedDocument, EventTypesDocument, RecentEventsDocument, SetEventTypeEnforcedDocument } from '../../gql/graphql';
import { createDebounced } from '../../lib/debounce';
import { apiError, type ApiError } from '../../lib/errors';
import { formatDateTime, formatNumber, formatRelative } from '../../lib/format';
import { Link } from '../../lib/router';
import { CopyButton, createNow, DataTable, EmptyState, ErrorBox, Loading, PageHeader, Section } from '../../lib/ui';
import './events.css';
import { onSubscription, throttled } from '../../lib/subscriptions';

/**
 * First-party events: the learned event types (counts, first and last seen, properties, enforcement), a live view
 * of the newest events refreshed when `eventsIngested` says events arrived, and how to send them.
 */
export function EventsPage() {
  const [types, refetchTypes] = createQuery({ query: EventTypesDocument, requestPolicy: 'cache-and-network' });
  const [typeFilter, setTypeFilter] = createSignal<string | null>(null);
  const [userInput, setUserInput] = createSignal('');
  const userFilter = createDebounced(() => userInput().trim() || null, 300);
  const [paused, setPaused] = createSignal(false);
  const [waiting, setWaiting] = createSignal(0);
  const [recent, refetchRecent] = createQuery({
    query: RecentEventsDocument,
    variables: () => ({ type: typeFilter(), userId: userFilter(), limit: 50 }),
    requestPolicy: 'cache-and-network',
  });
  const now = createNow(30_000);

  // At most one refetch a second whatever the rate of messages; a paused view only counts what it is not showing.
  const refresh = throttled(() => {
    refetchTypes({ requestPolicy: 'network-only' });
    refetchRecent({ requestPolicy: 'network-only' });
  });
  onSubscription(EventsIngestedDocument, () => ({}), (message) => {
    const counts = message.data?.eventsIngested.counts ?? [];
    const accepted = counts.filter((c) => !typeFilter() || c.type === typeFilter()).reduce((n, c) => n + c.accepted, 0);
    if (paused()) {
      setWaiting((n) => n + accepted);
      return;
    }
    refresh();
  });

  const resume = () => {
    setPaused(false);
    setWaiting(0);
    refetchTypes({ requestPolicy: 'network-only' });
    refetchRecent({ requestPolicy: 'network-only' });
  };

  const typeRows = () => types.data?.eventTypes ?? [];

  return (
    <>
      <PageHeader title="Events" subtitle="First-party events sent to this workspace: the types Inlet has learned, and the newest events as they arrive." />

      <Section id="types-title" title="Event types" description="Learned from the events themselves. Enforcing a type rejects events whose properties do not match what was seen so far." spaced>
        <Switch>
          <Match when={types.error && !types.data}>
            <ErrorBox title="Event types could not be loaded." error={apiError(types.error)} onRetry={() => refetchTypes({ requestPolicy: 'network-only' })} />
          </Match>
          <Match when={!types.data}>
            <Loading label="Loading event types…" />
          </Match>
          <Match when={typeRows().length === 0}>
            <EmptyState title="No events yet">Send a first event (see “How to send events” below): its type appears here within seconds.</EmptyState>
          </Match>
          <Match when={typeRows().length > 0}>
            <DataTable
              label="Event types"
              class="table-compact event-types"
              rows={typeRows()}
              head={
                <>
                  <th scope="col">Type</th>
                  <th scope="col" class="num">
                    Last hour
                  </th>
                  <th scope="col" class="num">
                    Last 24 h
                  </th>
                  <th scope="col">By hour</th>
                  <th scope="col">First seen</th>
                  <th scope="col">Last seen</th>
                  <th scope="col">Properties</th>
                  <th scope="col">Schema</th>
                </>
              }
            >
              {(t) => (
                <tr data-event-type={t.name}>
                  <td class="cell-strong" data-label="Type">
                    <code>{t.name}</code>
                  </td>
                  <td class="num" data-label="Last hour">
                    {formatNumber(t.countLastHour)}
                  </td>
                  <td class="num" data-label="Last 24 h">
                    {formatNumber(t.countLast24h)}
                  </td>
                  <td data-label="By hour">
                    <Sparkline name={t.name} counts={t.hourlyCounts} />
                  </td>
                  <td data-label="First seen">
                    <time dateTime={t.firstSeen} title={formatDateTime(t.firstSeen)}>
                      {formatDateTime(t.firstSeen)}
                    </time>
                  </td>
                  <td data-label="Last seen">
                    <time dateTime={t.lastSeen} title={formatDateTime(t.lastSeen)}>
                      {formatRelative(t.lastSeen, now())}
                    </time>
                  </td>
                  <td data-label="Properties">
                    <Show when={t.properties.length} fallback={<span class="muted">none</span>}>
                      <details class="event-props">
                        <summary>
                          {t.properties.length} {t.properties.length === 1 ? 'property' : 'properties'}
                        </summary>
                        <ul>
                          <For each={t.properties}>
                            {(p) => (
                              <li>
                                <code>{p.path}</code> <span class="muted">{p.types.join(' | ')}</span>
                              </li>
                            )}
                          </For>
                        </ul>
                      </details>
                    </Show>
                  </td>
                  <td data-label="Schema">
                    <EnforceToggle name={t.name} enforced={t.enforced} onChanged={() => refetchTypes({ requestPolicy: 'network-only' })} />
                  </td>
                </tr>
              )}
            </DataTable>
          </Match>
        </Switch>
      </Section>

      <Section id="live-title" title="Live events" description="The 50 newest events, refreshed as events arrive." spaced>
        <div class="toolbar">
          <div class="field field-inline">
            <label for="live-type">Type</label>
            <select id="live-type" onChange={(e) => setTypeFilter(e.currentTarget.value || null)}>
              <option value="" selected={!typeFilter()}>
                All types
              </option>
              <For each={typeRows()}>
                {(t) => (
                  <option value={t.name} selected={typeFilter() === t.name}>
                    {t.name}
                  </option>
                )}
              </For>
            </select>
          </div>
          <div class="field field-inline">
            <label for="live-user">User id</label>
            <input id="live-user" type="search" placeholder="Any user" value={userInput()} onInput={(e) => setUserInput(e.currentTarget.value)} autocomplete="off" />
          </div>
          <button type="button" class="btn" aria-pressed={paused()} onClick={() => (paused() ? resume() : setPaused(true))}>
            {paused() ? 'Resume' : 'Pause'}
          </button>
          <span class="muted small live-state" role="status">
            {paused() ? `Paused${waiting() ? ` · ${formatNumber(waiting())} new ${waiting() === 1 ? 'event' : 'events'} not shown` : ''}` : 'Live'}
          </span>
        </div>
        <Switch>
          <Match when={recent.error && !recent.data}>
            <ErrorBox title="Events could not be loaded." error={apiError(recent.error)} onRetry={() => refetchRecent({ requestPolicy: 'network-only' })} />
          </Match>
          <Match when={!recent.data}>
            <Loading label="Loading events…" />
          </Match>
          <Match when={(recent.data?.recentEvents.length ?? 0) === 0}>
            <EmptyState title={typeFilter() || userFilter() ? 'No events match' : 'No events yet'}>
              {typeFilter() || userFilter() ? 'No recent event has this type and user. Clear a filter to see more.' : 'Events appear here as soon as they are sent.'}
            </EmptyState>
          </Match>
          <Match when={recent.data}>
            {(data) => (
              <ol class="event-list" aria-label="Newest events">
                <For each={data().recentEvents as LoggedEvent[]}>{(e) => <EventRow event={e} />}</For>
              </ol>
            )}
          </Match>
        </Switch>
      </Section>

      <HowToSend />
    </>
  );
}

const SPARK_W = 96;
const SPARK_H = 24;

/**
 * A type's events per hour over the last 24 hours (oldest on the left) as a small inline SVG of bars; the label
 * says the same in words for a screen reader, each bar's title gives its hour and count on hover.
 */
function Sparkline(props: { name: string; counts: number[] }) {
  const max = () => Math.max(1, ...props.counts);
  const slot = () => SPARK_W / Math.max(props.counts.length, 1);
  const hourOf = (i: number) => {
    const start = new Date(Math.floor(Date.now() / 3600_000 - (props.counts.length - 1 - i)) * 3600_000);
    return start.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  };
  const busiest = () => props.counts.reduce((best, n, i) => (n > props.counts[best]! ? i : best), 0);
  const label = () =>
    props.counts.some((n) => n > 0)
      ? `${props.name} per hour over the last 24 hours: at most ${formatNumber(max())} (the hour from ${hourOf(busiest())}), ${formatNumber(props.counts[props.counts.length - 1] ?? 0)} this hour`
      : `No ${props.name} events in the last 24 hours`;
  return (
    <svg class="sparkline" viewBox={`0 0 ${SPARK_W} ${SPARK_H}`} width={SPARK_W} height={SPARK_H} role="img" aria-label={label()}>
      <line x1="0" x2={SPARK_W} y1={SPARK_H - 0.5} y2={SPARK_H - 0.5} class="sparkline-axis" />
      <For each={props.counts}>
        {(n, i) => {
          const h = () => (n > 0 ? Math.max(2, ((SPARK_H - 2) * n) / max()) : 0);
          return (
            <rect class="sparkline-bar" x={i() * slot() + 0.5} y={SPARK_H - 1 - h()} width={Math.max(1, slot() - 1)} height={h()}>
              <title>
                {hourOf(i())} · {formatNumber(n)}
              </title>
            </rect>
          );
        }}
      </For>
    </svg>
  );
}

interface LoggedEvent {
  event_id: string;
  type: string;
  user_id: string;
  time: string;
  received_at?: string;
  session_id?: string;
  view_id?: string;
  properties?: Record<string, unknown>;
  aliases?: { tag: string; id: string }[];
}

function EventRow(props: { event: LoggedEvent }) {
  return (
    <li class="event-row" data-event-id={props.event.event_id}>
      <details>
        <summary>
          <time class="event-time mono" dateTime={props.event.time} title={`Received ${formatDateTime(props.event.received_at ?? props.event.time)}`}>
            {formatDateTime(props.event.time)}
          </time>
          <code class="event-type">{props.event.type}</code>
          <span class="event-user">
            <span class="sr-only">user </span>
            {props.event.user_id}
          </span>
        </summary>
        <pre class="event-json">{JSON.stringify(props.event, null, 2)}</pre>
      </details>
    </li>
  );
}

/** The enforcement switch of one type; the server's refusal shows beside it, its answer reloads the types. */
function EnforceToggle(props: { name: string; enforced: boolean; onChanged: () => void }) {
  const [state, setEnforced] = createMutation(SetEventTypeEnforcedDocument);
  const [error, setError] = createSignal<ApiError | null>(null);
  const toggle = async (enforced: boolean) => {
    setError(null);
    const res = await setEnforced({ name: props.name, enforced });
    if (res.error) setError(apiError(res.error) ?? { message: 'Not changed.' });
    // The types query is not refreshed by the mutation's answer on its own (the document cache keeps it).
    else props.onChanged();
  };
  return (
    <>
      <label class="enforce">
        <input type="checkbox" role="switch" checked={props.enforced} disabled={state.fetching} onChange={(e) => void toggle(e.currentTarget.checked)} aria-label={`Enforce the schema of ${props.name}`} />
        <span>{props.enforced ? 'Enforced' : 'Not enforced'}</span>
      </label>
      <ErrorBox error={error()} title="Not changed." />
    </>
  );
}

function HowToSend() {
  const endpoint = `${window.location.origin}/v1/events`;
  const curl = `curl -X POST ${endpoint} \\
  -H "Authorization: Bearer $INLET_EVENTS_KEY" \\
  -H "Content-Type: application/json" \\
  -d '[{"type":"Pageview","user_id":"user-1","properties":{"url":"https://example.com/"}}]'`;
  return (
    <Section
      id="send-title"
      title="How to send events"
      description={
        <>
          POST a JSON array (or NDJSON) of up to 5,000 events to <code>/v1/events</code> with an events key. The answer counts what was accepted and names
          each refused event’s field and reason.
        </>
      }
      spaced
    >
      <pre class="curl" data-testid="curl">{curl}</pre>
      <div class="form-actions">
        <CopyButton text={curl} label="Copy command" />
        <Link href="/settings?scope=EVENTS" class="btn btn-primary">
          Create an events key
        </Link>
      </div>
    </Section>
  );
}
