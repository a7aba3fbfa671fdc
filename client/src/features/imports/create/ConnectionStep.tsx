import { For, Match, Show, Switch } from 'solid-js';
import type { CreateImportConnectionsQuery } from '../../../gql/graphql';
import { apiError } from '../../../lib/errors';
import { formatNumber } from '../../../lib/format';
import { SearchBox } from '../../../lib/lists';
import { Link } from '../../../lib/router';
import { connectionStatusLabel } from '../../../lib/status';
import { EmptyState, ErrorBox, Loading } from '../../../lib/ui';
import { Choice, ChoiceList, StepTitle } from './controls';
import type { StepProps } from './wizard';

/**
 * Wizard step 1: the connection to import from. A search over the workspace's Active connections (the only ones an
 * import can use), by name, 10 at a time; the others are counted with a link to them, not listed as cards.
 */
export function ConnectionStep(
  props: StepProps & { data: CreateImportConnectionsQuery | undefined; error: unknown; retry: () => void; search: string; onSearch: (text: string) => void; selectedName?: string },
) {
  const active = () => props.data?.active.edges.map((e) => e.node) ?? [];
  const others = () => (props.data?.counts ?? []).filter((c) => c.status !== 'ACTIVE' && c.count > 0);
  const otherTotal = () => others().reduce((sum, c) => sum + c.count, 0);
  const everything = () => (props.data?.counts ?? []).reduce((sum, c) => sum + c.count, 0);
  return (
    <>
      <StepTitle title="Choose a connection" hint="Imports read from an Active connection." />
      <div class="picker-search">
        <SearchBox id="search-connection-picker" label="Search Active connections" placeholder="Connection name" value={props.search} onSearch={props.onSearch} />
      </div>
      <Show when={props.draft.connectionId && props.selectedName && !active().some((c) => c.id === props.draft.connectionId)}>
        <p class="muted small">
          Selected: <strong>{props.selectedName}</strong>
        </p>
      </Show>
      <Switch>
        <Match when={props.error && !props.data}>
          <ErrorBox error={apiError(props.error as Parameters<typeof apiError>[0])} onRetry={props.retry} />
        </Match>
        <Match when={!props.data}>
          <Loading />
        </Match>
        <Match when={everything() === 0 && !props.search}>
          <EmptyState title="No connections yet" action={<Link href="/catalog" class="btn btn-primary">Browse the catalog</Link>}>
            Connect a source platform first; once it is Active you can import its tables.
          </EmptyState>
        </Match>
        <Match when={active().length === 0}>
          <EmptyState title={props.search ? `No Active connection matches “${props.search}”` : 'No Active connection yet'}>
            Imports need an Active connection. <Link href="/connections">See your connections</Link> for why the others are not Active.
          </EmptyState>
        </Match>
        <Match when={true}>
          <ChoiceList name="connectionId" error={props.errors.connectionId} label="Connection">
            <For each={active()}>
              {(c) => (
                <Choice
                  name="connectionId"
                  value={c.id}
                  checked={props.draft.connectionId === c.id}
                  onSelect={() => {
                    props.pick('connectionId', c.id);
                    props.setDraft('table', '');
                  }}
                  title={c.name}
                  meta={<>{c.platform.name}</>}
                />
              )}
            </For>
          </ChoiceList>
          <Show when={props.data!.active.totalCount > active().length}>
            <p class="muted small picker-more">
              Showing {active().length} of {formatNumber(props.data!.active.totalCount)} Active connections: search by name to find the others.
            </p>
          </Show>
        </Match>
      </Switch>
      <Show when={props.data && otherTotal() > 0}>
        <p class="muted small picker-more" data-testid="picker-others">
          {formatNumber(otherTotal())} {otherTotal() === 1 ? 'connection is' : 'connections are'} not Active and cannot be imported from (
          {others()
            .map((c) => `${connectionStatusLabel(c.status)} ${formatNumber(c.count)}`)
            .join(', ')}
          ). <Link href="/connections">See connections</Link>
        </p>
      </Show>
    </>
  );
}
