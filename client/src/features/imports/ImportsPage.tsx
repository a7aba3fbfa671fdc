import { createQuery } from '@urql/solid';
import { For, Match, Show, Switch } from 'solid-js';
import { ImportConnectionNamesDocument, ImportRunsUpdatedDocument, ImportsDocument, type ImportStatus, type ListOrder } from '../../gql/graphql';
import { apiError } from '../../lib/errors';
import { formatDateTime, formatNumber, formatRelative } from '../../lib/format';
import { Cell, createListState, DateTimeOf, Pager, SearchBox, SortSelect, StatusChips } from '../../lib/lists';
import { currentQuery, Link } from '../../lib/router';
import { describeSchedule, ImportStatusBadge, RunStatusBadge } from '../../lib/status';
import { Badge, createNow, DataTable, EmptyState, ErrorBox, Loading, PageHeader } from '../../lib/ui';
import { ImportTypeLabel } from './importTypes';
import { onSubscription, throttled } from '../../lib/subscriptions';

const PAGE_SIZE = 50; // imports.graphql asks for pages of 50
const ORDERS: [ListOrder, string][] = [
  ['CREATED_AT_DESC', 'Newest first'],
  ['CREATED_AT_ASC', 'Oldest first'],
  ['NAME_ASC', 'Name A–Z'],
  ['NAME_DESC', 'Name Z–A'],
];
const IMPORT_STATUS_LABELS: Record<ImportStatus, string> = { ACTIVE: 'Active', PAUSED: 'Paused', BLOCKED: 'Blocked' };

/**
 * Imports with their last run and next run, a page at a time: a name search, status chips with their counts, a
 * connection filter and a sort order (all kept in the URL, see lib/lists.tsx). Run events (`importRunUpdated`) refetch the list, at most every
 * second, so a run's status shows without a reload.
 */
