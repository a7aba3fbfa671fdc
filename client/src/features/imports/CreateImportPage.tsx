import { createMutation, createQuery } from '@urql/solid';
import { batch, createEffect, createMemo, createSignal, For, Match, onCleanup, Show, Switch } from 'solid-js';
import { createStore } from 'solid-js/store';
import { CreateImportConnectionsDocument, CreateImportDocument, CreateImportTablesDocument } from '../../gql/graphql';
import { apiError } from '../../lib/errors';
import { currentQuery, Link, navigate } from '../../lib/router';
import { BusyButton, ErrorBox, Loading, PageHeader } from '../../lib/ui';
import { ColumnsStep } from './create/ColumnsStep';
import { ConnectionStep } from './create/ConnectionStep';
import { ScheduleStep } from './create/ScheduleStep';
import { TableStep } from './create/TableStep';
import { TypeStep } from './create/TypeStep';
import { attributesOf, buildInput, checkStep, stepOfField, STEPS, type Draft, type Errors, type StepProps } from './create/wizard';
import { useImportTypes } from './importTypes';

/**
 * The Create import wizard: connection → table → import type → the columns and values the type's definition
 * asks for → name and schedule. Each step is a form: Enter goes on. What a type needs comes from the server's
 * `importTypes`; the server checks everything again, and a field error it names sends the admin back to the step
 * that owns the field, with the message beside it. This file holds the draft and the navigation; each step is a
 * component in create/.
 */
