import { createEffect, createSignal, For, on, Show, type JSX } from 'solid-js';
import { createDebounced } from './debounce';
import { formatDateTime, formatNumber } from './format';
import { currentQuery, setQuery } from './router';
import './lists.css';

/**
 * The pieces every long list shares (connections, imports): a debounced search, status chips with counts, a sort
 * order, and pages walked with the API's cursors (graphql/pagination.ts). Search, status, sort and the page's cursor
 * live in the URL, so a list can be linked to and Back returns to the same page.
 */

/** The list's state in the URL: `q`, `status`, `sort`, `after`. Changing a filter goes back to the first page. */
export function createListState<S extends string, O extends string>(defaultOrder: O) {
  const search = () => currentQuery().get('q') ?? '';
  const status = () => (currentQuery().get('status') as S | null) || null;
  const order = () => (currentQuery().get('sort') as O | null) || defaultOrder;
  const after = () => currentQuery().get('after') || null;
  // The cursors of the pages before this one, for "Previous" (in memory: a shared link starts on its own page).
  const [previous, setPrevious] = createSignal<(string | null)[]>([]);
  const [pageNumber, setPageNumber] = createSignal(after() ? 2 : 1);
  const reset = () => {
    setPrevious([]);
    setPageNumber(1);
  };
  return {
    search,
    status,
    order,
    after,
    pageNumber,
    setFilter(params: Record<string, string | null>) {
      reset();
      setQuery({ ...params, after: null });
    },
    next(endCursor: string | null | undefined) {
      if (!endCursor) return;
      setPrevious((p) => [...p, after()]);
      setPageNumber((n) => n + 1);
      setQuery({ after: endCursor });
    },
    hasPrevious: () => after() !== null,
    previous() {
      const stack = previous();
      setPrevious(stack.slice(0, -1));
      setPageNumber((n) => Math.max(1, n - 1));
      setQuery({ after: stack.length ? stack[stack.length - 1]! : null });
    },
  };
}

/** A search box that updates the URL's `q` 250 ms after typing stops. */
export function SearchBox(props: { id: string; label: string; placeholder?: string; value: string; onSearch: (text: string) => void }) {
  const [text, setText] = createSignal(props.value);
  const settled = createDebounced(text, 250);
  createEffect(on(settled, (v) => v.trim() !== props.value && props.onSearch(v.trim()), { defer: true }));
  // The URL changed elsewhere (Clear filters, Back): follow it.
  createEffect(on(() => props.value, (v) => v !== text().trim() && setText(v), { defer: true }));
  return (
    <div class="field field-inline list-search">
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="search"
        autocomplete="off"
        placeholder={props.placeholder}
        value={text()}
        onInput={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            if (text().trim() !== props.value) props.onSearch(text().trim());
          }
        }}
      />
    </div>
  );
}

/** Status chips with their counts ("All 65", "Active 40", …): one pressed at a time. */
export function StatusChips<S extends string>(props: { label: string; counts: readonly { status: S; count: number }[] | undefined; selected: S | null; labelOf: (s: S) => string; onSelect: (s: S | null) => void }) {
  const total = () => (props.counts ?? []).reduce((sum, c) => sum + c.count, 0);
  return (
    <div class="chips" role="group" aria-label={props.label}>
      <button type="button" class="chip" aria-pressed={props.selected === null} onClick={() => props.onSelect(null)}>
        All <span class="chip-count">{props.counts ? formatNumber(total()) : '…'}</span>
      </button>
      <For each={props.counts ?? []}>
        {(c) => (
          <button type="button" class="chip" data-status={c.status} aria-pressed={props.selected === c.status} onClick={() => props.onSelect(props.selected === c.status ? null : c.status)}>
            {props.labelOf(c.status)} <span class="chip-count">{formatNumber(c.count)}</span>
          </button>
        )}
      </For>
    </div>
  );
}

/** The sort order, as a select. */
export function SortSelect<O extends string>(props: { id: string; value: O; options: readonly [O, string][]; onChange: (o: O) => void }) {
  return (
    <div class="field field-inline">
      <label for={props.id}>Sort</label>
      <select id={props.id} onChange={(e) => props.onChange(e.currentTarget.value as O)}>
        <For each={props.options}>
          {([value, label]) => (
            <option value={value} selected={props.value === value}>
              {label}
            </option>
          )}
        </For>
      </select>
    </div>
  );
}

/** "51–100 of 312" with Previous and Next page buttons. */
export function Pager(props: {
  noun: [string, string];
  shown: number;
  pageSize: number;
  filtered: boolean;
  /** The list's state (createListState), whose cursors the buttons walk. */
  list: Pick<ReturnType<typeof createListState>, 'pageNumber' | 'hasPrevious' | 'next' | 'previous'>;
  /** The API's connection of this page. */
  connection: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor?: string | null } };
}) {
  const total = () => props.connection.totalCount;
  const hasNext = () => props.connection.pageInfo.hasNextPage;
  const hasPrevious = () => props.list.hasPrevious();
  const from = () => (props.shown ? (props.list.pageNumber() - 1) * props.pageSize + 1 : 0);
  const noun = () => (total() === 1 ? props.noun[0] : props.noun[1]);
  return (
    <nav class="pager" aria-label="Pages">
      <p class="muted small" aria-live="polite">
        <Show when={hasNext() || hasPrevious()} fallback={<>{formatNumber(total())} {noun()}{props.filtered ? ' match' : ''}</>}>
          {formatNumber(from())}–{formatNumber(from() + props.shown - 1)} of {formatNumber(total())} {noun()}
          {props.filtered ? ' that match' : ''}
        </Show>
      </p>
      <Show when={hasNext() || hasPrevious()}>
        <div class="pager-buttons">
          <button type="button" class="btn btn-small" disabled={!hasPrevious()} onClick={() => props.list.previous()}>
            ← Previous
          </button>
          <button type="button" class="btn btn-small" disabled={!hasNext()} onClick={() => props.list.next(props.connection.pageInfo.endCursor)}>
            Next page →
          </button>
        </div>
      </Show>
    </nav>
  );
}

/** A date with its time, in the user's locale (lists show when, not just which day). */
export function DateTimeOf(props: { iso: string }) {
  return <time dateTime={props.iso}>{formatDateTime(props.iso)}</time>;
}

/** A table cell that names its column when rows stack as cards on a narrow screen. */
export function Cell(props: { label: string; class?: string; children: JSX.Element }) {
  return (
    <td data-label={props.label} class={props.class}>
      {props.children}
    </td>
  );
}
