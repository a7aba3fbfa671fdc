import { createQuery } from '@urql/solid';
import { batch, createMemo, For, Show } from 'solid-js';
import { CreateImportTableSampleDocument } from '../../../gql/graphql';
import type { ImportTypeDef, MappingDef } from '../importTypes';
import { MappingSelect, StepTitle, TextField, type Table } from './controls';
import type { StepProps } from './wizard';

/**
 * Wizard step 4: the columns the import type maps and the values it asks for (both listed by the served
 * definition, with the column types each accepts), then the attribute columns to import.
 */
export function ColumnsStep(props: StepProps & { table: Table; def: ImportTypeDef }) {
  // The first rows of the table's newest file, to recognise each column by its values.
  const [sample] = createQuery({ query: CreateImportTableSampleDocument, variables: () => ({ id: props.draft.connectionId, name: props.draft.table }) });
  const samples = createMemo(() => {
    const out = new Map<string, string>();
    const t = sample.data?.connection?.table;
    if (!t) return out;
    t.columns.forEach((c, i) => {
      const seen = [...new Set(t.sampleRows.map((row) => row?.[i]).filter((v): v is string => v != null && v !== ''))].slice(0, 3);
      if (seen.length) out.set(c.name, seen.map((v) => (v.length > 24 ? `${v.slice(0, 23)}…` : v)).join(', '));
    });
    return out;
  });
  const mapped = createMemo(() => {
    const out = new Map<string, MappingDef>();
    for (const m of props.def.mappings) if (props.draft.mappings[m.key]) out.set(props.draft.mappings[m.key]!, m);
    return out;
  });
  return (
    <>
      <StepTitle title="Map columns" hint={<>Tell Inlet which columns of <span class="mono">{props.draft.table}</span> it needs, then the attributes to import.</>} />
      <div class="mapping-grid">
        <For each={props.def.mappings}>
          {(m) => (
            <MappingSelect
              mapping={m}
              columns={props.table.columns}
              value={props.draft.mappings[m.key] ?? ''}
              sample={samples().get(props.draft.mappings[m.key] ?? '')}
              error={props.errors[m.key]}
              onChange={(v) =>
                batch(() => {
                  props.setDraft('mappings', m.key, v);
                  props.clearError(m.key);
                })
              }
            />
          )}
        </For>
        <For each={props.def.textInputs}>
          {(t) => (
            <TextField
              input={t}
              value={props.draft.texts[t.key] ?? ''}
              error={props.errors[t.key]}
              onInput={(v) =>
                batch(() => {
                  props.setDraft('texts', t.key, v);
                  props.clearError(t.key);
                })
              }
            />
          )}
        </For>
      </div>
      <fieldset class="columns-pick" aria-describedby="columns-help columns-error">
        <legend>
          Attributes to import
          <Show when={props.def.minAttributes > 0}>
            <span class="required" aria-hidden="true"> *</span>
          </Show>
        </legend>
        <p class="field-help" id="columns-help">
          Mapped columns are always stored. Nested values (struct, list, map) are imported as JSON text.
        </p>
        <div class="columns-actions">
          <button type="button" class="link-button" onClick={() => props.setDraft('attributes', props.table.columns.map((c) => c.name))}>
            Select all
          </button>
          <button type="button" class="link-button" onClick={() => props.setDraft('attributes', [])}>
            Select none
          </button>
        </div>
        <ul class="columns-list" data-error-for="columns" tabindex="-1">
          <For each={props.table.columns}>
            {(c) => {
              const role = () => mapped().get(c.name);
              const id = `col-${c.name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
              return (
                <li classList={{ mapped: !!role() }}>
                  <input
                    type="checkbox"
                    id={id}
                    checked={!!role() || props.draft.attributes.includes(c.name)}
                    disabled={!!role()}
                    onChange={(e) => {
                      const on = e.currentTarget.checked;
                      props.setDraft('attributes', (a) => (on ? [...a.filter((x) => x !== c.name), c.name] : a.filter((x) => x !== c.name)));
                      props.clearError('columns');
                    }}
                  />
                  <label for={id} class="column-label">
                    <span class="mono">{c.name}</span>
                    <span class="type">{c.type}</span>
                    <Show when={c.isPartition}>
                      <span class="tag">Partition</span>
                    </Show>
                    <Show when={c.nested}>
                      <span class="tag">Nested → JSON</span>
                    </Show>
                    <Show when={role()}>
                      <span class="tag tag-accent">{role()!.label.replace(/ column$/, '')}</span>
                    </Show>
                    <Show when={samples().get(c.name)}>
                      <span class="sample-values muted small">
                        e.g. <span class="mono">{samples().get(c.name)}</span>
                      </span>
                    </Show>
                  </label>
                </li>
              );
            }}
          </For>
        </ul>
        <Show when={props.errors.columns}>
          <p class="field-error" id="columns-error">
            {props.errors.columns}
          </p>
        </Show>
      </fieldset>
    </>
  );
}