export function CreateImportPage() {
  const [draft, setDraft] = createStore<Draft>({
    connectionId: currentQuery().get('connection') ?? '',
    table: currentQuery().get('table') ?? '',
    type: '',
    mappings: {},
    texts: {},
    attributes: [],
    name: '',
    scheduleMode: 'auto',
    time: '06:00',
    threshold: '10',
  });
  const [step, setStep] = createSignal(draft.table ? 3 : draft.connectionId ? 2 : 1);
  const [errors, setErrors] = createStore<Errors>({});
  const [formError, setFormError] = createSignal<string | null>(null);

  const types = useImportTypes();
  const [pickerSearch, setPickerSearch] = createSignal('');
  const [connections, refetchConnections] = createQuery({ query: CreateImportConnectionsDocument, variables: () => ({ search: pickerSearch() || null }) });
  const [tables, refetchTables] = createQuery({
    query: CreateImportTablesDocument,
    variables: () => ({ id: draft.connectionId }),
    pause: () => !draft.connectionId,
  });
  // Tables may still be being discovered right after a connection turns Active.
  createEffect(() => {
    if (tables.data?.connection?.schemaRefresh?.status !== 'IN_PROGRESS') return;
    const t = setInterval(() => refetchTables({ requestPolicy: 'network-only' }), 1500);
    onCleanup(() => clearInterval(t));
  });

  const connection = () => tables.data?.connection;
  const table = createMemo(() => tables.data?.connection?.tables.find((t) => t.name === draft.table));
  const def = () => types.of(draft.type);
  const attributes = () => attributesOf(draft, def(), table()?.columns.map((c) => c.name) ?? []);

  const [createState, create] = createMutation(CreateImportDocument);

  const clearErrors = () => {
    setErrors(Object.fromEntries(Object.keys(errors).map((k) => [k, undefined])));
    setFormError(null);
  };
  const focusError = (key: string) => queueMicrotask(() => document.querySelector<HTMLElement>(`[data-error-for="${key}"]`)?.focus());
  const go = (n: number) => {
    clearErrors();
    setStep(n);
    queueMicrotask(() => document.getElementById('wizard-step-title')?.focus());
  };

  const next = (e: SubmitEvent) => {
    e.preventDefault();
    clearErrors();
    const found = checkStep(step(), draft, def(), attributes());
    if (Object.keys(found).length) {
      setErrors(found);
      focusError(Object.keys(found)[0]!);
      return;
    }
    if (step() === 4 && !draft.name) setDraft('name', `${draft.table} – ${def()!.label.toLowerCase()}`);
    if (step() < 5) go(step() + 1);
    else void submit();
  };

  const submit = async () => {
    const res = await create({ input: buildInput(draft, def()!, attributes()) });
    if (res.data?.createImport) {
      navigate(`/imports/${res.data.createImport.id}`);
      return;
    }
    const err = apiError(res.error);
    if (err?.fields?.length) {
      // The server's answer decides: each message beside its field; the wizard goes to the earliest step named.
      const placed = err.fields.map((f) => ({ ...stepOfField(f.field, types.list()), message: f.message }));
      const first = placed.reduce((a, b) => (b.step < a.step ? b : a));
      batch(() => {
        setStep(first.step);
        for (const p of placed) if (p.step === first.step) setErrors(p.key, p.message);
      });
      focusError(first.key);
    } else setFormError(err?.message ?? 'The import could not be created.');
  };

  const stepProps: StepProps = {
    get draft() {
      return draft;
    },
    setDraft,
    get errors() {
      return errors;
    },
    pick: (key, value, errorKey) =>
      batch(() => {
        setDraft(key, value);
        setErrors(errorKey ?? (key as string), undefined);
      }),
    clearError: (key) => setErrors(key, undefined),
  };

  return (
    <>
      <PageHeader back={<Link href="/imports">← Imports</Link>} title="Create import" subtitle="Bring a table from an active connection into Inlet." />
      <ol class="stepper" aria-label="Steps">
        <For each={STEPS}>
          {(label, i) => (
            <li classList={{ done: i() + 1 < step(), current: i() + 1 === step() }} aria-current={i() + 1 === step() ? 'step' : undefined}>
              <Show
                when={i() + 1 < step()}
                fallback={
                  <span class="step-label">
                    <span class="step-num">{i() + 1}</span>
                    <span class="step-text">{label}</span>
                  </span>
                }
              >
                <button type="button" class="step-label" onClick={() => go(i() + 1)} aria-label={`Back to step ${i() + 1}: ${label}`}>
                  <span class="step-num" aria-hidden="true">✓</span>
                  <span class="step-text">{label}</span>
                </button>
              </Show>
            </li>
          )}
        </For>
      </ol>
      <form class="card form-card wizard" onSubmit={next} noValidate>
        <Switch>
          <Match when={step() === 1}>
            <ConnectionStep
              {...stepProps}
              data={connections.data}
              error={connections.error}
              retry={() => refetchConnections()}
              search={pickerSearch()}
              onSearch={setPickerSearch}
              selectedName={connection()?.name}
            />
          </Match>
          <Match when={step() === 2}>
            <TableStep {...stepProps} connectionName={connection()?.name} data={tables.data} error={tables.error} retry={() => refetchTables()} />
          </Match>
          <Match when={step() === 3}>
            <TypeStep {...stepProps} types={types.list()} error={types.result.error} retry={types.refetch} />
          </Match>
          <Match when={step() === 4 && table() && def()}>
            <ColumnsStep {...stepProps} table={table()!} def={def()!} />
          </Match>
          <Match when={step() === 4}>
            <Loading />
          </Match>
          <Match when={step() === 5}>
            <ScheduleStep {...stepProps} connectionName={connection()?.name} def={def()} attributes={attributes()} />
          </Match>
        </Switch>

        <ErrorBox error={formError()} title="Not created." />
        <div class="form-actions wizard-actions">
          <Show when={step() > 1}>
            <button type="button" class="btn" onClick={() => go(step() - 1)}>
              Back
            </button>
          </Show>
          <BusyButton type="submit" class="btn btn-primary" busy={createState.fetching} busyLabel="Creating">
            {step() < 5 ? 'Next' : 'Create import'}
          </BusyButton>
          <Link href="/imports" class="btn btn-ghost">
            Cancel
          </Link>
        </div>
      </form>
    </>
  );
}
