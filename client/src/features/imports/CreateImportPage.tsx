import { createMutation, createQuery } from '@urql/solid';
import { batch, createEffect, createMemo, createSignal, For, Match, onCleanup, Show, Switch, type JSX } from 'solid-js';
import { createStore } from 'solid-js/store';
import {
  CreateImportConnectionsDocument,
  CreateImportDocument,
  CreateImportTablesDocument,
  type CreateImportInput,
  type CreateImportTablesQuery,
  type ImportType,
} from '../../gql/graphql';
import { apiError } from '../../lib/errors';
import { formatBytes, formatNumber } from '../../lib/format';
import { currentQuery, Link, navigate } from '../../lib/router';
import { ConnectionStatusBadge } from '../../lib/status';
import { BusyButton, EmptyState, ErrorBox, Loading, PageHeader } from '../../lib/ui';
import { IMPORT_TYPE_IDS, IMPORT_TYPES, stepOfField, type Mapping } from './importTypes';

type Table = NonNullable<CreateImportTablesQuery['connection']>['tables'][number];
type Column = Table['columns'][number];

const STEPS = ['Connection', 'Table', 'Import type', 'Columns', 'Name and schedule'];

interface Draft {
  connectionId: string;
  table: string;
  type: ImportType | '';
  mappings: Record<string, string>;
  identifierType: string;
  attributes: string[];
  name: string;
  scheduleMode: 'auto' | 'daily' | 'manual';
  time: string;
  threshold: string;
}

/**
 * The Create import wizard of the seed: connection → table → import type → columns and the mappings the type
 * needs (with column types) → name and schedule. Each step is a form: Enter goes on. The server checks
 * everything again; its field errors send the admin back to the step that owns the field.
 */
