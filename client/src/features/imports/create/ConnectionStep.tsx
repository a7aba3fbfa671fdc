import { For, Match, Switch } from 'solid-js';
import type { CreateImportConnectionsQuery } from '../../../gql/graphql';
import { apiError } from '../../../lib/errors';
import { Link } from '../../../lib/router';
import { ConnectionStatusBadge } from '../../../lib/status';
import { EmptyState, ErrorBox, Loading } from '../../../lib/ui';
import { Choice, ChoiceList, StepTitle } from './controls';
import type { StepProps } from './wizard';

/** Wizard step 1: the connection to import from; only Active ones can be chosen, the others say why. */
export function ConnectionStep(props: StepProps & { data: CreateImportConnectionsQuery | undefined; error: unknown; retry: () => void }) {
  return (
    <>
      <StepTitle title="Choose a connection" hint="Imports read from an Active connection." />
      <Switch>
        <Match when={props.error && !props.data}>
          <ErrorBox error={apiError(props.error as Parameters<typeof apiError>[0])} onRetry={props.retry} />
        </Match>
        <Match when={!props.data}>
          <Loading />
        </Match>
        <Match when={props.data!.active.totalCount === 0}>
          <EmptyState title="No connections yet" action={<Link href="/catalog" class="btn btn-primary">Browse the catalog</Link>}>
            Connect a source platform first; once it is Active you can import its tables.
          </EmptyState>
        </Match>
        <Match when={true}>
          <ChoiceList name="connectionId" error={props.errors.connectionId} label="Connection">
            <For each={props.data!.active.edges.map((e) => e.node)}>
              {(c) => (
                <Choice
                  name="connectionId"
                  value={c.id}
                  checked={props.draft.connectionId === c.id}
                  disabled={c.status !== 'ACTIVE'}
                  onSelect={() => {
                    props.pick('connectionId', c.id);
                    props.setDraft('table', '');
                  }}
                  title={c.name}
                  meta={<>{c.platform.name}</>}
                  aside={<ConnectionStatusBadge status={c.status} />}
                                  />
              )}
            </For>
          </ChoiceList>
        </Match>
      </Switch>
    </>
  );
}
