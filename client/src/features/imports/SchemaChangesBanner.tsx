import { createMutation } from '@urql/solid';
import { createSignal, For, Show } from 'solid-js';
import { AcceptSchemaChangesDocument, DismissSchemaChangesDocument, type ImportDetailFragment } from '../../gql/graphql';
import { apiError, type ApiError } from '../../lib/errors';
import { humanize } from '../../lib/format';
import { Badge, ErrorBox } from '../../lib/ui';

/**
 * Pending schema changes of an import. Supported ones (new columns) can be accepted — the next run imports
 * them — or dismissed, column by column. Unsupported ones say why and that the source must be reverted; the
 * import stays BLOCKED until then.
 */
export function SchemaChangesBanner(props: { imp: ImportDetailFragment; onChanged: () => void }) {
  const pending = () => props.imp.schemaChanges.filter((c) => c.status === 'PENDING');
  const supported = () => pending().filter((c) => c.support === 'SUPPORTED');
  const unsupported = () => pending().filter((c) => c.support === 'UNSUPPORTED');
  const [, accept] = createMutation(AcceptSchemaChangesDocument);
  const [, dismiss] = createMutation(DismissSchemaChangesDocument);
  const [busy, setBusy] = createSignal<string | null>(null);
  const [error, setError] = createSignal<ApiError | null>(null);

  const act = async (what: 'accept' | 'dismiss', columns: string[]) => {
    setBusy(`${what}:${columns.join(',')}`);
    setError(null);
    const res = await (what === 'accept' ? accept : dismiss)({ importId: props.imp.id, columns });
    setBusy(null);
    if (res.error) setError(apiError(res.error));
    props.onChanged();
  };

  const typeText = (c: { previousType?: string | null; newType?: string | null }) =>
    c.previousType && c.newType ? `${c.previousType} → ${c.newType}` : (c.newType ?? c.previousType ?? '');

  return (
    <Show when={pending().length}>
      <section class="schema-banner" classList={{ blocked: unsupported().length > 0 }} aria-labelledby="schema-banner-title">
        <div class="schema-banner-head">
          <div>
            <h2 id="schema-banner-title" class="section-title">
              {pending().length} schema {pending().length === 1 ? 'change' : 'changes'} in <span class="mono">{props.imp.table}</span>
            </h2>
            <p class="small">
              <Show
                when={unsupported().length}
                fallback="New columns appeared at the source. Accept a column to import it from the next run (earlier rows keep it empty), or dismiss it."
              >
                Runs are blocked until the unsupported {unsupported().length === 1 ? 'change is' : 'changes are'} reverted at the source, or you create a new
                import for the new schema (see above).
              </Show>
            </p>
          </div>
          <Show when={supported().length > 1}>
            <button type="button" class="btn btn-small" disabled={!!busy()} onClick={() => act('accept', supported().map((c) => c.column))}>
              Accept all {supported().length}
            </button>
          </Show>
        </div>
        <ErrorBox error={error()} />
        <ul class="changes">
          <For each={pending()}>
            {(c) => (
              <li class="change" data-change-column={c.column}>
                <div class="change-main">
                  <div class="change-title">
                    <span class="mono strong">{c.column}</span>
                    <span class="muted">{humanize(c.kind)}</span>
                    <Show when={typeText(c)}>
                      <span class="type">{typeText(c)}</span>
                    </Show>
                    <Badge tone={c.support === 'SUPPORTED' ? 'info' : 'danger'}>{c.support === 'SUPPORTED' ? 'Supported' : 'Unsupported'}</Badge>
                  </div>
                  <p class="change-desc">{c.description}</p>
                  <Show when={c.support === 'UNSUPPORTED'}>
                    <p class="change-blocked">
                      <strong>Blocked:</strong> revert this change at the source (or point the import at a new table). The next schema refresh clears it.
                    </p>
                  </Show>
                  <Show when={c.sourceFile}>
                    <p class="muted small break">Seen in {c.sourceFile}</p>
                  </Show>
                </div>
                <Show when={c.support === 'SUPPORTED'}>
                  <div class="change-actions">
                    <button
                      type="button"
                      class="btn btn-primary btn-small"
                      disabled={!!busy()}
                      aria-label={`Accept ${c.column}`}
                      onClick={() => act('accept', [c.column])}
                    >
                      Accept
                    </button>
                    <button type="button" class="btn btn-small" disabled={!!busy()} aria-label={`Dismiss ${c.column}`} onClick={() => act('dismiss', [c.column])}>
                      Dismiss
                    </button>
                  </div>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </section>
    </Show>
  );
}
