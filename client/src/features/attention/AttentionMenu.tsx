import { createQuery } from '@urql/solid';
import { createEffect, For, on, Show } from 'solid-js';
import {
  AttentionConnectionStatusDocument,
  AttentionDocument,
  AttentionImportStatusDocument,
  AttentionRunFinishedDocument,
  AttentionSchemaChangeDocument,
} from '../../gql/graphql';
import { formatNumber } from '../../lib/format';
import { currentPath, Link } from '../../lib/router';
import { onSubscription } from '../../lib/subscriptions';

/**
 * The navigation's "needs attention" count: pending schema changes, blocked and failing imports, inactive
 * connections, from one cheap query (`attention`). It asks again when a status changes anywhere in the workspace
 * (the subscriptions), when a run ends, and on each page change; the menu links to where each can be acted on.
 */
export function AttentionMenu() {
  const [result, refetch] = createQuery({ query: AttentionDocument });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  onSubscription(AttentionImportStatusDocument, () => ({}), reload);
  onSubscription(AttentionConnectionStatusDocument, () => ({}), reload);
  onSubscription(AttentionSchemaChangeDocument, () => ({}), reload);
  onSubscription(AttentionRunFinishedDocument, () => ({}), (r) => {
    const status = r.data?.importRunUpdated.status;
    if (status === 'FAILED' || status === 'SUCCEEDED') reload();
  });
  createEffect(on(currentPath, reload, { defer: true }));

  const a = () => result.data?.attention;
  const items = () => {
    const c = a();
    if (!c) return [];
    return [
      { count: c.pendingSchemaChanges, one: 'schema change to review', many: 'schema changes to review', href: '/imports' },
      { count: c.blockedImports, one: 'blocked import', many: 'blocked imports', href: '/imports?status=BLOCKED' },
      { count: c.failingImports, one: 'import whose last run failed', many: 'imports whose last run failed', href: '/imports' },
      { count: c.inactiveConnections, one: 'inactive connection', many: 'inactive connections', href: '/connections?status=INACTIVE' },
    ].filter((i) => i.count > 0);
  };
  return (
    <Show when={(a()?.total ?? 0) > 0}>
      <details class="attention" data-testid="attention">
        <summary class="attention-summary">
          <span class="attention-count" data-testid="attention-count">
            {formatNumber(a()!.total)}
          </span>{' '}
          need{a()!.total === 1 ? 's' : ''} attention
        </summary>
        <ul class="attention-menu">
          <For each={items()}>
            {(i) => (
              <li>
                <Link href={i.href}>
                  {formatNumber(i.count)} {i.count === 1 ? i.one : i.many}
                </Link>
              </li>
            )}
          </For>
        </ul>
      </details>
    </Show>
  );
}
