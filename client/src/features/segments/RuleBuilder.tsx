import { For, Index, Match, Show, Switch } from 'solid-js';
import type { ColumnType, ConditionOperator, SegmentBuilderDataQuery } from '../../gql/graphql';
import { FieldError } from '../../lib/ui';

/**
 * The segment rule builder: a tree of all / any / not over profile, activity, group and identity conditions. It
 * offers each import's stored columns with their types and only the operators that fit the type (from the server's
 * `segmentOperators`), and turns typed inputs into values of the column's type. The rule is a plain object (the
 * `SegmentRuleInput` shape); every edit hands a new one up. Lists use <Index> so editing keeps the focus.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Rule = Record<string, any>;
/** What the builder offers: the imports (the newest 50: the query cost limit with their columns) as a plain list, and the event types. */
export type BuilderData = Omit<SegmentBuilderDataQuery, 'imports'> & { imports: SegmentBuilderDataQuery['imports']['edges'][number]['node'][] };

type Kind = 'all' | 'any' | 'not' | 'profile' | 'activity' | 'group' | 'identity';
const KINDS: { kind: Kind; label: string }[] = [
  { kind: 'all', label: 'All of' },
  { kind: 'any', label: 'Any of' },
  { kind: 'not', label: 'Not' },
  { kind: 'profile', label: 'Profile attribute' },
  { kind: 'activity', label: 'Activity or events' },
  { kind: 'group', label: 'Group membership' },
  { kind: 'identity', label: 'Has an identifier' },
];

const OPERATOR_LABEL: Record<ConditionOperator, string> = {
  EQ: 'equals', NEQ: 'does not equal', IN: 'is one of', NOT_IN: 'is none of', GT: 'greater than', GTE: 'at least', LT: 'less than', LTE: 'at most',
  BETWEEN: 'between', CONTAINS: 'contains', STARTS_WITH: 'starts with', IS_NULL: 'is empty', IS_NOT_NULL: 'is not empty',
};

export const kindOf = (rule: Rule): Kind => (Object.keys(rule).find((k) => KINDS.some((x) => x.kind === k)) as Kind) ?? 'profile';

/** A new node of a kind, with the first fitting import and column chosen. */
export function emptyNode(kind: Kind, data: BuilderData): Rule {
  const first = (type: string) => data.imports.find((i) => i.type === type);
  switch (kind) {
    case 'all':
    case 'any':
      return { [kind]: [emptyNode('profile', data)] };
    case 'not':
      return { not: emptyNode('profile', data) };
    case 'profile': {
      const imp = first('USER_PROFILE');
      const column = imp?.storedColumns[1] ?? imp?.storedColumns[0];
      return { profile: { importId: imp?.id ?? '', column: column?.name ?? '', operator: 'IS_NOT_NULL' } };
    }
    case 'activity': {
      const imp = first('USER_ACTIVITY');
      return { activity: imp ? { importId: imp.id, aggregate: 'COUNT', operator: 'GTE', value: 1, lastDays: 30 } : { eventType: data.eventTypes[0]?.name ?? '', aggregate: 'COUNT', operator: 'GTE', value: 1, lastDays: 30 } };
    }
    case 'group':
      return { group: { importId: first('GROUP_MEMBERSHIP')?.id ?? '', groupIds: [] } };
    case 'identity':
      return { identity: { tag: data.imports.find((i) => i.type === 'IDENTITY')?.identifierType ?? '' } };
  }
}

function operatorsFor(data: BuilderData, type: ColumnType | undefined): ConditionOperator[] {
  return data.segmentOperators.find((o) => o.type === type)?.operators ?? [];
}

/** A typed value from what a person typed, as the column's type wants it. */
function typed(type: ColumnType | undefined, text: string): unknown {
  if (type === 'INTEGER' || type === 'FLOAT') return text.trim() === '' ? text : Number(text);
  if (type === 'BOOLEAN') return text === 'true';
  if (type === 'TIMESTAMP') return text && !Number.isNaN(Date.parse(text)) ? new Date(text.length <= 16 ? `${text}:00Z` : text).toISOString() : text;
  return text;
}
function shown(type: ColumnType | undefined, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (type === 'TIMESTAMP' && typeof value === 'string') return value.slice(0, 16);
  return String(value);
}
const inputType = (type: ColumnType | undefined) => (type === 'INTEGER' || type === 'FLOAT' ? 'number' : type === 'DATE' ? 'date' : type === 'TIMESTAMP' ? 'datetime-local' : 'text');

