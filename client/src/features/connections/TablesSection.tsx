import { createQuery } from '@urql/solid';
import { createSignal, For, Match, Show, Switch } from 'solid-js';
import { TableDetailsDocument, type ConnectionDetailFragment } from '../../gql/graphql';
import { apiError } from '../../lib/errors';
import { formatBytes, formatDateTime, formatNumber, formatRelative } from '../../lib/format';
import { Link } from '../../lib/router';
import { Badge, createNow, DataTable, EmptyState, ErrorBox, Spinner, Section } from '../../lib/ui';

type Table = ConnectionDetailFragment['tables'][number];

/** The last schema refresh (state and cost) and the tables it discovered, each with its columns. */
export function TablesSection(props: { connection: ConnectionDetailFragment; onRefresh: () => void; refreshing: boolean }) {
  const refresh = () => props.connection.schemaRefresh;
  const inProgress = () => refresh()?.status === 'IN_PROGRESS';
  const now = createNow(15_000);
  const importable = () => props.connection.tables.filter((t) => !t.ignoredReason).length;
  return (
    <Section
      id="tables-title"
      title="Tables"
      description={
        <>
          <Switch fallback="Tables are discovered once the connection is Active.">
            <Match when={inProgress()}>
              <span class="inline-status">
                <Spinner label="Refreshing the schema" /> Refreshing the schema… started {formatRelative(refresh()!.startedAt, now())}
              </span>
            </Match>
            <Match when={refresh()?.status === 'ERROR'}>The last schema refresh failed {formatRelative(refresh()!.finishedAt, now())}.</Match>
            <Match when={refresh()}>
              {(r) => (
                <>
                  {props.connection.tables.length} {props.connection.tables.length === 1 ? 'table' : 'tables'} ({importable()} importable) · refreshed{' '}
                  <time dateTime={r().finishedAt ?? r().startedAt} title={formatDateTime(r().finishedAt)}>
                    {formatRelative(r().finishedAt ?? r().startedAt, now())}
                  </time>{' '}
                  · {formatNumber(r().requests)} {r().requests === 1 ? 'request' : 'requests'} · {formatBytes(r().bytesRead)} read
                </>
              )}
            </Match>
          </Switch>
        </>
      }
      live
      actions={
        <>
          <button
            type="button"
            class="btn"
            onClick={() => props.onRefresh()}
            disabled={inProgress() || props.refreshing || props.connection.status !== 'ACTIVE'}
            title={props.connection.status !== 'ACTIVE' ? 'Only an Active connection can be refreshed' : 'Discover tables and columns again'}
          >
            {inProgress() || props.refreshing ? 'Refreshing…' : 'Refresh schema'}
          </button>
        </>
      }
    >
      <Show when={refresh()?.status === 'ERROR' && refresh()?.error}>
        <div class="notice notice-danger" role="alert">
          <div>{refresh()!.error}</div>
        </div>
      </Show>
      <Show
        when={props.connection.tables.length}
        fallback={
          <Show when={!inProgress() && props.connection.status === 'ACTIVE'}>
            <EmptyState title="No tables found">
              Inlet found no table folders under the schema prefix. Each table is a folder of data files directly under the prefix (e.g.{' '}
              <code>data/audiences/users/part-0.parquet</code>). Check the prefix, format and partitioning settings, add files, then refresh the schema.
            </EmptyState>
          </Show>
        }
      >
        <div class="tables">
          <For each={props.connection.tables}>
            {(table) => <TableItem table={table} connectionId={props.connection.id} connectionActive={props.connection.status === 'ACTIVE'} />}
          </For>
        </div>
      </Show>
    </Section>
  );
}

