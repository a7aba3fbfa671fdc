import type { SetStoreFunction } from 'solid-js/store';
import type { CreateImportInput, ImportType } from '../../../gql/graphql';
import type { ImportTypeDef } from '../importTypes';

/**
 * The Create import wizard's state and the glue between its steps: the draft, which step owns an input field the
 * server names in `extensions.field`, the checks made before Next (each one read from the served type definition,
 * none written here), and the createImport input built from the draft.
 */

export const STEPS = ['Connection', 'Table', 'Import type', 'Columns', 'Name and schedule'];

export interface Draft {
  connectionId: string;
  table: string;
  type: ImportType | '';
  /** Mapping key (userIdColumn, timestampColumn…) → chosen source column. */
  mappings: Record<string, string>;
  /** Text input key (identifierType) → value. */
  texts: Record<string, string>;
  attributes: string[];
  name: string;
  scheduleMode: 'auto' | 'daily' | 'manual';
  time: string;
  threshold: string;
}

export type Errors = Record<string, string | undefined>;

/** What every step component receives: the draft, its errors, and setters that clear a field's error as it changes. */
export interface StepProps {
  draft: Draft;
  setDraft: SetStoreFunction<Draft>;
  errors: Errors;
  /** Sets a draft value and clears the error shown for `errorKey` (default: the same key). */
  pick<K extends keyof Draft>(key: K, value: Draft[K], errorKey?: string): void;
  clearError(key: string): void;
}

/** The wizard step owning a field the server named (`input.timestampColumn`, `columns.1`…), and the field's key there. */
export function stepOfField(field: string, types: readonly ImportTypeDef[]): { step: number; key: string } {
  const key = field.replace(/^input\./, '').split('.')[0]!;
  if (key === 'connectionId') return { step: 1, key };
  if (key === 'table') return { step: 2, key };
  if (key === 'type') return { step: 3, key };
  const typeFields = new Set(types.flatMap((t) => [...t.mappings.map((m) => m.key), ...t.textInputs.map((i) => i.key)]));
  if (key === 'columns' || typeFields.has(key)) return { step: 4, key };
  return { step: 5, key };
}

/** Attributes selected that are not mapped (mapped columns are stored anyway) and exist in the table. */
export function attributesOf(draft: Draft, def: ImportTypeDef | undefined, tableColumns: readonly string[]): string[] {
  const mapped = new Set(def?.mappings.map((m) => draft.mappings[m.key]).filter(Boolean));
  return draft.attributes.filter((a) => !mapped.has(a) && tableColumns.includes(a));
}

/** Errors to show before going on from step `n`: what the type definition marks required, its patterns, and plain choices. */
export function checkStep(n: number, draft: Draft, def: ImportTypeDef | undefined, attributes: string[]): Record<string, string> {
  const e: Record<string, string> = {};
  if (n === 1 && !draft.connectionId) e.connectionId = 'Choose a connection.';
  if (n === 2 && !draft.table) e.table = 'Choose a table.';
  if (n === 3 && !draft.type) e.type = 'Choose an import type.';
  if (n === 4 && def) {
    for (const m of def.mappings) if (m.required && !draft.mappings[m.key]) e[m.key] = `${m.label} is required.`;
    for (const t of def.textInputs) {
      const value = draft.texts[t.key]?.trim() ?? '';
      if (!value) {
        if (t.required) e[t.key] = t.requiredMessage;
      } else if (!new RegExp(t.pattern).test(value)) e[t.key] = t.patternMessage;
    }
    if (attributes.length < def.minAttributes) e.columns = def.attributesMessage ?? `Select at least ${def.minAttributes} attribute columns.`;
  }
  if (n === 5) {
    if (!draft.name.trim()) e.name = 'Name is required.';
    if (draft.scheduleMode === 'daily' && !/^([01]\d|2[0-3]):[0-5]\d$/.test(draft.time)) e.schedule = 'Enter a time as HH:MM (UTC).';
    const t = Number(draft.threshold);
    if (draft.threshold.trim() === '' || !(t >= 0 && t <= 100)) e.rejectThreshold = 'Enter a percentage between 0 and 100.';
  }
  return e;
}

/** The createImport input: the mappings and text values the type definition lists, nothing else. */
export function buildInput(draft: Draft, def: ImportTypeDef, attributes: string[]): CreateImportInput {
  const input: Record<string, unknown> = {
    connectionId: draft.connectionId,
    name: draft.name.trim(),
    table: draft.table,
    type: def.type,
    columns: attributes,
    userIdColumn: draft.mappings.userIdColumn ?? '',
    schedule: draft.scheduleMode === 'manual' ? 'manual' : draft.scheduleMode === 'daily' ? `daily@${draft.time}` : null,
    rejectThreshold: Number(draft.threshold) / 100,
  };
  for (const m of def.mappings) if (draft.mappings[m.key]) input[m.key] = draft.mappings[m.key];
  for (const t of def.textInputs) if (draft.texts[t.key]?.trim()) input[t.key] = draft.texts[t.key]!.trim();
  return input as unknown as CreateImportInput;
}