/** The value inputs an operator needs: none, one, two (BETWEEN) or a comma-separated list (IN / NOT_IN). */
function ValuesInput(props: { type: ColumnType | undefined; operator: ConditionOperator; values: unknown[] | undefined; onChange: (v: unknown[] | undefined) => void; label: string }) {
  const values = () => props.values ?? [];
  return (
    <Switch
      fallback={
        <Show
          when={props.type === 'BOOLEAN'}
          fallback={<input aria-label={props.label} type={inputType(props.type)} step="any" value={shown(props.type, values()[0])} onInput={(e) => props.onChange([typed(props.type, e.currentTarget.value)])} />}
        >
          <select aria-label={props.label} onChange={(e) => props.onChange([e.currentTarget.value === 'true'])}>
            <option value="true" selected={values()[0] === true}>true</option>
            <option value="false" selected={values()[0] === false}>false</option>
          </select>
        </Show>
      }
    >
      <Match when={props.operator === 'IS_NULL' || props.operator === 'IS_NOT_NULL'}>{null}</Match>
      <Match when={props.operator === 'IN' || props.operator === 'NOT_IN'}>
        <input
          aria-label={`${props.label} (comma-separated)`}
          placeholder="a, b, c"
          value={values().map((v) => shown(props.type, v)).join(', ')}
          onChange={(e) => props.onChange(e.currentTarget.value.split(',').map((s) => s.trim()).filter(Boolean).map((s) => typed(props.type, s)))}
        />
      </Match>
      <Match when={props.operator === 'BETWEEN'}>
        <input aria-label={`${props.label} from`} type={inputType(props.type)} step="any" value={shown(props.type, values()[0])} onInput={(e) => props.onChange([typed(props.type, e.currentTarget.value), values()[1]])} />
        <span class="muted">and</span>
        <input aria-label={`${props.label} to`} type={inputType(props.type)} step="any" value={shown(props.type, values()[1])} onInput={(e) => props.onChange([values()[0], typed(props.type, e.currentTarget.value)])} />
      </Match>
    </Switch>
  );
}

/** An operator select offering only the operators that fit the type; changing it keeps fitting values. */
function OperatorSelect(props: { operators: ConditionOperator[]; value: ConditionOperator; onChange: (op: ConditionOperator) => void; label: string }) {
  return (
    <select aria-label={props.label} onChange={(e) => props.onChange(e.currentTarget.value as ConditionOperator)}>
      <For each={props.operators}>{(op) => <option value={op} selected={op === props.value}>{OPERATOR_LABEL[op]}</option>}</For>
    </select>
  );
}

function withValuesFor(op: ConditionOperator, values: unknown[] | undefined): unknown[] | undefined {
  if (op === 'IS_NULL' || op === 'IS_NOT_NULL') return undefined;
  const list = values ?? [];
  if (op === 'BETWEEN') return [list[0], list[1]];
  if (op === 'IN' || op === 'NOT_IN') return list;
  return list.slice(0, 1);
}

type FieldErrors = () => { field: string; message: string }[];

