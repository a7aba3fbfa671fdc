import { createQuery } from '@urql/solid';
import { Match, Switch } from 'solid-js';
import { SegmentEvaluatedDocument, SegmentsDocument } from '../../gql/graphql';
import { apiError } from '../../lib/errors';
import { formatNumber, formatRelative } from '../../lib/format';
import { Link } from '../../lib/router';
import { createNow, DataTable, EmptyState, ErrorBox, Loading, PageHeader } from '../../lib/ui';
import { SegmentStatusBadge, Trend } from './status';
import { onSubscription, throttled } from '../../lib/subscriptions';

/** Segments with their size, the last change, status and when they were evaluated; live through `segmentEvaluated`. */
export function SegmentsPage() {
  const [result, refetch] = createQuery({ query: SegmentsDocument, variables: { first: 200 } });
  const now = createNow(30_000);
  onSubscription(SegmentEvaluatedDocument, () => ({}), throttled(() => refetch({ requestPolicy: 'network-only' })));
  const rows = () => result.data?.segments.edges.map((e) => e.node) ?? [];
  return (
    <>
      <PageHeader
        title="Segments"
        subtitle="Users defined by rules over imported data and events. Events carry the codes of their user’s segments."
        actions={<Link href="/segments/new" class="btn btn-primary">Create segment</Link>}
      />
      <Switch>
        <Match when={result.error && !result.data}>
          <ErrorBox title="Segments could not be loaded." error={apiError(result.error)} onRetry={() => refetch()} />
        </Match>
        <Match when={!result.data}>
          <Loading label="Loading segments…" />
        </Match>
        <Match when={rows().length === 0}>
          <EmptyState title="No segments yet" action={<Link href="/segments/new" class="btn btn-primary">Create segment</Link>}>
            A segment is a rule over your imports (profiles, activity, groups, identities) and events.
          </EmptyState>
        </Match>
        <Match when={rows().length > 0}>
          <DataTable
            label="Segments"
            rows={rows()}
            head={
              <>
                <th scope="col">Name</th>
                <th scope="col" class="num">Code</th>
                <th scope="col">Status</th>
                <th scope="col" class="num">Size</th>
                <th scope="col">Last change</th>
                <th scope="col">Evaluated</th>
              </>
            }
          >
            {(row) => (
              <tr data-segment-id={row.id}>
                <td class="cell-strong">
                  <Link href={`/segments/${row.id}`}>{row.name}</Link>
                </td>
                <td class="num">{row.code}</td>
                <td>
                  <SegmentStatusBadge status={row.status} reason={row.statusReason} />
                </td>
                <td class="num">{formatNumber(row.size)}</td>
                <td>
                  <Trend history={row.sizeHistory} />
                </td>
                <td>{row.lastEvaluatedAt ? formatRelative(row.lastEvaluatedAt, now()) : 'not yet'}</td>
              </tr>
            )}
          </DataTable>
        </Match>
      </Switch>
    </>
  );
}
