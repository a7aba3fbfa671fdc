import { createQuery } from '@urql/solid';
import { createSignal, For, Match, Show, Switch } from 'solid-js';
import { ConnectionsDocument, PlatformNamesDocument, type ConnectionStatus, type ConnectionType, type ListOrder, type SourcePlatformId } from '../../gql/graphql';
import { apiError } from '../../lib/errors';
import { humanize } from '../../lib/format';
import { Cell, createListState, DateTimeOf, Pager, SearchBox, SortSelect, StatusChips } from '../../lib/lists';
import { currentQuery, Link } from '../../lib/router';
import { ConnectionStatusBadge, connectionStatusLabel } from '../../lib/status';
import { DataTable, EmptyState, ErrorBox, Loading, PageHeader } from '../../lib/ui';
import { onConnectionStatus, type StatusEvent } from './live';

const PAGE_SIZE = 50; // connections.graphql asks for pages of 50
const ORDERS: [ListOrder, string][] = [
  ['CREATED_AT_DESC', 'Newest first'],
  ['CREATED_AT_ASC', 'Oldest first'],
  ['NAME_ASC', 'Name A–Z'],
  ['NAME_DESC', 'Name Z–A'],
];

/**
 * Connections with Name, Platform, Type, Created and Status, a page at a time: a name search, status chips with
 * their counts, a platform filter, a type filter and a sort order (all kept in the URL, see lib/lists.tsx).
 * Status transitions arrive through `connectionStatusChanged`: a row's badge changes at once, and the list is
 * fetched again in the background so new connections and reasons show up without a reload.
 */
export function ConnectionsPage() {
  const list = createListState<ConnectionStatus, ListOrder>('CREATED_AT_DESC');
  const platform = () => (currentQuery().get('platform') as SourcePlatformId | null) || null;
  const status = list.status;
  const type = () => (currentQuery().get('type') as ConnectionType | null) || null;
  const [result, refetch] = createQuery({
    query: ConnectionsDocument,
    variables: () => ({ platform: platform(), status: status(), type: type(), search: list.search() || null, orderBy: list.order(), after: list.after() }),
  });
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
  const filtered = () => !!(platform() || status() || type() || list.search());
  const clear = () => list.setFilter({ platform: null, status: null, type: null, q: null });

  return (
    <>
      <PageHeader
        title="Connections"
        subtitle="Your links to the platforms you import from and route to. Status updates live."
        actions={
          <Link href="/catalog" class="btn btn-primary">
            New connection
          </Link>
        }
      />
      <div class="toolbar list-toolbar">
        <SearchBox id="search-connections" label="Search" placeholder="Connection name" value={list.search()} onSearch={(q) => list.setFilter({ q: q || null })} />
        <div class="field field-inline">
          <label for="filter-platform">Platform</label>
          <select id="filter-platform" onChange={(e) => list.setFilter({ platform: e.currentTarget.value || null })}>
            <option value="" selected={!platform()}>
              All platforms
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
          <label for="filter-type">Type</label>
          <select id="filter-type" onChange={(e) => list.setFilter({ type: e.currentTarget.value || null })}>
            <option value="" selected={!type()}>
              All types
            </option>
            <option value="SOURCE" selected={type() === 'SOURCE'}>
              Source
            </option>
            <option value="DESTINATION" selected={type() === 'DESTINATION'}>
              Destination
            </option>
          </select>
        </div>
        <SortSelect id="sort-connections" value={list.order()} options={ORDERS} onChange={(o) => list.setFilter({ sort: o === 'CREATED_AT_DESC' ? null : o })} />
        <Show when={filtered()}>
          <button type="button" class="btn btn-ghost btn-small toolbar-clear" onClick={clear}>
            Clear filters
          </button>
        </Show>
      </div>
      <StatusChips label="Status" counts={result.data?.connectionStatusCounts} selected={status()} labelOf={connectionStatusLabel} onSelect={(s) => list.setFilter({ status: s })} />
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
              <button type="button" class="btn" onClick={clear}>
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
            class="list-table"
            rows={rows()}
            head={
              <>
                <th scope="col">Name</th>
                <th scope="col">Platform</th>
                <th scope="col">Type</th>
                <th scope="col">Created</th>
                <th scope="col">Status</th>
              </>
            }
          >
            {(row) => (
              <tr data-connection-id={row.id}>
                <Cell label="Name" class="cell-strong">
                  <Link href={`/connections/${row.id}`}>{row.name}</Link>
                </Cell>
                <Cell label="Platform">{row.platform.name}</Cell>
                <Cell label="Type">{humanize(row.type)}</Cell>
                <Cell label="Created">
                  <DateTimeOf iso={row.createdAt} />
                </Cell>
                <Cell label="Status">
                  <div class="status-cell">
                    <ConnectionStatusBadge status={statusOf(row)} reason={reasonOf(row)} />
                    <Show when={statusOf(row) !== 'ACTIVE' && reasonOf(row)}>
                      <span class="status-reason" title={reasonOf(row) ?? ''}>
                        {reasonOf(row)}
                      </span>
                    </Show>
                  </div>
                </Cell>
              </tr>
            )}
          </DataTable>
          <Pager
            noun={['connection', 'connections']}
            shown={rows().length}
            pageSize={PAGE_SIZE}
            filtered={filtered()}
            list={list}
            connection={result.data!.connections}
          />
        </Match>
      </Switch>
    </>
  );
}