export function ImportsPage() {
  const list = createListState<ImportStatus, ListOrder>('CREATED_AT_DESC');
  const connectionId = () => currentQuery().get('connection') || null;
  const [result, refetch] = createQuery({
    query: ImportsDocument,
    variables: () => ({ connectionId: connectionId(), status: list.status(), search: list.search() || null, orderBy: list.order(), after: list.after() }),
  });
  const [connections] = createQuery({ query: ImportConnectionNamesDocument });
  const now = createNow(30_000);

  onSubscription(ImportRunsUpdatedDocument, () => ({}), throttled(() => refetch({ requestPolicy: 'network-only' })));

  const rows = () => result.data?.imports.edges.map((e) => e.node) ?? [];
  const filtered = () => !!(list.status() || list.search());
  const clear = () => list.setFilter({ status: null, q: null });

  return (
    <>
      <PageHeader
        title="Imports"
        subtitle="Pipelines that bring a table from a connection into Inlet, on a schedule or on demand."
        actions={
          <Link href={connectionId() ? `/imports/new?connection=${connectionId()}` : '/imports/new'} class="btn btn-primary">
            Create import
          </Link>
        }
      />
      <div class="toolbar list-toolbar">
        <SearchBox id="search-imports" label="Search" placeholder="Import name" value={list.search()} onSearch={(q) => list.setFilter({ q: q || null })} />
        <div class="field field-inline">
          <label for="filter-connection">Connection</label>
          <select id="filter-connection" onChange={(e) => list.setFilter({ connection: e.currentTarget.value || null })}>
            <option value="" selected={!connectionId()}>
              All connections
            </option>
            <For each={connections.data?.connections.edges.map((e) => e.node) ?? []}>
              {(c) => (
                <option value={c.id} selected={connectionId() === c.id}>
                  {c.name}
                </option>
              )}
            </For>
          </select>
        </div>
        <SortSelect id="sort-imports" value={list.order()} options={ORDERS} onChange={(o) => list.setFilter({ sort: o === 'CREATED_AT_DESC' ? null : o })} />
        <Show when={filtered()}>
          <button type="button" class="btn btn-ghost btn-small toolbar-clear" onClick={clear}>
            Clear filters
          </button>
        </Show>
      </div>
      <StatusChips label="Status" counts={result.data?.importStatusCounts} selected={list.status()} labelOf={(s) => IMPORT_STATUS_LABELS[s] ?? s} onSelect={(s) => list.setFilter({ status: s })} />
      <Switch>
        <Match when={result.error && !result.data}>
          <ErrorBox title="Imports could not be loaded." error={apiError(result.error)} onRetry={() => refetch()} />
        </Match>
        <Match when={!result.data}>
          <Loading label="Loading imports…" />
        </Match>
        <Match when={rows().length === 0 && filtered()}>
          <EmptyState
            title="No imports match these filters"
            action={
              <button type="button" class="btn" onClick={clear}>
                Clear filters
              </button>
            }
          />
        </Match>
        <Match when={rows().length === 0 && connectionId()}>
          <EmptyState
            title="No imports read from this connection"
            action={
              <Link href={`/imports/new?connection=${connectionId()}`} class="btn btn-primary">
                Create import
              </Link>
            }
          />
        </Match>
        <Match when={rows().length === 0}>
          <EmptyState
            title="No imports yet"
            action={
              <Link href="/imports/new" class="btn btn-primary">
                Create import
              </Link>
            }
          >
            An import brings a table of an Active connection into Inlet: user profiles, activity, identities or group memberships.
          </EmptyState>
        </Match>
        <Match when={rows().length > 0}>
          <DataTable
            label="Imports"
            class="list-table"
            rows={rows()}
            head={
              <>
                <th scope="col">Name</th>
                <th scope="col">Source</th>
                <th scope="col">Type</th>
                <th scope="col">Status</th>
                <th scope="col">Last run</th>
                <th scope="col">Next run</th>
                <th scope="col">Created</th>
                <th scope="col" class="num">
                  Rows
                </th>
              </>
            }
          >
            {(row) => (
              <tr data-import-id={row.id}>
                <Cell label="Name" class="cell-strong">
                  <Link href={`/imports/${row.id}`}>{row.name}</Link>
                </Cell>
                <Cell label="Source" class="cell-wrap">
                  <div class="cell-stack">
                    <Link href={`/connections/${row.connection.id}`}>{row.connection.name}</Link>
                    <span class="muted small mono">{row.table}</span>
                  </div>
                </Cell>
                <Cell label="Type">
                  <ImportTypeLabel type={row.type} types={result.data?.importTypes} />
                </Cell>
                <Cell label="Status">
                  <div class="status-cell">
                    <ImportStatusBadge status={row.status} reason={row.statusReason} />
                    <Show when={row.schemaChanges.length}>
                      <Badge tone="warning" title="Schema changes wait for a decision">
                        {row.schemaChanges.length} schema {row.schemaChanges.length === 1 ? 'change' : 'changes'}
                      </Badge>
                    </Show>
                  </div>
                </Cell>
                <Cell label="Last run">
                  <Show when={row.lastRun} fallback={<span class="muted">Never run</span>}>
                    {(run) => (
                      <div class="status-cell">
                        <RunStatusBadge status={run().status} title={run().error} />
                        <time class="muted small" dateTime={run().finishedAt ?? run().startedAt ?? ''} title={formatDateTime(run().finishedAt ?? run().startedAt)}>
                          {formatRelative(run().finishedAt ?? run().startedAt, now())}
                        </time>
                      </div>
                    )}
                  </Show>
                </Cell>
                <Cell label="Next run">
                  <Show
                    when={row.status === 'ACTIVE' && row.nextRunAt}
                    fallback={<span class="muted">{row.status === 'PAUSED' ? 'Paused' : row.status === 'BLOCKED' ? 'Blocked' : describeSchedule(row.schedule)}</span>}
                  >
                    <time dateTime={row.nextRunAt!} title={`${formatDateTime(row.nextRunAt)} · ${describeSchedule(row.schedule)}`}>
                      {formatRelative(row.nextRunAt, now())}
                    </time>
                  </Show>
                </Cell>
                <Cell label="Created">
                  <DateTimeOf iso={row.createdAt} />
                </Cell>
                <Cell label="Rows" class="num">
                  {formatNumber(row.rowCount)}
                </Cell>
              </tr>
            )}
          </DataTable>
          <Pager
            noun={['import', 'imports']}
            shown={rows().length}
            pageSize={PAGE_SIZE}
            filtered={filtered()}
            list={list}
            connection={result.data!.imports}
          />
        </Match>
      </Switch>
    </>
  );
}
