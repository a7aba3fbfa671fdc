import { For, Show, type JSX } from 'solid-js';
import type { CreateImportTablesQuery } from '../../../gql/graphql';
import { FieldError } from '../../../lib/ui';
import type { MappingDef, TextInputDef } from '../importTypes';

/** The Create import wizard's building blocks: a step's title, radio cards, and the fields a type definition asks for. */

export type Table = NonNullable<CreateImportTablesQuery['connection']>['tables'][number];
export type Column = Table['columns'][number];

/** The heading a step moves focus to, with a hint. */
export function StepTitle(props: { title: string; hint?: JSX.Element }) {
  return (
    <div class="step-title">
      <h2 id="wizard-step-title" class="section-title" tabindex="-1">
        {props.title}
      </h2>
      <Show when={props.hint}>
        <p class="muted">{props.hint}</p>
      </Show>
    </div>
  );
}

/** A group of radio cards with its error below. */
export function ChoiceList(props: { name: string; label: string; error?: string; children: JSX.Element }) {
  return (
    <fieldset class="choices" aria-describedby={props.error ? `${props.name}-error` : undefined}>
      <legend class="sr-only">{props.label}</legend>
      <div class="choice-list" data-error-for={props.name} tabindex="-1">
        {props.children}
      </div>
      <FieldError id={`${props.name}-error`} message={props.error} />
    </fieldset>
  );
}

/** A radio as a selectable card. */
export function Choice(props: {
  name: string;
  value: string;
  checked: boolean;
  disabled?: boolean;
  onSelect: () => void;
  title: JSX.Element;
  meta?: JSX.Element;
  aside?: JSX.Element;
  note?: string;
}) {
  const id = () => `${props.name}-${props.value.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  return (
    <label class="choice" classList={{ checked: props.checked, disabled: !!props.disabled }} for={id()}>
      <input type="radio" id={id()} name={props.name} value={props.value} checked={props.checked} disabled={props.disabled} onChange={() => props.onSelect()} />
      <span class="choice-body">
        <span class="choice-title">{props.title}</span>
        <Show when={props.meta}>
          <span class="choice-meta">{props.meta}</span>
        </Show>
        <Show when={props.note}>
          <span class="choice-note">{props.note}</span>
        </Show>
      </span>
      <Show when={props.aside}>
        <span class="choice-aside">{props.aside}</span>
      </Show>
    </label>
  );
}

/** A select of the table's columns for one mapping; columns of a type the definition does not accept are disabled. */
export function MappingSelect(props: { mapping: MappingDef; columns: Column[]; value: string; error?: string; onChange: (v: string) => void; sample?: string }) {
  const id = `map-${props.mapping.key}`;
  const fits = (c: Column) => !props.mapping.types || props.mapping.types.includes(c.type);
  return (
    <div class="field" classList={{ 'field-invalid': !!props.error }}>
      <label for={id}>
        {props.mapping.label}
        <Show when={props.mapping.required} fallback={<span class="optional"> optional</span>}>
          <span class="required" aria-hidden="true"> *</span>
          <span class="sr-only"> (required)</span>
        </Show>
      </label>
      <select
        id={id}
        data-error-for={props.mapping.key}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={`${id}-help${props.error ? ` ${id}-error` : ''}`}
        onChange={(e) => props.onChange(e.currentTarget.value)}
      >
        <option value="" selected={!props.value}>
          {props.mapping.required ? 'Choose a column…' : 'None'}
        </option>
        <For each={props.columns}>
          {(c) => (
            <option value={c.name} selected={props.value === c.name} disabled={!fits(c)}>
              {c.name} ({c.type}){fits(c) ? '' : ' – wrong type'}
            </option>
          )}
        </For>
      </select>
      <p class="field-help" id={`${id}-help`}>
        {props.mapping.help}
        <Show when={props.value && props.sample}>
          {' '}
          <span class="sample-values">
            Sample values: <span class="mono">{props.sample}</span>
          </span>
        </Show>
      </p>
      <FieldError id={`${id}-error`} message={props.error} />
    </div>
  );
}

/** A text value a type definition asks for (identifierType), with its help and example. */
export function TextField(props: { input: TextInputDef; value: string; error?: string; onInput: (v: string) => void }) {
  const id = () => props.input.key;
  return (
    <div class="field" classList={{ 'field-invalid': !!props.error }}>
      <label for={id()}>
        {props.input.label}
        <Show when={props.input.required} fallback={<span class="optional"> optional</span>}>
          <span class="required" aria-hidden="true"> *</span>
          <span class="sr-only"> (required)</span>
        </Show>
      </label>
      <input
        id={id()}
        type="text"
        data-error-for={id()}
        value={props.value}
        placeholder={props.input.placeholder}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={`${id()}-help${props.error ? ` ${id()}-error` : ''}`}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
      <p class="field-help" id={`${id()}-help`}>
        {props.input.help}
      </p>
      <FieldError id={`${id()}-error`} message={props.error} />
    </div>
  );
}
