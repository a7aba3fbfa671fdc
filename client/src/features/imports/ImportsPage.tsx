import { createQuery, useClient } from '@urql/solid';
import { createEffect, For, Match, onCleanup, Show, Switch } from 'solid-js';
import { ImportConnectionNamesDocument, ImportRunsUpdatedDocument, ImportsDocument } from '../../gql/graphql';
import { apiError } from '../../lib/errors';
import { formatDateTime, formatNumber, formatRelative } from '../../lib/format';
import { currentQuery, Link, setQuery } from '../../lib/router';
import { describeSchedule, ImportStatusBadge, RunStatusBadge } from '../../lib/status';
import { Badge, createNow, DataTable, EmptyState, ErrorBox, Loading, PageHeader } from '../../lib/ui';
import { ImportTypeLabel } from './importTypes';

/**
 * Imports with their last run and next run. Run events (`importRunUpdated`) refetch the list, at most every
 * second, so a run's status shows without a reload.
 */
export function ImportsPage() {
  const connectionId = () => currentQuery().get('connection') || null;
  const [result, refetch] = createQuery({ query: ImportsDocument, variables: () => ({ connectionId: connectionId() }) });
  const [connections] = createQuery({ query: ImportConnectionNamesDocument });
  const now = createNow(30_000);

  const client = useClient();
  createEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const { unsubscribe } = client.subscription(ImportRunsUpdatedDocument, {}).subscribe(() => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        refetch({ requestPolicy: 'network-only' });
      }, 1000);
    });
    onCleanup(() => {
      clearTimeout(timer);
      unsubscribe();
    });
  });

  const rows = () => result.data?.imports.edges.map((e) => e.node) ?? [];

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
      <div class="toolbar">
        <div class="field field-inline">
          <label for="filter-connection">Connection</label>
          <select id="filter-connection" onChange={(e) => setQuery({ connection: e.currentTarget.value || null })}>
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
      </div>
      <Switch>
        <Match when={result.error && !result.data}>
          <ErrorBox title="Imports could not be loaded." error={apiError(result.error)} onRetry={() => refetch()} />
        </Match>
        <Match when={!result.data}>
          <Loading label="Loading imports…" />
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
            rows={rows()}
            head={
              <>
                <th scope="col">Name</th>
                <th scope="col">Source</th>
                <th scope="col">Type</th>
                <th scope="col">Status</th>
                <th scope="col">Last run</th>
                <th scope="col">Next run</th>
                <th scope="col" class="num">
                  Rows
                </th>
              </>
            }
          >
            {(row) => (
              <tr data-import-id={row.id}>
                <td class="cell-strong">
                  <Link href={`/imports/${row.id}`}>{row.name}</Link>
                </td>
                <td>
                  <div class="cell-stack">
                    <Link href={`/connections/${row.connection.id}`}>{row.connection.name}</Link>
                    <span class="muted small mono">{row.table}</span>
                  </div>
                </td>
                <td><ImportTypeLabel type={row.type} types={result.data?.importTypes} /></td>
                <td>
                  <div class="status-cell">
                    <ImportStatusBadge status={row.status} reason={row.statusReason} />
                    <Show when={row.schemaChanges.length}>
                      <Badge tone="warning" title="Schema changes wait for a decision">
                        {row.schemaChanges.length} schema {row.schemaChanges.length === 1 ? 'change' : 'changes'}
                      </Badge>
                    </Show>
                  </div>
                </td>
                <td>
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
                </td>
                <td>
                  <Show
                    when={row.status === 'ACTIVE' && row.nextRunAt}
                    fallback={<span class="muted">{row.status === 'PAUSED' ? 'Paused' : row.status === 'BLOCKED' ? 'Blocked' : describeSchedule(row.schedule)}</span>}
                  >
                    <time dateTime={row.nextRunAt!} title={`${formatDateTime(row.nextRunAt)} · ${describeSchedule(row.schedule)}`}>
                      {formatRelative(row.nextRunAt, now())}
                    </time>
                  </Show>
                </td>
                <td class="num">{formatNumber(row.rowCount)}</td>
              </tr>
            )}
          </DataTable>
          <p class="table-foot muted small">
            {rows().length} {rows().length === 1 ? 'import' : 'imports'}
          </p>
        </Match>
      </Switch>
    </>
  );
}