function TableItem(props: { table: Table; connectionId: string; connectionActive: boolean }) {
  const t = () => props.table;
  // Partition values and sample rows are asked for when the table is opened (over every table they cost too much).
  const [open, setOpen] = createSignal(false);
  const now = createNow(60_000);
  // An ignored table without files says why instead of "0 columns · 0 files · 0 B".
  const empty = () => Boolean(t().ignoredReason) && !t().fileCount;
  return (
    <details class="table-item" data-table={t().name} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        <span class="table-name">{t().name}</span>
        <span class="table-meta">
          <Show when={!empty()} fallback={<span class="table-ignored-reason">{t().ignoredReason}</span>}>
            <span>
              {t().columns.length} {t().columns.length === 1 ? 'column' : 'columns'}
            </span>
            <Show when={t().fileCount != null}>
              <span>
                {formatNumber(t().fileCount)} {t().fileCount === 1 ? 'file' : 'files'}
              </span>
            </Show>
            <Show when={t().totalBytes != null}>
              <span>{formatBytes(t().totalBytes)}</span>
            </Show>
            <Show when={t().partitionColumns.length}>
              <span>partitioned by {t().partitionColumns.join(', ')}</span>
            </Show>
            <Show when={t().newestFileAt}>
              <span>
                newest file{' '}
                <time dateTime={t().newestFileAt!} title={formatDateTime(t().newestFileAt)}>
                  {formatRelative(t().newestFileAt, now())}
                </time>
              </span>
            </Show>
          </Show>
        </span>
        <span class="table-badges">
          <Show when={t().ignoredReason}>
            <Badge tone="neutral" title={t().ignoredReason ?? ''}>
              Ignored
            </Badge>
          </Show>
          <Show when={t().warnings.length}>
            <Badge tone="warning">
              {t().warnings.length} {t().warnings.length === 1 ? 'warning' : 'warnings'}
            </Badge>
          </Show>
        </span>
      </summary>
      <div class="table-body">
        <Show when={t().ignoredReason && !empty()}>
          <p class="notice notice-neutral">
            <span>
              <strong>Not importable:</strong> {t().ignoredReason}
            </span>
          </p>
        </Show>
        <Show when={t().warnings.length}>
          <ul class="warnings">
            <For each={t().warnings}>{(w) => <li>{w}</li>}</For>
          </ul>
        </Show>
        <Show when={!t().ignoredReason && props.connectionActive}>
          <div>
            <Link href={`/imports/new?connection=${props.connectionId}&table=${encodeURIComponent(t().name)}`} class="btn btn-small">
              Import this table
            </Link>
          </div>
        </Show>
        <Show when={t().schemaFile}>
          <p class="muted small">
            Columns read from <code class="break">{t().schemaFile}</code>
          </p>
        </Show>
        <Show when={open() && !t().ignoredReason}>
          <TableDetails connectionId={props.connectionId} name={t().name} />
        </Show>
        <Show when={t().columns.length}>
        <DataTable
          label={`Columns of ${t().name}`}
          class="table-compact"
          rows={t().columns}
          head={
            <>
              <th scope="col">Column</th>
              <th scope="col">Type</th>
              <th scope="col">Source type</th>
              <th scope="col">Nullable</th>
              <th scope="col">Notes</th>
            </>
          }
        >
          {(c) => (
            <tr>
              <td class="mono">{c.name}</td>
              <td>
                <span class="type">{c.type}</span>
              </td>
              <td class="mono muted">{c.sourceType ?? '—'}</td>
              <td>{c.nullable ? 'Yes' : 'No'}</td>
              <td>
                <Show when={c.isPartition}>
                  <span class="tag">Partition</span>{' '}
                </Show>
                <Show when={c.nested}>
                  <span class="tag" title="A struct, list or map: imported as JSON text">
                    Nested → JSON
                  </span>
                </Show>
              </td>
            </tr>
          )}
        </DataTable>
        </Show>
      </div>
    </details>
  );
}

/** What discovery saw inside a table: the values of each partition column, and the first rows of the newest file. */
function TableDetails(props: { connectionId: string; name: string }) {
  const [result, refetch] = createQuery({ query: TableDetailsDocument, variables: () => ({ id: props.connectionId, name: props.name }) });
  const table = () => result.data?.connection?.table;
  return (
    <Switch>
      <Match when={result.error}>
        <ErrorBox title="The table's details could not be loaded." error={apiError(result.error)} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
      </Match>
      <Match when={!table()}>
        <p class="muted small">
          <Spinner label="Loading partition values and sample rows" />
        </p>
      </Match>
      <Match when={table()}>
        {(tbl) => (
          <>
            <For each={tbl().partitionValues}>
              {(p) => (
                <section class="partition-values" aria-label={`Values of partition ${p.column}`}>
                  <h3 class="small-title">
                    Partition <span class="mono">{p.column}</span>: {formatNumber(p.distinct)} {p.distinct === 1 ? 'value' : 'values'}
                    <Show when={p.min != null && p.max !== p.min}>
                      , from <span class="mono">{p.min}</span> to <span class="mono">{p.max}</span>
                    </Show>
                  </h3>
                  <ul class="value-chips">
                    <For each={p.values}>
                      {(v) => (
                        <li>
                          <span class="mono">{v.value ?? 'NULL'}</span> <span class="muted">· {formatNumber(v.files)} {v.files === 1 ? 'file' : 'files'}</span>
                        </li>
                      )}
                    </For>
                  </ul>
                  <Show when={p.distinct > p.values.length}>
                    <p class="muted small">The {p.values.length} most frequent values are shown.</p>
                  </Show>
                </section>
              )}
            </For>
            <Show when={tbl().sampleRows.length} fallback={<p class="muted small">No sample rows could be read (see the warnings above).</p>}>
              <h3 class="small-title">
                First {tbl().sampleRows.length} {tbl().sampleRows.length === 1 ? 'row' : 'rows'} of the newest file
              </h3>
              <DataTable
                label={`Sample rows of ${tbl().name}`}
                class="table-compact sample-rows"
                rows={tbl().sampleRows}
                head={<For each={tbl().columns}>{(c) => <th scope="col" class="mono">{c.name}</th>}</For>}
              >
                {(row) => (
                  <tr>
                    <For each={row ?? []}>{(cell) => <td class="mono">{cell ?? <span class="muted">null</span>}</td>}</For>
                  </tr>
                )}
              </DataTable>
            </Show>
          </>
        )}
      </Match>
    </Switch>
  );
}
