import { For, Match, Show, Switch } from 'solid-js';
import type { ImportDetailFragment } from '../../gql/graphql';
import type { ApiError } from '../../lib/errors';
import { DataTable, EmptyState, ErrorBox, Loading, Section } from '../../lib/ui';

/** The import page's data preview: the first imported rows as Inlet stores them, one column per stored column. */
export function PreviewSection(props: { imp: ImportDetailFragment; rows: unknown[] | undefined; error: ApiError | null }) {
  const columns = () => props.imp.storedColumns;
  const cell = (row: unknown, name: string) => {
    const v = (row as Record<string, unknown>)?.[name];
    if (v === null || v === undefined) return { text: 'null', empty: true };
    return { text: typeof v === 'object' ? JSON.stringify(v) : String(v), empty: false };
  };
  return (
    <Section id="preview-title" title="Data preview">
      <Show when={props.rows?.length}>
        <p class="muted small section-hint">
          The first {props.rows!.length} imported {props.rows!.length === 1 ? 'row' : 'rows'}, as Inlet stores them.
        </p>
      </Show>
      <Switch>
        <Match when={props.error && !props.rows}>
          <ErrorBox error={props.error} />
        </Match>
        <Match when={!props.rows}>
          <Loading />
        </Match>
        <Match when={props.rows!.length === 0}>
          <EmptyState title="No rows yet">Rows appear here after the first successful run.</EmptyState>
        </Match>
        <Match when={true}>
          <DataTable
            label="Data preview"
            class="table-compact preview-table"
            rows={props.rows}
            head={
              <>
                <For each={columns()}>
                  {(c) => (
                    <th scope="col">
                      <span class="th-name">{c.name}</span> <span class="type">{c.type}</span>
                    </th>
                  )}
                </For>
              </>
            }
          >
            {(row) => (
              <tr>
                <For each={columns()}>
                  {(c) => {
                    const v = cell(row, c.name);
                    return (
                      <td class="mono" classList={{ muted: v.empty }} title={v.text.length > 40 ? v.text : undefined}>
                        {v.text.length > 60 ? v.text.slice(0, 60) + '…' : v.text}
                      </td>
                    );
                  }}
                </For>
              </tr>
            )}
          </DataTable>
        </Match>
      </Switch>
    </Section>
  );
}