export function RuleNode(props: { rule: Rule; data: BuilderData; onChange: (rule: Rule) => void; onRemove?: () => void; path: string; depth: number; errors?: FieldErrors }) {
  const kind = () => kindOf(props.rule);
  const body = () => props.rule[kind()];
  const set = (patch: Record<string, unknown>) => props.onChange({ [kind()]: { ...body(), ...patch } });
  const group = () => kind() === 'all' || kind() === 'any' || kind() === 'not';
  // The server names the path of what is wrong (rule.all.1.profile.values): a condition shows every message under its
  // path, a group only its own (its children show theirs).
  const mine = () =>
    (props.errors?.() ?? []).filter((e) => e.field === props.path || (group() ? e.field === `${props.path}.${kind()}` : e.field.startsWith(`${props.path}.`)));
  const errorId = () => `rule-error-${props.path.replace(/\./g, '-')}`;
  return (
    <div
      class={`rule-node rule-${kind()}`}
      classList={{ 'rule-invalid': mine().length > 0 }}
      data-path={props.path}
      style={{ 'margin-left': props.depth ? '1.25rem' : '0' }}
      role={mine().length ? 'group' : undefined}
      aria-invalid={mine().length ? 'true' : undefined}
      aria-describedby={mine().length ? errorId() : undefined}
    >
      <div class="rule-row">
        <select aria-label="Condition kind" onChange={(e) => props.onChange(emptyNode(e.currentTarget.value as Kind, props.data))}>
          <For each={KINDS}>{(k) => <option value={k.kind} selected={k.kind === kind()}>{k.label}</option>}</For>
        </select>
        <Switch>
          <Match when={kind() === 'profile'}>
            <ProfileEditor body={body()} data={props.data} set={set} />
          </Match>
          <Match when={kind() === 'activity'}>
            <ActivityEditor body={body()} data={props.data} set={set} />
          </Match>
          <Match when={kind() === 'group'}>
            <select aria-label="Group import" onChange={(e) => set({ importId: e.currentTarget.value })}>
              <For each={props.data.imports.filter((i) => i.type === 'GROUP_MEMBERSHIP')}>{(i) => <option value={i.id} selected={i.id === body().importId}>{i.name}</option>}</For>
            </select>
            <input aria-label="Group ids (comma-separated)" placeholder="group ids, comma-separated" value={(body().groupIds ?? []).join(', ')}
              onChange={(e) => set({ groupIds: e.currentTarget.value.split(',').map((s) => s.trim()).filter(Boolean) })} />
          </Match>
          <Match when={kind() === 'identity'}>
            <input aria-label="Identifier tag" list="identity-tags" placeholder="email_sha256" value={body().tag ?? ''} onInput={(e) => set({ tag: e.currentTarget.value })} />
            <datalist id="identity-tags">
              <For each={[...new Set(props.data.imports.filter((i) => i.type === 'IDENTITY').map((i) => i.identifierType).filter(Boolean))]}>{(t) => <option value={t!} />}</For>
            </datalist>
          </Match>
        </Switch>
        <Show when={props.onRemove}>
          <button type="button" class="btn btn-ghost btn-small" aria-label="Remove condition" onClick={() => props.onRemove!()}>Remove</button>
        </Show>
      </div>
      <FieldError id={errorId()} message={mine().map((e) => e.message).join(' ')} />
      <Switch>
        <Match when={kind() === 'all' || kind() === 'any'}>
          <Index each={body() as Rule[]}>
            {(child, i) => (
              <RuleNode
                rule={child()}
                data={props.data}
                path={`${props.path}.${kind()}.${i}`}
                depth={props.depth + 1}
                errors={props.errors}
                onChange={(next) => props.onChange({ [kind()]: (body() as Rule[]).map((c, j) => (j === i ? next : c)) })}
                onRemove={(body() as Rule[]).length > 1 ? () => props.onChange({ [kind()]: (body() as Rule[]).filter((_, j) => j !== i) }) : undefined}
              />
            )}
          </Index>
          <div class="rule-row" style={{ 'margin-left': '1.25rem' }}>
            <button type="button" class="btn btn-small" onClick={() => props.onChange({ [kind()]: [...(body() as Rule[]), emptyNode('profile', props.data)] })}>Add condition</button>
            <button type="button" class="btn btn-small" onClick={() => props.onChange({ [kind()]: [...(body() as Rule[]), emptyNode(kind() === 'all' ? 'any' : 'all', props.data)] })}>Add group</button>
          </div>
        </Match>
        <Match when={kind() === 'not'}>
          <RuleNode rule={body() as Rule} data={props.data} path={`${props.path}.not`} depth={props.depth + 1} errors={props.errors} onChange={(next) => props.onChange({ not: next })} />
        </Match>
      </Switch>
    </div>
  );
}

