import { For, Match, Switch } from 'solid-js';
import { reconcile } from 'solid-js/store';
import type { ImportType } from '../../../gql/graphql';
import { apiError } from '../../../lib/errors';
import { ErrorBox, Loading } from '../../../lib/ui';
import type { ImportTypeDef } from '../importTypes';
import { Choice, ChoiceList, StepTitle } from './controls';
import type { StepProps } from './wizard';

/** Wizard step 3: the import type, each described as the server's definition describes it. */
export function TypeStep(props: StepProps & { types: readonly ImportTypeDef[]; error: unknown; retry: () => void }) {
  return (
    <>
      <StepTitle title="Choose the import type" hint="What the rows of this table describe." />
      <Switch>
        <Match when={props.error && !props.types.length}>
          <ErrorBox error={apiError(props.error as Parameters<typeof apiError>[0])} onRetry={props.retry} />
        </Match>
        <Match when={!props.types.length}>
          <Loading />
        </Match>
        <Match when={true}>
          <ChoiceList name="type" error={props.errors.type} label="Import type">
            <For each={props.types}>
              {(t) => (
                <Choice
                  name="type"
                  value={t.type}
                  checked={props.draft.type === t.type}
                  onSelect={() => {
                    props.pick('type', t.type as ImportType);
                    props.setDraft('mappings', reconcile({}));
                  }}
                  title={t.label}
                  meta={t.description}
                />
              )}
            </For>
          </ChoiceList>
        </Match>
      </Switch>
    </>
  );
}
