import { createMutation, createQuery } from '@urql/solid';
import { createEffect, createMemo, createSignal, Match, on, Show, Switch } from 'solid-js';
import { CreateSegmentDocument, EstimateSegmentDocument, SegmentBuilderDataDocument, SegmentDocument, UpdateSegmentDocument } from '../../gql/graphql';
import { createDebounced } from '../../lib/debounce';
import { apiError, messageFor, type ApiError } from '../../lib/errors';
import { formatNumber } from '../../lib/format';
import { Link, navigate } from '../../lib/router';
import { ErrorBox, Loading, PageHeader, TextField } from '../../lib/ui';
import { emptyNode, RuleNode, type BuilderData, type Rule } from './RuleBuilder';
import './segments.css';

/**
 * Creates or edits a segment: name, description, tags and the rule, with a live estimate of its size (debounced:
 * asked 400 ms after the last edit) that also shows the server's word on a rule it refuses, naming the path.
 */
export function SegmentEditorPage(props: { id?: string }) {
  const [query] = createQuery({ query: SegmentBuilderDataDocument, requestPolicy: 'network-only' });
  const builderData = createMemo((): BuilderData | undefined => {
    const d = query.data;
    return d && { ...d, imports: d.imports.edges.map((e) => e.node) };
  });
  const [existing] = createQuery({ query: SegmentDocument, variables: () => ({ id: props.id ?? '' }), pause: () => !props.id });
  const [name, setName] = createSignal('');
  const [description, setDescription] = createSignal('');
  const [tags, setTags] = createSignal('');
  const [rule, setRule] = createSignal<Rule | null>(null);
  const [error, setError] = createSignal<ApiError | null>(null);
  const fieldError = (field: string) => messageFor(error(), field);
  const [, create] = createMutation(CreateSegmentDocument);
  const [, update] = createMutation(UpdateSegmentDocument);

  createEffect(on(() => [builderData(), existing.data] as const, ([d, e]) => {
    if (!d || rule()) return;
    const s = e?.segment;
    if (props.id && !s) return;
    if (s) {
      setName(s.name);
      setDescription(s.description ?? '');
      setTags(s.tags.join(', '));
      setRule(s.rule as Rule);
    } else setRule({ all: [emptyNode('profile', d)] });
  }));

  const debounced = createDebounced(() => (rule() ? JSON.stringify(rule()) : ''), 400);
  const [estimate] = createQuery({ query: EstimateSegmentDocument, variables: () => ({ rule: debounced() ? JSON.parse(debounced()) : {} }), pause: () => !debounced(), requestPolicy: 'network-only' });

  const save = async (e: Event) => {
    e.preventDefault();
    setError(null);
    const input = { name: name(), description: description() || null, tags: tags().split(',').map((t) => t.trim()).filter(Boolean), rule: rule()! };
    const result = props.id ? await update({ id: props.id, input }) : await create({ input });
    if (result.error) {
      const refused = apiError(result.error);
      const n = refused?.fields?.length ?? 0;
      return setError(refused && n > 1 ? { ...refused, message: `Not saved: ${n} things need fixing, each marked above.` } : refused);
    }
    const id = props.id ?? (result.data as { createSegment: { id: string } }).createSegment.id;
    navigate(`/segments/${id}`);
  };

  return (
    <>
      <PageHeader back={<Link href="/segments">← Segments</Link>} title={props.id ? 'Edit segment' : 'Create segment'} />
      <Switch>
        <Match when={query.error}>
          <ErrorBox title="The builder could not be loaded." error={apiError(query.error)} />
        </Match>
        <Match when={!builderData() || !rule()}>
          <Loading label="Loading imports and event types…" />
        </Match>
        <Match when={builderData() && rule()}>
          <form class="card section" onSubmit={save}>
            <TextField id="segment-name" label="Name" required value={name()} onInput={setName} error={fieldError('name')} />
            <TextField id="segment-description" label="Description" value={description()} onInput={setDescription} error={fieldError('description')} />
            <TextField id="segment-tags" label="Tags (comma-separated)" value={tags()} onInput={setTags} error={fieldError('tags')} />
            <fieldset class="field">
              <legend>Rule</legend>
              <RuleNode rule={rule()!} data={builderData()!} path="rule" depth={0} onChange={setRule} errors={() => error()?.fields ?? []} />
            </fieldset>
            <p class="estimate" role="status" aria-live="polite" data-testid="estimate">
              <Switch fallback={<span class="muted">Estimating…</span>}>
                <Match when={estimate.error}>
                  <span class="text-danger">Cannot estimate yet: {apiError(estimate.error)?.message}</span>
                </Match>
                <Match when={estimate.data && !estimate.fetching}>
                  About <strong>{formatNumber(estimate.data!.estimateSegment)}</strong> users match now.
                </Match>
              </Switch>
            </p>
            <Show when={error()}>
              <ErrorBox error={error()} />
            </Show>
            <button type="submit" class="btn btn-primary">{props.id ? 'Save and evaluate' : 'Create segment'}</button>
          </form>
        </Match>
      </Switch>
    </>
  );
}

