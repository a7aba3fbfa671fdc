import { createQuery } from '@urql/solid';
import { createSignal, For, Match, Show, Switch } from 'solid-js';
import { ConnectionsDocument, PlatformNamesDocument, type ConnectionStatus, type SourcePlatformId } from '../../gql/graphql';
import { apiError } from '../../lib/errors';
import { humanize } from '../../lib/format';
import { currentQuery, Link, setQuery } from '../../lib/router';
import { CONNECTION_STATUSES, ConnectionStatusBadge, connectionStatusLabel } from '../../lib/status';
import { DataTable, DateOf, EmptyState, ErrorBox, Loading, PageHeader } from '../../lib/ui';
import { onConnectionStatus, type StatusEvent } from './live';

/**
 * Connections with Name, Source, Type, Created and Status, filterable by platform and status (kept in the URL).
 * Status transitions arrive through `connectionStatusChanged`: a row's badge changes at once, and the list is
 * fetched again in the background so new connections and reasons show up without a reload.
 */
export function ConnectionsPage() {
  const platform = () => (currentQuery().get('platform') as SourcePlatformId | null) || null;
  const status = () => (currentQuery().get('status') as ConnectionStatus | null) || null;
  const [result, refetch] = createQuery({ query: ConnectionsDocument, variables: () => ({ platform: platform(), status: status() }) });
  const [platforms] = createQuery({ query: PlatformNamesDocument });
  const [live, setLive] = createSignal<Record<string, StatusEvent>>({});

  onConnectionStatus(
    () => null,
    (event) => {
      setLive((prev) => ({ ...prev, [event.connectionId]: event }));
      refetch({ requestPolicy: 'network-only' });
    },
  );

  const statusOf = (row: { id: string; status: ConnectionStatus; updatedAt: string }) => {
    const event = live()[row.id];
    return event && event.at >= row.updatedAt ? event.to : row.status;
  };
  const reasonOf = (row: { id: string; statusReason?: string | null; updatedAt: string }) => {
    const event = live()[row.id];
    return event && event.at >= row.updatedAt ? event.reason : row.statusReason;
  };
  const rows = () => result.data?.connections.edges.map((e) => e.node) ?? [];
  const filtered = () => !!(platform() || status());

  return (
    <>
      <PageHeader
        title="Connections"
        subtitle="Configured links to your source platforms. Status updates live."
        actions={
          <Link href="/catalog" class="btn btn-primary">
            New connection
          </Link>
        }
      />
      <div class="toolbar">
        <div class="field field-inline">
          <label for="filter-platform">Source</label>
          <select id="filter-platform" onChange={(e) => setQuery({ platform: e.currentTarget.value || null })}>
            <option value="" selected={!platform()}>
              All sources
            </option>
            <For each={platforms.data?.catalog ?? []}>
              {(p) => (
                <option value={p.id} selected={platform() === p.id}>
                  {p.name}
                </option>
              )}
            </For>
          </select>
        </div>
        <div class="field field-inline">
          <label for="filter-status">Status</label>
          <select id="filter-status" onChange={(e) => setQuery({ status: e.currentTarget.value || null })}>
            <option value="" selected={!status()}>
              All statuses
            </option>
            <For each={CONNECTION_STATUSES}>
              {(s) => (
                <option value={s} selected={status() === s}>
                  {connectionStatusLabel(s)}
                </option>
              )}
            </For>
          </select>
        </div>
        <Show when={filtered()}>
          <button type="button" class="btn btn-ghost btn-small toolbar-clear" onClick={() => setQuery({ platform: null, status: null })}>
            Clear filters
          </button>
        </Show>
      </div>
      <Switch>
        <Match when={result.error && !result.data}>
          <ErrorBox title="Connections could not be loaded." error={apiError(result.error)} onRetry={() => refetch()} />
        </Match>
        <Match when={!result.data}>
          <Loading label="Loading connections…" />
        </Match>
        <Match when={rows().length === 0 && filtered()}>
          <EmptyState
            title="No connections match these filters"
            action={
              <button type="button" class="btn" onClick={() => setQuery({ platform: null, status: null })}>
                Clear filters
              </button>
            }
          />
        </Match>
        <Match when={rows().length === 0}>
          <EmptyState
            title="No connections yet"
            action={
              <Link href="/catalog" class="btn btn-primary">
                Browse the catalog
              </Link>
            }
          >
            Connect a data warehouse or a bucket from the catalog. Once a connection is Active, you can import its tables.
          </EmptyState>
        </Match>
        <Match when={rows().length > 0}>
          <DataTable
            label="Connections"
            rows={rows()}
            head={
              <>
                <th scope="col">Name</th>
                <th scope="col">Source</th>
                <th scope="col">Type</th>
                <th scope="col">Created</th>
                <th scope="col">Status</th>
              </>
            }
          >
            {(row) => (
              <tr data-connection-id={row.id}>
                <td class="cell-strong">
                  <Link href={`/connections/${row.id}`}>{row.name}</Link>
                </td>
                <td>{row.platform.name}</td>
                <td>{humanize(row.type)}</td>
                <td>
                  <DateOf iso={row.createdAt} />
                </td>
                <td>
                  <div class="status-cell">
                    <ConnectionStatusBadge status={statusOf(row)} reason={reasonOf(row)} />
                    <Show when={statusOf(row) !== 'ACTIVE' && reasonOf(row)}>
                      <span class="status-reason" title={reasonOf(row) ?? ''}>
                        {reasonOf(row)}
                      </span>
                    </Show>
                  </div>
                </td>
              </tr>
            )}
          </DataTable>
          <p class="table-foot muted small" aria-live="polite">
            {rows().length} {rows().length === 1 ? 'connection' : 'connections'}
            {filtered() ? ' match the filters' : ''}
          </p>
        </Match>
      </Switch>
    </>
  );
}
