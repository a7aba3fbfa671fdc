import { createEffect, createSignal, createUniqueId, For, onCleanup, Show, type JSX } from 'solid-js';
import type { ApiError } from './errors';
import { formatDate, formatDateTime } from './format';

export type Tone = 'success' | 'danger' | 'info' | 'warning' | 'neutral';

/** A badge always says its state in words; the colour only repeats it. */
export function Badge(props: { tone: Tone; children: JSX.Element; title?: string; pulse?: boolean }) {
  return (
    <span class={`badge badge-${props.tone}`} title={props.title}>
      <span class="badge-dot" classList={{ pulse: !!props.pulse }} aria-hidden="true" />
      {props.children}
    </span>
  );
}

export function Spinner(props: { label?: string }) {
  return <span class="spinner" role="status" aria-label={props.label ?? 'Loading'} />;
}

/** A button that shows a spinner (named for screen readers) and is disabled while its action runs. */
export function BusyButton(props: {
  busy: boolean;
  busyLabel: string;
  class: string;
  type?: 'button' | 'submit';
  disabled?: boolean;
  /** The id of the text that says why the button is disabled. */
  describedBy?: string;
  onClick?: () => void;
  children: JSX.Element;
}) {
  return (
    <button type={props.type ?? 'button'} class={props.class} disabled={props.busy || props.disabled} aria-describedby={props.describedBy} onClick={() => props.onClick?.()}>
      <Show when={props.busy}>
        <Spinner label={props.busyLabel} />
      </Show>
      {props.children}
    </button>
  );
}

/** A date, with the full date and time on hover. */
export function DateOf(props: { iso: string }) {
  return (
    <time dateTime={props.iso} title={formatDateTime(props.iso)}>
      {formatDate(props.iso)}
    </time>
  );
}

/** The loading state of a page or section. */
export function Loading(props: { label?: string }) {
  return (
    <div class="loading">
      <Spinner label={props.label} />
      <span>{props.label ?? 'Loading…'}</span>
    </div>
  );
}

/** An error box with the server's message and, when given, a retry. */
export function ErrorBox(props: { error: ApiError | string | null | undefined; title?: string; onRetry?: () => void }) {
  const message = () => (typeof props.error === 'string' ? props.error : props.error?.message);
  return (
    <Show when={message()}>
      <div class="notice notice-danger" role="alert">
        <div>
          <Show when={props.title}>
            <strong>{props.title}</strong>{' '}
          </Show>
          {message()}
        </div>
        <Show when={props.onRetry}>
          <button type="button" class="btn btn-small" onClick={() => props.onRetry?.()}>
            Try again
          </button>
        </Show>
      </div>
    </Show>
  );
}

export function Notice(props: { tone: Tone; children: JSX.Element; role?: 'status' | 'alert' }) {
  return (
    <div class={`notice notice-${props.tone}`} role={props.role}>
      <div>{props.children}</div>
    </div>
  );
}

/** What to do when there is nothing to show yet. */
export function EmptyState(props: { title: string; children?: JSX.Element; action?: JSX.Element }) {
  return (
    <div class="empty">
      <h2 class="empty-title">{props.title}</h2>
      <Show when={props.children}>
        <p>{props.children}</p>
      </Show>
      <Show when={props.action}>
        <div class="empty-action">{props.action}</div>
      </Show>
    </div>
  );
}

/**
 * A table that scrolls sideways on a narrow screen, as a focusable region named `label` (so keyboard users can
 * scroll it too): `head` is the header row's cells, and `children` renders the row of each item of `rows`.
 */
export function DataTable<T>(props: { label: string; class?: string; head: JSX.Element; rows: readonly T[] | null | undefined; children: (row: T) => JSX.Element }) {
  return (
    // Named "<label> table" so it never repeats the name of the section (a region too) that holds it.
    <div class="table-wrap" tabindex="0" role="region" aria-label={/table$/i.test(props.label) ? props.label : `${props.label} table`}>
      <table class={props.class ? `table ${props.class}` : 'table'}>
        <thead>
          <tr>{props.head}</tr>
        </thead>
        <tbody>
          <For each={props.rows}>{props.children}</For>
        </tbody>
      </table>
    </div>
  );
}

export function PageHeader(props: { title: JSX.Element; subtitle?: JSX.Element; actions?: JSX.Element; back?: JSX.Element }) {
  return (
    <header class="page-header">
      <Show when={props.back}>
        <div class="page-back">{props.back}</div>
      </Show>
      <div class="page-header-row">
        <div class="page-title">
          <h1>{props.title}</h1>
          <Show when={props.subtitle}>
            <div class="page-subtitle">{props.subtitle}</div>
          </Show>
        </div>
        <Show when={props.actions}>
          <div class="page-actions">{props.actions}</div>
        </Show>
      </div>
    </header>
  );
}

