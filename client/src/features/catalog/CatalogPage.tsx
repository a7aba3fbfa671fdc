import { createQuery } from '@urql/solid';
import { createSignal, For, Match, Show, Switch } from 'solid-js';
import { CatalogDocument, type CatalogQuery, type SourceCategory } from '../../gql/graphql';
import { createDebounced } from '../../lib/debounce';
import { apiError } from '../../lib/errors';
import { humanize } from '../../lib/format';
import { currentQuery, Link, setQuery } from '../../lib/router';
import { Badge, EmptyState, ErrorBox, Loading, PageHeader } from '../../lib/ui';

const CATEGORIES: SourceCategory[] = ['DATA_WAREHOUSE', 'CLOUD_STORAGE', 'ROUTING'];

/** The catalog: a card per platform, searchable by name and filterable by category (both kept in the URL). */
export function CatalogPage() {
  const [search, setSearch] = createSignal(currentQuery().get('q') ?? '');
  const category = () => (currentQuery().get('category') as SourceCategory | null) || null;
  const debounced = createDebounced(search, 200);
  const [result, refetch] = createQuery({
    query: CatalogDocument,
    variables: () => ({ search: debounced().trim() || null, category: category() }),
  });
  const onSearch = (value: string) => {
    setSearch(value);
    setQuery({ q: value.trim() || null });
  };
  const filtered = () => !!(debounced().trim() || category());
  const clear = () => {
    setSearch('');
    setQuery({ q: null, category: null });
  };

  return (
    <>
      <PageHeader title="Catalog" subtitle="Source platforms Inlet can import from. You can connect a platform more than once, e.g. one connection per project or bucket." />
      <form class="toolbar" role="search" onSubmit={(e) => e.preventDefault()}>
        <div class="field field-inline field-grow">
          <label for="catalog-search">Search</label>
          <input id="catalog-search" type="search" placeholder="Platform name" value={search()} onInput={(e) => onSearch(e.currentTarget.value)} autocomplete="off" />
        </div>
        <div class="field field-inline">
          <label for="catalog-category">Category</label>
          <select id="catalog-category" onChange={(e) => setQuery({ category: e.currentTarget.value || null })}>
            <option value="" selected={!category()}>
              All categories
            </option>
            <For each={CATEGORIES}>
              {(c) => (
                <option value={c} selected={category() === c}>
                  {humanize(c)}
                </option>
              )}
            </For>
          </select>
        </div>
      </form>
      <Switch>
        <Match when={result.error && !result.data}>
          <ErrorBox title="The catalog could not be loaded." error={apiError(result.error)} onRetry={() => refetch()} />
        </Match>
        <Match when={!result.data}>
          <Loading label="Loading the catalog…" />
        </Match>
        <Match when={result.data!.catalog.length === 0}>
          <EmptyState
            title={filtered() ? 'No platform matches' : 'No platforms yet'}
            action={
              <Show when={filtered()}>
                <button type="button" class="btn" onClick={clear}>
                  Clear search and filter
                </button>
              </Show>
            }
          >
            {filtered()
              ? 'Try another name or category. If the platform you need is missing, ask your Customer Success Manager about it.'
              : 'This server offers no source platforms.'}
          </EmptyState>
        </Match>
        <Match when={result.data}>
          <ul class="cards" aria-busy={result.fetching}>
            <For each={result.data!.catalog}>{(platform) => <PlatformCard platform={platform} />}</For>
          </ul>
        </Match>
      </Switch>
    </>
  );
}

function PlatformCard(props: { platform: CatalogQuery['catalog'][number] }) {
  const p = () => props.platform;
  return (
    <li class="card platform-card" classList={{ 'card-muted': !p().available }}>
      <div class="platform-head">
        <PlatformMark id={p().id} />
        <div>
          <h2 class="card-title">{p().name}</h2>
          <span class="tag">{humanize(p().category)}</span>
        </div>
      </div>
      <p class="card-text">{p().description}</p>
      <div class="card-foot">
        <Show
          when={p().connectionCount > 0}
          fallback={<span class="muted">No connections</span>}
        >
          <Link href={`/connections?platform=${p().id}`}>
            {p().connectionCount} {p().connectionCount === 1 ? 'connection' : 'connections'}
          </Link>
        </Show>
        <Show
          when={p().available}
          fallback={<Badge tone="neutral">{p().retired ? 'Retired' : 'Not available yet'}</Badge>}
        >
          <Link href={`/catalog/${p().id}/connect`} class="btn btn-primary btn-small" aria-label={`Connect ${p().name}`}>
            Connect
          </Link>
        </Show>
      </div>
    </li>
  );
}

/** A neutral monogram instead of vendor logos. */
export function PlatformMark(props: { id: string }) {
  const text = () => ({ BIGQUERY: 'BQ', SNOWFLAKE: 'SF', S3: 'S3', GCS: 'GCS', S3_STREAMING: 'S3↯', S3_BATCH: 'S3⧗' } as Record<string, string>)[props.id] ?? props.id.slice(0, 2);
  return (
    <span class={`platform-mark mark-${props.id.toLowerCase()}`} aria-hidden="true">
      {text()}
    </span>
  );
}