export function CreateImportPage() {
  const [draft, setDraft] = createStore<Draft>({
    connectionId: currentQuery().get('connection') ?? '',
    table: currentQuery().get('table') ?? '',
    type: '',
    mappings: {},
    identifierType: '',
    attributes: [],
    name: '',
    scheduleMode: 'auto',
    time: '06:00',
    threshold: '10',
  });
  const [step, setStep] = createSignal(draft.table ? 3 : draft.connectionId ? 2 : 1);
  const [errors, setErrors] = createStore<Record<string, string | undefined>>({});
  const [formError, setFormError] = createSignal<string | null>(null);

  const [connections, refetchConnections] = createQuery({ query: CreateImportConnectionsDocument });
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

  const connection = () => connections.data?.connections.find((c) => c.id === draft.connectionId);
  const table = createMemo(() => tables.data?.connection?.tables.find((t) => t.name === draft.table));
  const typeInfo = () => (draft.type ? IMPORT_TYPES[draft.type] : null);
  const mapped = createMemo(() => {
    const info = typeInfo();
    const out = new Map<string, Mapping>();
    if (!info) return out;
    for (const m of info.mappings) if (draft.mappings[m.key]) out.set(draft.mappings[m.key], m);
    return out;
  });

  const [createState, create] = createMutation(CreateImportDocument);

  const clearErrors = () => {
    setErrors(Object.fromEntries(Object.keys(errors).map((k) => [k, undefined])));
    setFormError(null);
  };
  const go = (n: number) => {
    clearErrors();
    setStep(n);
    queueMicrotask(() => document.getElementById('wizard-step-title')?.focus());
  };

  const validate = (n: number): Record<string, string> => {
    const e: Record<string, string> = {};
    if (n === 1 && !draft.connectionId) e.connectionId = 'Choose a connection.';
    if (n === 2 && !draft.table) e.table = 'Choose a table.';
    if (n === 3 && !draft.type) e.type = 'Choose an import type.';
    if (n === 4 && typeInfo()) {
      for (const m of typeInfo()!.mappings) if (m.required && !draft.mappings[m.key]) e[m.key] = `${m.label} is required.`;
      const seen = new Map<string, string>();
      for (const m of typeInfo()!.mappings) {
        const v = draft.mappings[m.key];
        if (!v) continue;
        if (seen.has(v)) e[m.key] = `"${v}" is already the ${seen.get(v)!.toLowerCase()}.`;
        seen.set(v, m.label);
      }
      if (typeInfo()!.identifierType && !/^[a-z][a-z0-9_]{1,63}$/.test(draft.identifierType.trim())) {
        e.identifierType = 'Lower-case letters, digits and underscores, e.g. email_sha256.';
      }
      if (typeInfo()!.needsAttributes && attributes().length === 0) e.columns = 'Select at least one attribute column besides the user id.';
    }
    if (n === 5) {
      if (!draft.name.trim()) e.name = 'Name is required.';
      if (draft.scheduleMode === 'daily' && !/^([01]\d|2[0-3]):[0-5]\d$/.test(draft.time)) e.schedule = 'Enter a time as HH:MM (UTC).';
      const t = Number(draft.threshold);
      if (draft.threshold.trim() === '' || !(t >= 0 && t <= 100)) e.rejectThreshold = 'Enter a percentage between 0 and 100.';
    }
    return e;
  };

  /** Selected attributes that are not mapped (mapped columns are stored anyway). */
  const attributes = () => draft.attributes.filter((a) => !mapped().has(a) && table()?.columns.some((c) => c.name === a));

  const next = (e: SubmitEvent) => {
    e.preventDefault();
    clearErrors();
    const found = validate(step());
    if (Object.keys(found).length) {
      setErrors(found);
      focusError(Object.keys(found)[0]);
      return;
    }
    if (step() === 4 && !draft.name) setDraft('name', `${draft.table} – ${typeInfo()!.label.toLowerCase()}`);
    if (step() < 5) go(step() + 1);
    else void submit();
  };

  const submit = async () => {
    const info = typeInfo()!;
    const input: CreateImportInput = {
      connectionId: draft.connectionId,
      name: draft.name.trim(),
      table: draft.table,
      type: draft.type as ImportType,
      columns: attributes(),
      userIdColumn: draft.mappings.userIdColumn,
      schedule: draft.scheduleMode === 'manual' ? 'manual' : draft.scheduleMode === 'daily' ? `daily@${draft.time}` : null,
      rejectThreshold: Number(draft.threshold) / 100,
    };
    for (const m of info.mappings) if (m.key !== 'userIdColumn' && draft.mappings[m.key]) input[m.key] = draft.mappings[m.key];
    if (info.identifierType) input.identifierType = draft.identifierType.trim();
    const res = await create({ input });
    if (res.data?.createImport) {
      navigate(`/imports/${res.data.createImport.id}`);
      return;
    }
    const err = apiError(res.error);
    if (err?.field) {
      const { step: s, key } = stepOfField(err.field);
      setStep(s);
      setErrors(key, err.message);
      focusError(key);
    } else setFormError(err?.message ?? 'The import could not be created.');
  };

  const focusError = (key: string) => queueMicrotask(() => document.querySelector<HTMLElement>(`[data-error-for="${key}"]`)?.focus());

  const pick = <K extends keyof Draft>(key: K, value: Draft[K]) =>
    batch(() => {
      setDraft(key, value);
      setErrors(key as string, undefined);
    });

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
            <StepTitle title="Choose a connection" hint="Imports read from an Active connection." />
            <Switch>
              <Match when={connections.error && !connections.data}>
                <ErrorBox error={apiError(connections.error)} onRetry={() => refetchConnections()} />
              </Match>
              <Match when={!connections.data}>
                <Loading />
              </Match>
              <Match when={connections.data!.connections.length === 0}>
                <EmptyState title="No connections yet" action={<Link href="/catalog" class="btn btn-primary">Browse the catalog</Link>}>
                  Connect a source platform first; once it is Active you can import its tables.
                </EmptyState>
              </Match>
              <Match when={true}>
                <ChoiceList name="connectionId" error={errors.connectionId} label="Connection">
                  <For each={connections.data!.connections}>
                    {(c) => (
                      <Choice
                        name="connectionId"
                        value={c.id}
                        checked={draft.connectionId === c.id}
                        disabled={c.status !== 'ACTIVE'}
                        onSelect={() => batch(() => { pick('connectionId', c.id); setDraft('table', ''); })}
                        title={c.name}
                        meta={<>{c.platform.name}</>}
                        aside={<ConnectionStatusBadge status={c.status} reason={c.statusReason} />}
                        note={c.status !== 'ACTIVE' ? (c.statusReason ?? 'Only Active connections can be imported from.') : undefined}
                      />
                    )}
                  </For>
                </ChoiceList>
              </Match>
            </Switch>
          </Match>

          <Match when={step() === 2}>
            <StepTitle title="Choose a table" hint={<>Tables discovered on <strong>{connection()?.name}</strong>, with their columns.</>} />
            <Switch>
              <Match when={tables.error && !tables.data}>
                <ErrorBox error={apiError(tables.error)} onRetry={() => refetchTables()} />
              </Match>
              <Match when={!tables.data}>
                <Loading />
              </Match>
              <Match when={tables.data!.connection?.schemaRefresh?.status === 'IN_PROGRESS' && !tables.data!.connection?.tables.length}>
                <Loading label="Discovering tables…" />
              </Match>
              <Match when={!tables.data!.connection?.tables.length}>
                <EmptyState
                  title="No tables found on this connection"
                  action={<Link href={`/connections/${draft.connectionId}`} class="btn">Open the connection</Link>}
                >
                  Check the layout of the source, then refresh its schema from the connection page.
                </EmptyState>
              </Match>
              <Match when={true}>
                <ChoiceList name="table" error={errors.table} label="Table">
                  <For each={tables.data!.connection!.tables}>
                    {(t) => (
                      <Choice
                        name="table"
                        value={t.name}
                        checked={draft.table === t.name}
                        disabled={!!t.ignoredReason}
                        onSelect={() => pick('table', t.name)}
                        title={<span class="mono">{t.name}</span>}
                        meta={
                          <>
                            {t.columns.length} columns
                            <Show when={t.fileCount != null}> · {formatNumber(t.fileCount)} files</Show>
                            <Show when={t.totalBytes != null}> · {formatBytes(t.totalBytes)}</Show>
                            <Show when={t.partitionColumns.length}> · partitioned by {t.partitionColumns.join(', ')}</Show>
                          </>
                        }
                        note={t.ignoredReason ?? undefined}
                      />
                    )}
                  </For>
                </ChoiceList>
              </Match>
            </Switch>
          </Match>

          <Match when={step() === 3}>
            <StepTitle title="Choose the import type" hint="What the rows of this table describe." />
            <ChoiceList name="type" error={errors.type} label="Import type">
              <For each={IMPORT_TYPE_IDS}>
                {(id) => (
                  <Choice
                    name="type"
                    value={id}
                    checked={draft.type === id}
                    onSelect={() => batch(() => { pick('type', id); setDraft('mappings', {}); })}
                    title={IMPORT_TYPES[id].label}
                    meta={IMPORT_TYPES[id].description}
                  />
                )}
              </For>
            </ChoiceList>
          </Match>

          <Match when={step() === 4 && table() && typeInfo()}>
            <StepTitle title="Map columns" hint={<>Tell Inlet which columns of <span class="mono">{draft.table}</span> it needs, then the attributes to import.</>} />
            <div class="mapping-grid">
              <For each={typeInfo()!.mappings}>
                {(m) => (
                  <MappingSelect
                    mapping={m}
                    columns={table()!.columns}
                    value={draft.mappings[m.key] ?? ''}
                    error={errors[m.key]}
                    onChange={(v) => batch(() => { setDraft('mappings', m.key, v); setErrors(m.key, undefined); })}
                  />
                )}
              </For>
              <Show when={typeInfo()!.identifierType}>
                <div class="field" classList={{ 'field-invalid': !!errors.identifierType }}>
                  <label for="identifierType">
                    Identifier type<span class="required" aria-hidden="true"> *</span>
                    <span class="sr-only"> (required)</span>
                  </label>
                  <input
                    id="identifierType"
                    type="text"
                    data-error-for="identifierType"
                    value={draft.identifierType}
                    placeholder="email_sha256"
                    aria-invalid={errors.identifierType ? 'true' : undefined}
                    aria-describedby="identifierType-help identifierType-error"
                    onInput={(e) => batch(() => { setDraft('identifierType', e.currentTarget.value); setErrors('identifierType', undefined); })}
                  />
                  <p class="field-help" id="identifierType-help">What the identifier is, in lower case, e.g. email_sha256 or crm_id.</p>
                  <Show when={errors.identifierType}>
                    <p class="field-error" id="identifierType-error">{errors.identifierType}</p>
                  </Show>
                </div>
              </Show>
            </div>
            <fieldset class="columns-pick" aria-describedby="columns-help columns-error">
              <legend>
                Attributes to import
                <Show when={typeInfo()!.needsAttributes}>
                  <span class="required" aria-hidden="true"> *</span>
                </Show>
              </legend>
              <p class="field-help" id="columns-help">
                Mapped columns are always stored. Nested values (struct, list, map) are imported as JSON text.
              </p>
              <div class="columns-actions">
                <button type="button" class="link-button" onClick={() => setDraft('attributes', table()!.columns.map((c) => c.name))}>
                  Select all
                </button>
                <button type="button" class="link-button" onClick={() => setDraft('attributes', [])}>
                  Select none
                </button>
              </div>
              <ul class="columns-list" data-error-for="columns" tabindex="-1">
                <For each={table()!.columns}>
                  {(c) => {
                    const role = () => mapped().get(c.name);
                    const id = `col-${c.name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
                    return (
                      <li classList={{ mapped: !!role() }}>
                        <input
                          type="checkbox"
                          id={id}
                          checked={!!role() || draft.attributes.includes(c.name)}
                          disabled={!!role()}
                          onChange={(e) => {
                            const on = e.currentTarget.checked;
                            setDraft('attributes', (a) => (on ? [...a.filter((x) => x !== c.name), c.name] : a.filter((x) => x !== c.name)));
                            setErrors('columns', undefined);
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
                        </label>
                      </li>
                    );
                  }}
                </For>
              </ul>
              <Show when={errors.columns}>
                <p class="field-error" id="columns-error">{errors.columns}</p>
              </Show>
            </fieldset>
          </Match>

          <Match when={step() === 5}>
            <StepTitle title="Name and schedule" />
            <div class="field-group">
              <div class="field" classList={{ 'field-invalid': !!errors.name }}>
                <label for="import-name">
                  Name<span class="required" aria-hidden="true"> *</span>
                  <span class="sr-only"> (required)</span>
                </label>
                <input
                  id="import-name"
                  type="text"
                  data-error-for="name"
                  value={draft.name}
                  aria-invalid={errors.name ? 'true' : undefined}
                  aria-describedby={errors.name ? 'import-name-error' : undefined}
                  onInput={(e) => pick('name', e.currentTarget.value)}
                />
                <Show when={errors.name}>
                  <p class="field-error" id="import-name-error">{errors.name}</p>
                </Show>
              </div>
              <fieldset class="radio-group" classList={{ 'field-invalid': !!errors.schedule }} aria-describedby="schedule-error">
                <legend>Schedule</legend>
                <label class="radio">
                  <input type="radio" name="schedule" checked={draft.scheduleMode === 'auto'} onChange={() => pick('scheduleMode', 'auto')} />
                  <span>
                    Daily, at a time Inlet picks <span class="muted">(spreads imports across the day)</span>
                  </span>
                </label>
                <div class="radio radio-with-input">
                  <input id="schedule-daily" type="radio" name="schedule" checked={draft.scheduleMode === 'daily'} onChange={() => pick('scheduleMode', 'daily')} />
                  <label for="schedule-daily">Daily at</label>
                  <input
                    type="time"
                    aria-label="Time of day (UTC)"
                    data-error-for="schedule"
                    value={draft.time}
                    onInput={(e) => batch(() => { setDraft('time', e.currentTarget.value); setDraft('scheduleMode', 'daily'); setErrors('schedule', undefined); })}
                  />
                  <span class="muted">UTC</span>
                </div>
                <label class="radio">
                  <input type="radio" name="schedule" checked={draft.scheduleMode === 'manual'} onChange={() => pick('scheduleMode', 'manual')} />
                  <span>
                    Manual only <span class="muted">(run it from its page)</span>
                  </span>
                </label>
                <Show when={errors.schedule}>
                  <p class="field-error" id="schedule-error">{errors.schedule}</p>
                </Show>
              </fieldset>
              <div class="field field-narrow" classList={{ 'field-invalid': !!errors.rejectThreshold }}>
                <label for="reject-threshold">Reject threshold (%)</label>
                <input
                  id="reject-threshold"
                  type="number"
                  min="0"
                  max="100"
                  step="1"
                  data-error-for="rejectThreshold"
                  value={draft.threshold}
                  aria-describedby="reject-threshold-help"
                  onInput={(e) => pick('threshold', e.currentTarget.value)}
                />
                <p class="field-help" id="reject-threshold-help">
                  A run fails when more than this share of its rows is rejected (missing user id, unreadable values).
                </p>
                <Show when={errors.rejectThreshold}>
                  <p class="field-error">{errors.rejectThreshold}</p>
                </Show>
              </div>
            </div>
            <div class="summary">
              <h3>Summary</h3>
              <dl class="facts">
                <div class="fact"><dt>Connection</dt><dd>{connection()?.name}</dd></div>
                <div class="fact"><dt>Table</dt><dd class="mono">{draft.table}</dd></div>
                <div class="fact"><dt>Type</dt><dd>{typeInfo()?.label}</dd></div>
                <div class="fact">
                  <dt>Mappings</dt>
                  <dd>
                    <For each={typeInfo()?.mappings.filter((m) => draft.mappings[m.key]) ?? []}>
                      {(m) => (
                        <div>
                          {m.label.replace(/ column$/, '')}: <span class="mono">{draft.mappings[m.key]}</span>
                        </div>
                      )}
                    </For>
                    <Show when={typeInfo()?.identifierType}>
                      <div>Identifier type: <span class="mono">{draft.identifierType}</span></div>
                    </Show>
                  </dd>
                </div>
                <div class="fact">
                  <dt>Attributes</dt>
                  <dd>{attributes().length ? attributes().join(', ') : 'None'}</dd>
                </div>
              </dl>
            </div>
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

function StepTitle(props: { title: string; hint?: JSX.Element }) {
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

function ChoiceList(props: { name: string; label: string; error?: string; children: JSX.Element }) {
  return (
    <fieldset class="choices" aria-describedby={props.error ? `${props.name}-error` : undefined}>
      <legend class="sr-only">{props.label}</legend>
      <div class="choice-list" data-error-for={props.name} tabindex="-1">
        {props.children}
      </div>
      <Show when={props.error}>
        <p class="field-error" id={`${props.name}-error`}>
          {props.error}
        </p>
      </Show>
    </fieldset>
  );
}

/** A radio as a selectable card. */
function Choice(props: {
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

function MappingSelect(props: { mapping: Mapping; columns: Column[]; value: string; error?: string; onChange: (v: string) => void }) {
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
      </p>
      <Show when={props.error}>
        <p class="field-error" id={`${id}-error`}>
          {props.error}
        </p>
      </Show>
    </div>
  );
}
