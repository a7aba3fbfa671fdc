import { For, Match, Show, Switch } from 'solid-js';
import type { CreateImportTablesQuery } from '../../../gql/graphql';
import { apiError } from '../../../lib/errors';
import { formatBytes, formatNumber } from '../../../lib/format';
import { Link } from '../../../lib/router';
import { EmptyState, ErrorBox, Loading } from '../../../lib/ui';
import { Choice, ChoiceList, StepTitle } from './controls';
import type { StepProps } from './wizard';

/** Wizard step 2: a table discovered on the connection, with its size and partitions; ignored tables say why. */
export function TableStep(props: StepProps & { connectionName?: string; data: CreateImportTablesQuery | undefined; error: unknown; retry: () => void }) {
  const tables = () => props.data?.connection?.tables ?? [];
  return (
    <>
      <StepTitle title="Choose a table" hint={<>Tables discovered on <strong>{props.connectionName}</strong>, with their columns.</>} />
      <Switch>
        <Match when={props.error && !props.data}>
          <ErrorBox error={apiError(props.error as Parameters<typeof apiError>[0])} onRetry={props.retry} />
        </Match>
        <Match when={!props.data}>
          <Loading />
        </Match>
        <Match when={props.data!.connection?.schemaRefresh?.status === 'IN_PROGRESS' && !tables().length}>
          <Loading label="Discovering tables…" />
        </Match>
        <Match when={!tables().length}>
          <EmptyState title="No tables found on this connection" action={<Link href={`/connections/${props.draft.connectionId}`} class="btn">Open the connection</Link>}>
            Check the layout of the source, then refresh its schema from the connection page.
          </EmptyState>
        </Match>
        <Match when={true}>
          <ChoiceList name="table" error={props.errors.table} label="Table">
            <For each={tables()}>
              {(t) => (
                <Choice
                  name="table"
                  value={t.name}
                  checked={props.draft.table === t.name}
                  disabled={!!t.ignoredReason}
                  onSelect={() => props.pick('table', t.name)}
                  title={<span class="mono">{t.name}</span>}
                  meta={
                    <>
                      {t.columns.length} columns
                      <Show when={t.fileCount != null}> · {formatNumber(t.fileCount)} files</Show>
                      <Show when={t.totalBytes != null}> · {formatBytes(t.totalBytes)}</Show>
                      <Show when={t.partitionColumns.length}> · partitioned by {t.partitionColumns.join(', ')}</Show>
                    </>
                  }
                  note={t.ignoredReason ?? undefined}
                />
              )}
            </For>
          </ChoiceList>
        </Match>
      </Switch>
    </>
  );
}