/**
 * A card section of a page, labelled by its h2 (`id`). With a description or actions the title sits in a head row:
 * the description (a muted line, `live` when it announces changes) under the title, the actions at the right.
 */
export function Section(props: {
  id: string;
  title: JSX.Element;
  description?: JSX.Element;
  live?: boolean;
  actions?: JSX.Element;
  spaced?: boolean;
  class?: string;
  children: JSX.Element;
}) {
  const heading = () => (
    <h2 id={props.id} class="section-title">
      {props.title}
    </h2>
  );
  return (
    <section class={['card section', props.spaced && 'section-spaced', props.class].filter(Boolean).join(' ')} aria-labelledby={props.id}>
      <Show when={props.description || props.actions} fallback={heading()}>
        <div class="section-head" classList={{ 'section-head-tight': !props.description }}>
          <div>
            {heading()}
            <Show when={props.description}>
              <p class="muted small" aria-live={props.live ? 'polite' : undefined}>
                {props.description}
              </p>
            </Show>
          </div>
          {props.actions}
        </div>
      </Show>
      {props.children}
    </section>
  );
}

/** A modal built on <dialog>: focus is trapped and Escape closes it. */
export function Dialog(props: { open: boolean; title: string; onClose: () => void; children: JSX.Element; wide?: boolean }) {
  let ref!: HTMLDialogElement;
  const titleId = createUniqueId();
  createEffect(() => {
    if (props.open && !ref.open) ref.showModal();
    if (!props.open && ref.open) ref.close();
  });
  onCleanup(() => ref?.open && ref.close());
  return (
    <dialog
      ref={ref}
      class="dialog"
      classList={{ 'dialog-wide': !!props.wide }}
      aria-labelledby={titleId}
      onClose={() => props.open && props.onClose()}
      onClick={(e) => e.target === ref && props.onClose()}
    >
      <div class="dialog-body">
        <div class="dialog-head">
          <h2 id={titleId}>{props.title}</h2>
          <button type="button" class="btn-icon" aria-label="Close" onClick={() => props.onClose()}>
            ×
          </button>
        </div>
        <Show when={props.open}>{props.children}</Show>
      </div>
    </dialog>
  );
}

/** Copies text; says "Copied" for a moment (and to screen readers). */
export function CopyButton(props: { text: string; label?: string }) {
  const [copied, setCopied] = createSignal(false);
  let timer: number | undefined;
  onCleanup(() => clearTimeout(timer));
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.text);
    } catch {
      // Clipboard API needs a secure context; fall back to a hidden textarea.
      const ta = document.createElement('textarea');
      ta.value = props.text;
      ta.setAttribute('readonly', '');
      ta.style.position = 'fixed';
      ta.style.opacity = '0';
      document.body.appendChild(ta);
      ta.select();
      document.execCommand('copy');
      ta.remove();
    }
    setCopied(true);
    clearTimeout(timer);
    timer = window.setTimeout(() => setCopied(false), 2000);
  };
  return (
    <button type="button" class="btn btn-small" onClick={copy}>
      <span aria-live="polite">{copied() ? 'Copied' : (props.label ?? 'Copy')}</span>
    </button>
  );
}

/** A key/value list for settings and facts. */
export function Facts(props: { children: JSX.Element }) {
  return <dl class="facts">{props.children}</dl>;
}
export function Fact(props: { label: string; children: JSX.Element }) {
  return (
    <div class="fact">
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </div>
  );
}

/** Re-renders every `ms` so relative times and running durations stay current. */
export function createNow(ms = 1000) {
  const [now, setNow] = createSignal(Date.now());
  const t = setInterval(() => setNow(Date.now()), ms);
  onCleanup(() => clearInterval(t));
  return now;
}

/** A field's message below it, when it has one; `id` is what the field's `aria-describedby` names. */
export function FieldError(props: { id: string; message: string | null | undefined }) {
  return (
    <Show when={props.message}>
      <p class="field-error" id={props.id}>
        {props.message}
      </p>
    </Show>
  );
}

/** A labelled text (or URL) input with its message below it when it is wrong (`${id}-error`). */
export function TextField(props: {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  error: string | undefined;
  type?: 'text' | 'url';
  required?: boolean;
  placeholder?: string;
  autocomplete?: string;
  class?: string;
}) {
  return (
    <div class={`field${props.class ? ` ${props.class}` : ''}`} classList={{ 'field-invalid': !!props.error }}>
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        type={props.type ?? 'text'}
        required={props.required}
        placeholder={props.placeholder}
        autocomplete={props.autocomplete}
        value={props.value}
        onInput={(e) => props.onInput(e.currentTarget.value)}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={props.error ? `${props.id}-error` : undefined}
      />
      <FieldError id={`${props.id}-error`} message={props.error} />
    </div>
  );
}
