import { createMutation, createQuery } from '@urql/solid';
import { createMemo, createSignal, For, Show } from 'solid-js';
import { DeliveryUpdatedDocument, DestinationDocument, PauseDestinationDocument, ResumeDestinationDocument, type DeliveryFieldsFragment } from '../../gql/graphql';
import { apiError } from '../../lib/errors';
import { formatBytes, formatDateTime, formatNumber } from '../../lib/format';
import { Badge, DataTable, DateOf, ErrorBox, Fact, Facts, Loading, Section } from '../../lib/ui';
import { ExportDay } from './ExportDay';
import { onSubscription } from '../../lib/subscriptions';

const PAGE = 50;
const W = 600;
const H = 120;

/** How far behind a destination is, in words. */
function lagText(seconds: number | null | undefined): string {
  if (seconds == null) return '—';
  if (seconds === 0) return 'Caught up';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

const statusTone = (s: string) => (s === 'DELIVERED' ? 'success' : s === 'FAILED' ? 'danger' : s === 'RETRYING' ? 'warning' : 'info');

/**
 * A destination's part of its connection page: lag, paused state with pause/resume, a chart of rows delivered per
 * hour, and the deliveries (files written), newest first, a page at a time. Deliveries arrive live through
 * `deliveryUpdated`: the page is fetched again when one changes.
 */
export function DestinationSection(props: { connectionId: string; batch?: boolean }) {
  const [after, setAfter] = createSignal<string | null>(null);
  const [earlier, setEarlier] = createSignal<(string | null)[]>([]);
  const [result, refetch] = createQuery({ query: DestinationDocument, variables: () => ({ id: props.connectionId, first: PAGE, after: after() }) });
  const [pauseState, pause] = createMutation(PauseDestinationDocument);
  const [resumeState, resume] = createMutation(ResumeDestinationDocument);
  const [error, setError] = createSignal<string | null>(null);
  const [latest, setLatest] = createSignal<DeliveryFieldsFragment | null>(null);
  onSubscription(DeliveryUpdatedDocument, () => ({ connectionId: props.connectionId }), (r) => {
    if (r.data) setLatest(r.data.deliveryUpdated);
    refetch({ requestPolicy: 'network-only' });
  });

  const d = () => result.data?.connection;
  const rows = () => d()?.deliveries.edges.map((e) => e.node) ?? [];
  const toggle = async () => {
    setError(null);
    const res = d()?.paused ? await resume({ id: props.connectionId }) : await pause({ id: props.connectionId });
    if (res.error) setError(apiError(res.error)?.message ?? 'Not changed.');
    refetch({ requestPolicy: 'network-only' });
  };

  return (
    <Section
      id="deliveries-title"
      title="Deliveries"
      actions={
        <>
          <Show when={d()}>
            <button type="button" class="btn btn-small" onClick={toggle} disabled={pauseState.fetching || resumeState.fetching}>
              {d()!.paused ? 'Resume' : 'Pause'}
            </button>
          </Show>
        </>
      }
    >
      <ErrorBox error={error()} />
      <Show when={props.batch}>
        <ExportDay connectionId={props.connectionId} latest={latest()} onStarted={() => refetch({ requestPolicy: 'network-only' })} />
      </Show>
      <Show when={d()} fallback={<Loading label="Loading deliveries…" />}>
        <Facts>
          <Fact label="State">{d()!.paused ? <Badge tone="warning">Paused</Badge> : <Badge tone="success">Delivering</Badge>}</Fact>
          <Fact label="Lag">{lagText(d()!.lagSeconds)}</Fact>
          <Fact label="Files">{formatNumber(d()!.deliveries.totalCount)}</Fact>
        </Facts>
        <Show when={d()!.paused}>
          <p class="muted small">Paused: events wait in the log (retention keeps them) and delivery continues where it stopped when resumed.</p>
        </Show>
        <RowsPerHour deliveries={rows()} />
        <Show when={rows().length} fallback={<p class="muted">No files written yet. They appear here as the writer delivers them.</p>}>
          <DataTable
            label="Deliveries"
            rows={rows()}
            head={
              <>
                <th scope="col">Started</th>
                <th scope="col">Data</th>
                <th scope="col">Key</th>
                <th scope="col">Rows</th>
                <th scope="col">Size</th>
                <th scope="col">Status</th>
              </>
            }
          >
            {(r) => (
              <tr data-delivery-id={r.id}>
                <td>
                  <DateOf iso={r.startedAt} />
                </td>
                <td>{r.dataType}</td>
                <td class="cell-mono" title={r.key}>
                  {r.key.split('/').pop()}
                </td>
                <td>{formatNumber(r.rows)}</td>
                <td>{r.status === 'DELIVERED' ? formatBytes(r.bytes) : '—'}</td>
                <td>
                  <Badge tone={statusTone(r.status)} title={r.error ?? undefined}>
                    {r.status === 'RETRYING' ? `Retrying (attempt ${r.attempt})` : r.status.charAt(0) + r.status.slice(1).toLowerCase()}
                  </Badge>
                  <Show when={r.error}>
                    <span class="status-reason" title={r.error ?? ''}>
                      {r.error}
                    </span>
                  </Show>
                </td>
              </tr>
            )}
          </DataTable>
          <div class="form-actions">
            <button
              type="button"
              class="btn btn-small"
              disabled={!earlier().length}
              onClick={() => {
                const stack = earlier();
                setAfter(stack[stack.length - 1] ?? null);
                setEarlier(stack.slice(0, -1));
              }}
            >
              Newer
            </button>
            <button
              type="button"
              class="btn btn-small"
              disabled={!d()!.deliveries.pageInfo.hasNextPage}
              onClick={() => {
                setEarlier([...earlier(), after()]);
                setAfter(d()!.deliveries.pageInfo.endCursor ?? null);
              }}
            >
              Older
            </button>
          </div>
        </Show>
      </Show>
      <Show when={result.error && !result.data}>
        <ErrorBox title="Deliveries could not be loaded." error={apiError(result.error)} onRetry={() => refetch()} />
      </Show>
    </Section>
  );
}

/** Event rows delivered per hour (by window start) over the deliveries on the page, as an inline SVG bar chart. */
function RowsPerHour(props: { deliveries: DeliveryFieldsFragment[] }) {
  const hours = createMemo(() => {
    const by = new Map<string, number>();
    for (const d of props.deliveries) {
      if (d.dataType !== 'events' || d.status !== 'DELIVERED' || !d.windowStart) continue;
      const hour = d.windowStart.slice(0, 13);
      by.set(hour, (by.get(hour) ?? 0) + d.rows);
    }
    return [...by.entries()].sort(([a], [b]) => a.localeCompare(b)).slice(-24);
  });
  const max = () => Math.max(1, ...hours().map(([, n]) => n));
  const slot = () => W / Math.max(hours().length, 12);
  return (
    <Show when={hours().length}>
      <figure class="chart">
        <div class="chart-scale" aria-hidden="true">
          <span>{formatNumber(max())}</span>
          <span>0</span>
        </div>
        <svg viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" role="img" aria-label={`Event rows delivered per hour over the last ${hours().length} hours, at most ${formatNumber(max())} in one hour.`} class="chart-svg">
          <line x1="0" x2={W} y1={H - 4} y2={H - 4} class="chart-axis" />
          <For each={hours()}>
            {([hour, n], i) => (
              <rect class="chart-bar bar-succeeded" x={i() * slot() + slot() * 0.15} y={H - 4 - Math.max(3, ((H - 12) * n) / max())} width={slot() * 0.7} height={Math.max(3, ((H - 12) * n) / max())} rx="2">
                <title>
                  {formatDateTime(`${hour}:00:00.000Z`)} · {formatNumber(n)} rows
                </title>
              </rect>
            )}
          </For>
        </svg>
        <figcaption class="chart-legend">Event rows delivered per hour (UTC windows)</figcaption>
      </figure>
    </Show>
  );
}
