import { createQuery } from '@urql/solid';
import { createEffect, createSignal, For, Match, on, Show, Switch } from 'solid-js';
import { AuditKeysDocument, AuditLogDocument } from '../../gql/graphql';
import { createDebounced } from '../../lib/debounce';
import { apiError } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { currentQuery, Link, setQuery } from '../../lib/router';
import { Badge, DataTable, EmptyState, ErrorBox, Loading, PageHeader } from '../../lib/ui';

const PAGE_SIZE = 50;

/** Mutations people look for most; the filter takes any other name too. */
const COMMON_ACTIONS = ['createConnection', 'rotateConnectionCredentials', 'deleteConnection', 'createImport', 'deleteImport', 'runImport', 'resyncImport', 'createApiKey', 'revokeApiKey'];

/**
 * Settings > Audit: every mutation made in this workspace, newest first (who, what, when, outcome), filtered by
 * action and key (both kept in the URL), a page at a time through the server's cursors.
 */
export function AuditPage() {
  const [action, setAction] = createSignal(currentQuery().get('action') ?? '');
  const keyId = () => currentQuery().get('key') || null;
  const debounced = createDebounced(action, 250);
  // The cursors of the pages before this one: "Newer" pops, "Older" pushes the current page's end.
  const [cursors, setCursors] = createSignal<(string | null)[]>([null]);
  const after = () => cursors()[cursors().length - 1] ?? null;
  createEffect(on([debounced, keyId], () => setCursors([null]), { defer: true }));
  const [keys] = createQuery({ query: AuditKeysDocument });
  const [result, refetch] = createQuery({
    query: AuditLogDocument,
    variables: () => ({ first: PAGE_SIZE, after: after(), action: debounced().trim() || null, apiKeyId: keyId() }),
    requestPolicy: 'network-only',
  });
  const onAction = (value: string) => {
    setAction(value);
    setQuery({ action: value.trim() || null });
  };
  const filtered = () => !!(debounced().trim() || keyId());
  const page = () => cursors().length;

  return (
    <>
      <PageHeader
        title="Audit log"
        subtitle="Every change made through the API in this workspace: who made it, with which key, and how it ended. Arguments are never kept, so no credential is either."
        back={<Link href="/settings">← Settings</Link>}
      />
      <form class="toolbar" role="search" onSubmit={(e) => e.preventDefault()}>
        <div class="field field-inline field-grow">
          <label for="audit-action">Action</label>
          <input id="audit-action" type="search" list="audit-actions" placeholder="e.g. deleteConnection" value={action()} onInput={(e) => onAction(e.currentTarget.value)} autocomplete="off" />
          <datalist id="audit-actions">
            <For each={COMMON_ACTIONS}>{(a) => <option value={a} />}</For>
          </datalist>
        </div>
        <div class="field field-inline">
          <label for="audit-key">Key</label>
          <select id="audit-key" onChange={(e) => setQuery({ key: e.currentTarget.value || null })}>
            <option value="" selected={!keyId()}>
              All keys
            </option>
            <For each={keys.data?.apiKeys ?? []}>
              {(k) => (
                <option value={k.id} selected={keyId() === k.id}>
                  {k.name}
                  {k.revokedAt ? ' (revoked)' : ''}
                </option>
              )}
            </For>
          </select>
        </div>
      </form>
      <Switch>
        <Match when={result.error && !result.data}>
          <ErrorBox title="The audit log could not be loaded." error={apiError(result.error)} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
        </Match>
        <Match when={!result.data}>
          <Loading label="Loading the audit log…" />
        </Match>
        <Match when={result.data?.auditLog}>
          {(log) => (
            <Show
              when={log().edges.length}
              fallback={
                <EmptyState title={filtered() ? 'No entries match' : 'Nothing recorded yet'}>
                  {filtered() ? 'Try another action or key.' : 'Changes made through the API (the admin UI included) appear here.'}
                </EmptyState>
              }
            >
              <p class="muted small" role="status">
                {log().totalCount} {log().totalCount === 1 ? 'entry' : 'entries'}
                {filtered() ? ' match' : ''}; page {page()}.
              </p>
              <DataTable
                label="Audit log"
                class="table-compact"
                rows={log().edges.map((e) => e.node)}
                head={
                  <>
                    <th scope="col">When</th>
                    <th scope="col">Action</th>
                    <th scope="col">Target</th>
                    <th scope="col">Key</th>
                    <th scope="col">Outcome</th>
                  </>
                }
              >
                {(entry) => (
                  <tr data-audit-id={entry.id}>
                    <td>
                      <time datetime={entry.at}>{formatDateTime(entry.at)}</time>
                    </td>
                    <td class="cell-strong">
                      <code>{entry.action}</code>
                    </td>
                    <td>
                      <Show when={entry.targetId} fallback={<span class="muted">—</span>}>
                        <code class="small">{entry.targetId}</code>
                      </Show>
                    </td>
                    <td>{entry.apiKeyName}</td>
                    <td>
                      <Show
                        when={entry.outcome === 'ok'}
                        fallback={
                          entry.outcome === 'PENDING'
                            ? <Badge tone="warning" title="Recorded before it ran; not answered yet, or its server stopped first: it may or may not have taken effect">PENDING</Badge>
                            : <Badge tone="danger">{entry.outcome}</Badge>
                        }
                      >
                        <Badge tone="success">OK</Badge>
                      </Show>
                    </td>
                  </tr>
                )}
              </DataTable>
              <div class="form-actions">
                <button type="button" class="btn" disabled={page() === 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
                  Newer
                </button>
                <button type="button" class="btn" disabled={!log().pageInfo.hasNextPage} onClick={() => setCursors((c) => [...c, log().pageInfo.endCursor ?? null])}>
                  Older
                </button>
              </div>
            </Show>
          )}
        </Match>
      </Switch>
    </>
  );
}