function ProfileEditor(props: { body: Rule; data: BuilderData; set: (patch: Record<string, unknown>) => void }) {
  const imports = () => props.data.imports.filter((i) => i.type === 'USER_PROFILE');
  const imp = () => imports().find((i) => i.id === props.body.importId);
  const column = () => imp()?.storedColumns.find((c) => c.name === props.body.column);
  const operators = () => operatorsFor(props.data, column()?.type);
  return (
    <>
      <select aria-label="Profile import" onChange={(e) => props.set({ importId: e.currentTarget.value, column: '' })}>
        <option value="">Choose an import</option>
        <For each={imports()}>{(i) => <option value={i.id} selected={i.id === props.body.importId}>{i.name}</option>}</For>
      </select>
      <select aria-label="Column" onChange={(e) => {
        const type = imp()?.storedColumns.find((c) => c.name === e.currentTarget.value)?.type;
        const ops = operatorsFor(props.data, type);
        const op = ops.includes(props.body.operator) ? props.body.operator : (ops.includes('EQ') ? 'EQ' : ops[0]);
        props.set({ column: e.currentTarget.value, operator: op, values: withValuesFor(op, []) });
      }}>
        <option value="">Choose a column</option>
        <For each={imp()?.storedColumns ?? []}>{(c) => <option value={c.name} selected={c.name === props.body.column}>{c.name} ({c.type})</option>}</For>
      </select>
      <OperatorSelect label="Operator" operators={operators()} value={props.body.operator} onChange={(op) => props.set({ operator: op, values: withValuesFor(op, props.body.values) })} />
      <ValuesInput label="Value" type={column()?.type} operator={props.body.operator} values={props.body.values} onChange={(values) => props.set({ values })} />
    </>
  );
}

