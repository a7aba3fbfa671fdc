import { createSignal, For, type JSX, Show } from 'solid-js';
import { humanize } from '../../lib/format';
import { FieldError } from '../../lib/ui';
import { AUTH_KEY, authChoicesOf, chosenAuth, effectiveFields, type FormErrors, type FormField, type FormValues } from './fields';

export interface FieldsFormProps {
  fields: FormField[];
  values: FormValues;
  errors: FormErrors;
  onChange: (key: string, value: string) => void;
  /** Makes element ids unique when two forms share a page. */
  idPrefix?: string;
  /** Puts `credentials.*` fields in their own "Credentials" group. */
  groupCredentials?: boolean;
  disabled?: boolean;
  /** Extra content right after a field (e.g. the bucket policy after the bucket name). */
  after?: (key: string) => JSX.Element | undefined;
}

/** A file's text through FileReader (works everywhere, jsdom included). */
function readText(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(file);
  });
}

export const fieldId = (prefix: string, key: string) => `${prefix}-${key.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/**
 * Renders a form from the catalog's field descriptions, so a new platform needs no new form code.
 * Secrets never show as plain text by default: password inputs, and textareas masked with
 * `-webkit-text-security` (plus a "Load from file" button for JSON keys and PEM files); "Show" reveals either.
 */
export function FieldsForm(props: FieldsFormProps) {
  const prefix = () => props.idPrefix ?? 'field';
  // Only the chosen way to authenticate is shown (and required); `endpoint` goes under "Advanced".
  const shown = () => effectiveFields(props.fields, props.values);
  const isAdvanced = (f: FormField) => f.key === 'endpoint';
  const advanced = () => shown().filter(isAdvanced);
  const main = () => shown().filter((f) => !isAdvanced(f));
  const settings = () => (props.groupCredentials ? main().filter((f) => !f.key.startsWith('credentials.')) : main());
  const credentials = () => main().filter((f) => f.key.startsWith('credentials.'));
  // Rows are keyed by field key, so switching the authentication keeps the other rows (and the focus) in place.
  const rows = (fields: () => FormField[]) => (
    <For each={fields().map((f) => f.key)}>{(key) => <Show when={fields().find((f) => f.key === key)}>{(f) => <FieldRow field={f()} props={props} prefix={prefix} />}</Show>}</For>
  );
  return (
    <>
      <div class="field-group">{rows(settings)}</div>
      <Show when={props.groupCredentials && (credentials().length || authChoicesOf(props.fields))}>
        <fieldset class="field-group fieldset">
          <legend>Credentials</legend>
          <p class="fieldset-help">Write-only: Inlet stores them sealed and never shows them again.</p>
          <AuthChoiceRadios props={props} prefix={prefix} />
          {rows(credentials)}
        </fieldset>
      </Show>
      <Show when={advanced().length}>
        <details class="advanced" open={advanced().some((f) => !!props.values[f.key] || !!props.errors[f.key])}>
          <summary>Advanced</summary>
          {rows(advanced)}
        </details>
      </Show>
    </>
  );
}

/** "Access keys / IAM role", "Password / Key pair": radios that decide which credential fields the form asks for. */
function AuthChoiceRadios(p: { props: FieldsFormProps; prefix: () => string }) {
  const choices = () => authChoicesOf(p.props.fields);
  const chosen = () => chosenAuth(p.props.fields, p.props.values);
  return (
    <Show when={choices()}>
      <fieldset class="radio-group" data-field={AUTH_KEY}>
        <legend class="field-legend">How Inlet signs in</legend>
        <div class="radio-options">
          <For each={choices()!}>
            {(c) => (
              <label class="radio-option">
                <input
                  type="radio"
                  name={`${p.prefix()}-auth`}
                  value={c.id}
                  checked={chosen()?.id === c.id}
                  disabled={p.props.disabled}
                  onChange={() => p.props.onChange(AUTH_KEY, c.id)}
                />
                <span>{c.label}</span>
              </label>
            )}
          </For>
        </div>
        <p class="field-help">{chosen()?.help}</p>
      </fieldset>
    </Show>
  );
}

function FieldRow(p: { field: FormField; props: FieldsFormProps; prefix: () => string }) {
  const field = p.field;
  const id = () => fieldId(p.prefix(), field.key);
  const value = () => p.props.values[field.key] ?? '';
  const error = () => p.props.errors[field.key];
  const [revealed, setRevealed] = createSignal(false);
  const describedBy = () => [field.help ? `${id()}-help` : '', error() ? `${id()}-error` : ''].filter(Boolean).join(' ') || undefined;
  const common = () => ({
    id: id(),
    name: field.key,
    disabled: p.props.disabled,
    'aria-required': field.required ? ('true' as const) : undefined,
    'aria-invalid': error() ? ('true' as const) : undefined,
    'aria-describedby': describedBy(),
  });
  const set = (v: string) => p.props.onChange(field.key, v);
  const isSecretText = () => field.secret && field.kind === 'textarea';
  const isPassword = () => field.kind === 'password' || (field.secret && field.kind !== 'textarea');

  const loadFile = async (e: Event & { currentTarget: HTMLInputElement }) => {
    const input = e.currentTarget;
    const file = input.files?.[0];
    if (file) set(await readText(file));
    input.value = '';
  };

  return (
    <div class="field" classList={{ 'field-invalid': !!error() }} data-field={field.key}>
      <div class="field-label-row">
        <label for={field.kind === 'select' && (field.options?.length ?? 0) <= 2 ? undefined : id()} id={`${id()}-label`}>
          {field.label}
          <Show when={field.required}>
            <span class="required" aria-hidden="true">
              {' '}
              *
            </span>
            <span class="sr-only"> (required)</span>
          </Show>
          <Show when={!field.required}>
            <span class="optional"> optional</span>
          </Show>
        </label>
        <Show when={field.secret}>
          <span class="field-tools">
            <Show when={isSecretText()}>
              <label class="link-button">
                Load from file
                <input type="file" class="sr-only" accept=".json,.pem,.key,.p8,.txt,application/json" onChange={loadFile} disabled={p.props.disabled} />
              </label>
            </Show>
            <button type="button" class="link-button" aria-pressed={revealed()} aria-controls={id()} onClick={() => setRevealed(!revealed())}>
              {revealed() ? 'Hide' : 'Show'}
            </button>
          </span>
        </Show>
      </div>
      <Show
        when={field.kind === 'select' && (field.options?.length ?? 0) > 2}
        fallback={
          <Show
            when={field.kind === 'select'}
            fallback={
          <Show
            when={field.kind === 'textarea'}
            fallback={
              <input
                {...common()}
                type={isPassword() && !revealed() ? 'password' : field.kind === 'url' ? 'url' : 'text'}
                value={value()}
                onInput={(e) => set(e.currentTarget.value)}
                autocomplete={field.secret ? 'new-password' : 'off'}
                spellcheck={false}
                placeholder={field.kind === 'url' ? 'https://' : undefined}
              />
            }
          >
            <textarea
              {...common()}
              rows={field.secret ? 6 : 3}
              class={isSecretText() && !revealed() ? 'masked' : undefined}
              value={value()}
              onInput={(e) => set(e.currentTarget.value)}
              autocomplete="off"
              spellcheck={false}
            />
          </Show>
            }
          >
            {/* Two options read better as radios, named by the field's label (the row's label names the first). */}
            <div class="radio-options" role="radiogroup" aria-labelledby={`${id()}-label`} aria-describedby={describedBy()} aria-required={field.required ? 'true' : undefined}>
              <For each={field.options ?? []}>
                {(option, i) => (
                  <label class="radio-option">
                    <input
                      type="radio"
                      id={i() === 0 ? id() : `${id()}-${i()}`}
                      name={`${id()}-radio`}
                      value={option}
                      checked={value() === option}
                      disabled={p.props.disabled}
                      aria-invalid={error() ? 'true' : undefined}
                      onChange={() => set(option)}
                    />
                    <span>{humanize(option)}</span>
                  </label>
                )}
              </For>
            </div>
          </Show>
        }
      >
        <select {...common()} value={value()} onChange={(e) => set(e.currentTarget.value)}>
          <option value="" disabled={field.required} selected={value() === ''}>
            {field.required ? 'Choose…' : 'None'}
          </option>
          <For each={field.options ?? []}>{(option) => (
              <option value={option} selected={option === value()}>
                {humanize(option)}
              </option>
            )}</For>
        </select>
      </Show>
      <Show when={field.help}>
        <p class="field-help" id={`${id()}-help`}>
          {field.help}
        </p>
      </Show>
      <FieldError id={`${id()}-error`} message={error()} />
      {p.props.after?.(field.key)}
    </div>
  );
}
