import { createMutation, createQuery } from '@urql/solid';
import { batch, createSignal, Match, Show, Switch } from 'solid-js';
import { createStore } from 'solid-js/store';
import { ConnectFormDocument, CreateConnectionDocument, type CreateConnectionInput, type PlatformFormFragment } from '../../gql/graphql';
import { apiError } from '../../lib/errors';
import { humanize } from '../../lib/format';
import { Link, navigate } from '../../lib/router';
import { BusyButton, EmptyState, ErrorBox, Loading, Notice, PageHeader } from '../../lib/ui';
import { buildInput, effectiveFields, fieldForServerPath, missingRequired, type FormErrors, type FormField, type FormValues } from '../forms/fields';
import { fieldId, FieldsForm } from '../forms/FieldsForm';
import { BucketPolicy } from './BucketPolicy';
import { DestinationPolicy } from '../routing/DestinationPolicy';
import { PlatformMark } from './CatalogPage';

/** The connection name is not a platform field; its key cannot clash with one (platform keys are identifiers). */
const NAME_KEY = '$name';
const nameField: FormField = {
  key: NAME_KEY,
  label: 'Name',
  kind: 'text',
  required: true,
  secret: false,
  options: null,
  help: 'A descriptive name, e.g. "Audiences bucket (production)"',
};

export function ConnectPage(props: { platformId: string }) {
  const [result, refetch] = createQuery({ query: ConnectFormDocument });
  const platform = () => result.data?.catalog.find((p) => p.id === props.platformId);
  return (
    <Switch>
      <Match when={result.error && !result.data}>
        <ErrorBox title="The form could not be loaded." error={apiError(result.error)} onRetry={() => refetch()} />
      </Match>
      <Match when={!result.data}>
        <Loading />
      </Match>
      <Match when={!platform()}>
        <EmptyState title="Unknown platform" action={<Link href="/catalog" class="btn">Back to the catalog</Link>}>
          There is no platform “{props.platformId}” in the catalog.
        </EmptyState>
      </Match>
      <Match when={platform()}>{(p) => <ConnectForm platform={p()} />}</Match>
    </Switch>
  );
}

function ConnectForm(props: { platform: PlatformFormFragment }) {
  const fields = () => [nameField, ...props.platform.fields];
  const [values, setValues] = createStore<FormValues>({});
  const [errors, setErrors] = createStore<FormErrors>({});
  const [formError, setFormError] = createSignal<string | null>(null);
  const [state, create] = createMutation(CreateConnectionDocument);
  let form!: HTMLFormElement;

  const onChange = (key: string, value: string) =>
    batch(() => {
      setValues(key, value);
      if (errors[key]) setErrors(key, undefined!);
    });

  const focusField = (key: string) => {
    const el = form.querySelector<HTMLElement>(`#${CSS.escape(fieldId('connect', key))}`);
    el?.focus();
  };

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setFormError(null);
    // Every missing field at once, of the chosen authentication only.
    const shown = effectiveFields(fields(), values);
    const missing = missingRequired(shown, values);
    setErrors(Object.fromEntries(fields().map((f) => [f.key, missing[f.key]])) as FormErrors);
    const firstMissing = shown.find((f) => missing[f.key]);
    if (firstMissing) {
      focusField(firstMissing.key);
      return;
    }
    const input = {
      name: (values[NAME_KEY] ?? '').trim(),
      [props.platform.inputKey]: buildInput(effectiveFields(props.platform.fields, values), values),
    } as CreateConnectionInput;
    const res = await create({ input });
    const created = res.data?.createConnection;
    if (created) {
      navigate(`/connections/${created.id}`);
      return;
    }
    const err = apiError(res.error);
    // Every field the server names gets its message under it; the first one is focused.
    const keyed = (err?.fields ?? []).map((f) => ({
      key: fieldForServerPath(
        f.field,
        fields().map((x) => x.key),
        [
          ['name', NAME_KEY],
          [props.platform.inputKey, ''],
        ],
      ),
      message: f.message,
    }));
    const shownErrors = keyed.filter((f): f is { key: string; message: string } => Boolean(f.key));
    if (err && shownErrors.length) {
      batch(() => shownErrors.forEach((f) => setErrors(f.key, f.message)));
      focusField(shownErrors[0]!.key);
    } else {
      setFormError(err?.message ?? 'The connection could not be saved.');
    }
  };

  return (
    <>
      <PageHeader
        back={<Link href="/catalog">← Catalog</Link>}
        title={
          <span class="title-with-mark">
            <PlatformMark id={props.platform.id} />
            Connect {props.platform.name}
          </span>
        }
        subtitle={`${humanize(props.platform.category)} · ${props.platform.description}`}
      />
      <Show
        when={props.platform.available}
        fallback={
          <Notice tone="neutral">
            {props.platform.retired
              ? `${props.platform.name} has been retired on this server: new connections cannot be created, and existing ones are Deprecated.`
              : `${props.platform.name} is not available yet on this server. Ask your Customer Success Manager about it.`}
          </Notice>
        }
      >
        <div class="split">
          <form ref={form} class="card form-card" onSubmit={submit} noValidate aria-labelledby="connect-form-title">
            <h2 id="connect-form-title" class="section-title">
              Connection details
            </h2>
            <p class="muted small">
              Fields marked <span class="required">*</span> are required.
            </p>
            <FieldsForm
              idPrefix="connect"
              fields={fields()}
              values={values}
              errors={errors}
              onChange={onChange}
              groupCredentials
              disabled={state.fetching}
              after={(key) =>
                props.platform.id === 'S3' && key === 'bucketName' ? (
                  <BucketPolicy bucketName={values.bucketName ?? ''} />
                ) : props.platform.type === 'DESTINATION' && key === 'kmsKeyArn' ? (
                  <DestinationPolicy bucketName={values.bucketName ?? ''} kmsKeyArn={values.kmsKeyArn ?? ''} />
                ) : undefined
              }
            />
            <ErrorBox error={formError()} title="Not saved." />
            <div class="form-actions">
              <BusyButton type="submit" class="btn btn-primary" busy={state.fetching} busyLabel="Saving">
                {state.fetching ? 'Saving…' : 'Save'}
              </BusyButton>
              <Link href="/catalog" class="btn btn-ghost">
                Cancel
              </Link>
            </div>
          </form>
          <aside class="aside">
            <h2 class="section-title">What happens next</h2>
            <ol class="steps">
              <li>Inlet stores the credentials sealed; they are never shown again.</li>
              <li>
                The connection is <strong>Processing</strong> while Inlet checks it can read the source. This usually takes seconds, at most a few minutes.
              </li>
              <li>
                It turns <strong>Active</strong> and Inlet discovers its tables, or <strong>Inactive</strong> with the reason to fix.
              </li>
              <li>Once Active, create imports from its tables.</li>
            </ol>
          </aside>
        </div>
      </Show>
    </>
  );
}
