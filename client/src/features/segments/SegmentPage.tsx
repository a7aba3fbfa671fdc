import { createMutation, createQuery } from '@urql/solid';
import { createSignal, For, Match, Show, Switch } from 'solid-js';
import { DeleteSegmentDocument, EvaluateSegmentDocument, SegmentDocument, SegmentEvaluatedDocument } from '../../gql/graphql';
import { apiError, type ApiError } from '../../lib/errors';
import { formatDateTime, formatNumber } from '../../lib/format';
import { Link, navigate } from '../../lib/router';
import { ImportStatusBadge } from '../../lib/status';
import { EmptyState, ErrorBox, Fact, Facts, Loading, Notice, PageHeader, Section } from '../../lib/ui';
import { SegmentStatusBadge } from './status';
import { SizeChart } from './SizeChart';
import { onSubscription } from '../../lib/subscriptions';

/** One segment: status (with the STALE banner), size history, a sample of members, what it references, actions. */
export function SegmentPage(props: { id: string }) {
  const [result, refetch] = createQuery({ query: SegmentDocument, variables: () => ({ id: props.id }) });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const [, evaluate] = createMutation(EvaluateSegmentDocument);
  const [, remove] = createMutation(DeleteSegmentDocument);
  const [error, setError] = createSignal<ApiError | null>(null);
  onSubscription(SegmentEvaluatedDocument, () => ({ segmentId: props.id }), reload);
  const segment = () => result.data?.segment;
  const members = () => (segment()?.members?.edges ?? []) as { node: string }[];

  return (
    <Switch>
      <Match when={result.error && !result.data}>
        <ErrorBox title="The segment could not be loaded." error={apiError(result.error)} onRetry={reload} />
      </Match>
      <Match when={!result.data}>
        <Loading label="Loading the segment…" />
      </Match>
      <Match when={!segment()}>
        <EmptyState title="Segment not found" action={<Link href="/segments" class="btn">Back to segments</Link>}>
          It may have been deleted, or it belongs to another workspace.
        </EmptyState>
      </Match>
      <Match when={segment()}>
        {(s) => (
          <>
            <PageHeader
              back={<Link href="/segments">← Segments</Link>}
              title={<>{s().name} <SegmentStatusBadge status={s().status} reason={s().statusReason} /></>}
              subtitle={s().description ?? undefined}
              actions={
                <>
                  <button class="btn" disabled={s().status === 'STALE'} onClick={async () => {
                    const r = await evaluate({ id: s().id });
                    setError(apiError(r.error));
                    reload();
                  }}>Evaluate now</button>
                  <Link href={`/segments/${s().id}/edit`} class="btn">Edit</Link>
                  <button class="btn btn-danger" onClick={async () => {
                    if (!confirm(`Delete segment "${s().name}"? Its code ${s().code} is never reused.`)) return;
                    const r = await remove({ id: s().id });
                    if (r.error) setError(apiError(r.error));
                    else navigate('/segments');
                  }}>Delete</button>
                </>
              }
            />
            <Show when={s().status === 'STALE'}>
              <Notice tone="warning" role="alert">
                <div>
                  <strong>This segment is stale.</strong> {s().statusReason} Fix or revert the import’s schema change; the segment is evaluated again once the import is healthy.
                </div>
              </Notice>
            </Show>
            <Show when={error()}>
              <ErrorBox error={error()} />
            </Show>
            <section class="card section">
              <Facts>
                <Fact label="Code">{s().code}</Fact>
                <Fact label="Members">{formatNumber(s().size)}</Fact>
                <Fact label="Last evaluated">{formatDateTime(s().lastEvaluatedAt)}</Fact>
                <Fact label="Tags">{s().tags.join(', ') || '—'}</Fact>
              </Facts>
            </section>
            <Section id="segment-history" title="Size history">
              <SizeChart history={s().history} />
            </Section>
            <Section id="segment-members" title={<>Members (a sample of {members().length} of {formatNumber(s().members?.totalCount ?? 0)})</>}>
              <Show when={members().length} fallback={<p class="muted small">No members.</p>}>
                <ul class="tag-list" data-testid="members">
                  <For each={members()}>{(m) => <li><code>{m.node}</code></li>}</For>
                </ul>
              </Show>
            </Section>
            <Section id="segment-refs" title="References">
              <ul>
                <For each={s().imports}>
                  {(imp) => (
                    <li>
                      <Link href={`/imports/${imp.id}`}>{imp.name}</Link> <span class="muted">({imp.type})</span> <ImportStatusBadge status={imp.status} reason={imp.statusReason} />
                    </li>
                  )}
                </For>
                <For each={s().eventTypes}>{(t) => <li>Events of type <code>{t}</code></li>}</For>
              </ul>
              <details>
                <summary>Rule</summary>
                <pre class="small">{JSON.stringify(s().rule, null, 2)}</pre>
              </details>
            </Section>
          </>
        )}
      </Match>
    </Switch>
  );
}