function ActivityEditor(props: { body: Rule; data: BuilderData; set: (patch: Record<string, unknown>) => void }) {
  const imports = () => props.data.imports.filter((i) => i.type === 'USER_ACTIVITY');
  const source = () => (props.body.importId ? `import:${props.body.importId}` : `event:${props.body.eventType ?? ''}`);
  const imp = () => imports().find((i) => i.id === props.body.importId);
  const eventType = () => props.data.eventTypes.find((t) => t.name === props.body.eventType);
  /** The filterable fields of the source with their types: an import's columns, or an event type's single-typed properties. */
  const fields = (): { name: string; type: ColumnType }[] => {
    if (imp()) return imp()!.storedColumns.map((c) => ({ name: c.name, type: c.type }));
    const map: Record<string, ColumnType> = { string: 'STRING', number: 'FLOAT', boolean: 'BOOLEAN' };
    return (eventType()?.properties ?? []).filter((p) => p.types.filter((t) => t !== 'null').length === 1 && map[p.types.find((t) => t !== 'null')!]).map((p) => ({ name: p.path, type: map[p.types.find((t) => t !== 'null')!]! }));
  };
  const numeric = () => fields().filter((f) => f.type === 'INTEGER' || f.type === 'FLOAT');
  const filters = () => (props.body.where ?? []) as Rule[];
  const window = () => (props.body.lastDays != null ? 'days' : 'range');
  return (
    <div class="rule-activity">
      <div class="rule-row">
        <select aria-label="Activity source" onChange={(e) => {
          const [kind, value] = e.currentTarget.value.split(/:(.*)/);
          props.set(kind === 'import' ? { importId: value, eventType: undefined, where: undefined, sumColumn: undefined } : { eventType: value, importId: undefined, where: undefined, sumColumn: undefined });
        }}>
          <For each={imports()}>{(i) => <option value={`import:${i.id}`} selected={source() === `import:${i.id}`}>{i.name} (import)</option>}</For>
          <For each={props.data.eventTypes}>{(t) => <option value={`event:${t.name}`} selected={source() === `event:${t.name}`}>{t.name} (events)</option>}</For>
        </select>
        <select aria-label="Aggregate" onChange={(e) => props.set({ aggregate: e.currentTarget.value, sumColumn: e.currentTarget.value === 'SUM' ? numeric()[0]?.name : undefined, value: props.body.value })}>
          <option value="COUNT" selected={props.body.aggregate === 'COUNT'}>count</option>
          <option value="SUM" selected={props.body.aggregate === 'SUM'}>sum of</option>
        </select>
        <Show when={props.body.aggregate === 'SUM'}>
          <select aria-label="Sum column" onChange={(e) => props.set({ sumColumn: e.currentTarget.value })}>
            <For each={numeric()}>{(f) => <option value={f.name} selected={f.name === props.body.sumColumn}>{f.name}</option>}</For>
          </select>
        </Show>
        <OperatorSelect label="Comparison" operators={props.data.aggregateOperators} value={props.body.operator} onChange={(op) => props.set({ operator: op })} />
        <input aria-label="Aggregate value" type="number" step="any" value={props.body.value ?? ''} onInput={(e) => props.set({ value: Number(e.currentTarget.value) })} style={{ width: '6rem' }} />
      </div>
      <div class="rule-row">
        <select aria-label="Time window" onChange={(e) => props.set(e.currentTarget.value === 'days' ? { lastDays: 30, from: undefined, to: undefined } : { lastDays: undefined, from: new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10) + 'T00:00:00.000Z', to: new Date().toISOString().slice(0, 10) + 'T00:00:00.000Z' })}>
          <option value="days" selected={window() === 'days'}>in the last</option>
          <option value="range" selected={window() === 'range'}>between</option>
        </select>
        <Show when={window() === 'days'} fallback={
          <>
            <input aria-label="From" type="datetime-local" value={shown('TIMESTAMP', props.body.from)} onInput={(e) => props.set({ from: typed('TIMESTAMP', e.currentTarget.value) })} />
            <input aria-label="To" type="datetime-local" value={shown('TIMESTAMP', props.body.to)} onInput={(e) => props.set({ to: typed('TIMESTAMP', e.currentTarget.value) })} />
          </>
        }>
          <input aria-label="Days" type="number" min="1" max="365" value={props.body.lastDays} onInput={(e) => props.set({ lastDays: Number(e.currentTarget.value) })} style={{ width: '5rem' }} />
          <span class="muted">days</span>
        </Show>
      </div>
      <Index each={filters()}>
        {(f, i) => {
          const type = () => fields().find((x) => x.name === f().column)?.type;
          const update = (patch: Rule) => props.set({ where: filters().map((x, j) => (j === i ? { ...x, ...patch } : x)) });
          return (
            <div class="rule-row" style={{ 'margin-left': '1.25rem' }}>
              <span class="muted">where</span>
              <select aria-label="Filter field" onChange={(e) => {
                const t = fields().find((x) => x.name === e.currentTarget.value)?.type;
                const ops = operatorsFor(props.data, t);
                const op = ops.includes('EQ') ? 'EQ' : ops[0]!;
                update({ column: e.currentTarget.value, operator: op, values: withValuesFor(op, []) });
              }}>
                <For each={fields()}>{(x) => <option value={x.name} selected={x.name === f().column}>{x.name} ({x.type})</option>}</For>
              </select>
              <OperatorSelect label="Filter operator" operators={operatorsFor(props.data, type())} value={f().operator} onChange={(op) => update({ operator: op, values: withValuesFor(op, f().values) })} />
              <ValuesInput label="Filter value" type={type()} operator={f().operator} values={f().values} onChange={(values) => update({ values })} />
              <button type="button" class="btn btn-ghost btn-small" onClick={() => props.set({ where: filters().filter((_, j) => j !== i) })}>Remove</button>
            </div>
          );
        }}
      </Index>
      <div class="rule-row" style={{ 'margin-left': '1.25rem' }}>
        <button type="button" class="btn btn-small" disabled={!fields().length} onClick={() => {
          const first = fields()[0]!;
          const ops = operatorsFor(props.data, first.type);
          props.set({ where: [...filters(), { column: first.name, operator: ops.includes('EQ') ? 'EQ' : ops[0], values: [] }] });
        }}>Add filter</button>
      </div>
    </div>
  );
}
