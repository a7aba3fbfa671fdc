import type { ColumnType } from '../connectors/formats/format.js';
import type { ImportEntity, ImportType, StoredColumn } from './import.entity.js';
import { quoteIdent as q, type DataStore, type StageKey, type Statement } from '../storage/data-store.js';

/**
 * The one definition of each import type: what the admin maps (and the column types each mapping accepts), the
 * extra text it asks for, the table's unique key, how a run publishes its staged rows, and which values every row
 * must hold. `ImportService.create` validates by walking it, the `importTypes` query serves it to the admin UI,
 * and the run engine publishes and checks rows by it: change a rule here and all three follow.
 */

/** The input fields of CreateImportInput that name a source column. */
export type MappingKey = 'userIdColumn' | 'timestampColumn' | 'identifierColumn' | 'groupIdColumn' | 'isDeletedColumn';

/** A column the type maps: the input field naming it, whether it is required, and the column types it accepts. */
export interface MappingField {
  key: MappingKey;
  /** Also the subject of its error messages ("Event timestamp column is required for USER_ACTIVITY imports"). */
  label: string;
  required: boolean;
  /** Column types accepted; null accepts any type. */
  types: ColumnType[] | null;
  help: string;
  /** Reject reason of a row whose value is missing (`{column}` is replaced by the source column); none: not checked per row. */
  rowCheck?: string;
}

/** A text input of CreateImportInput the type asks for besides columns (IDENTITY's identifierType). */
export interface TextInputField {
  key: 'identifierType';
  label: string;
  required: boolean;
  /** An ECMAScript regular expression the trimmed value must match (the same in the server and the browser). */
  pattern: string;
  /** The error when the value is missing. */
  requiredMessage: string;
  /** The error when the value does not match `pattern`. */
  patternMessage: string;
  placeholder: string;
  help: string;
}

/** What each import type means for the data table: its unique key, how a run's staged rows are published, and which mapped columns must hold a value. */
export interface ImportTypeRules {
  /** Source columns (by mapping) whose storage columns form the table's unique key. */
  key(imp: ImportEntity): string[];
  /** Mapped columns a row cannot do without (the reject reason names them). */
  required(imp: ImportEntity): { name: string; reason: string }[];
  /** Only files not imported before are read (all but profiles, which are full snapshots). */
  incremental: boolean;
  /**
   * How the run's stage keeps rows: one per key of the data table (the last read, or the newest by a column), so the
   * publish works on as many rows as there are keys whatever the number read; null keeps every row (activity).
   */
  stageKey(imp: ImportEntity): StageKey | null;
  /**
   * Statements that make the staged rows visible and drop the stage, run in one transaction; `emptyTarget` when the
   * data table holds no rows; `stagedRows`: how many rows the run inserted into the stage.
   */
  publish(store: DataStore, imp: ImportEntity, stage: string, emptyTarget: boolean, stagedRows: number): Statement[];
}

/** One import type, whole: what the admin sees and fills in, and the rules the server applies. */
export interface ImportTypeDefinition extends ImportTypeRules {
  type: ImportType;
  label: string;
  description: string;
  /** In the order the form shows them and the server checks them; the user id comes first. */
  mappings: MappingField[];
  textInputs: TextInputField[];
  /** Mapping keys whose columns form the unique key (what `key` returns, by field). */
  keyFields: MappingKey[];
  /** Attribute columns (besides the mapped ones) the import needs at least; the message when fewer are selected. */
  minAttributes: number;
  attributesMessage: string | null;
}

const col = (imp: ImportEntity, name: string | null): StoredColumn => {
  const found = imp.stored.find((s) => s.name === name);
  if (!found) throw new Error(`import ${imp.id} stores no column ${name}`);
  return found;
};
const cols = (imp: ImportEntity) => imp.stored.map((s) => q(s.column)).join(', ');

/** Upsert-merge of staged rows, one per key (a `lastPerKey` table), into the data table: a later run's row replaces the stored one. */
function merge(imp: ImportEntity, source: string, keyCols: string[]): Statement {
  const all = cols(imp);
  const updates = imp.stored.filter((s) => !keyCols.includes(s.column)).map((s) => `${q(s.column)} = excluded.${q(s.column)}`);
  const onConflict = `ON CONFLICT (${keyCols.map(q).join(', ')}) DO ${updates.length ? `UPDATE SET ${updates.join(', ')}` : 'NOTHING'}`;
  // `WHERE true` keeps SQLite from reading ON CONFLICT as part of the SELECT.
  return { sql: `INSERT INTO ${q(imp.dataTable)} (${all}) SELECT ${all} FROM ${q(source)} s WHERE true ${onConflict}` };
}

/**
 * Sets `import.rowCount` inside the publishing transaction to `expression` (SQL over the data table and the stage),
 * so reading the count is a column; each type says what its publish changes, in work proportional to the run.
 */
function setRowCount(imp: ImportEntity, expression: string): Statement {
  return { sql: `UPDATE "import" SET "rowCount" = ${expression} WHERE "id" = ?`, params: [imp.id] };
}

/** Rows of `source` (one per key) whose key (`keyCols`) the data table does not hold yet (`where`: extra conditions on `s`). */
function newKeys(imp: ImportEntity, source: string, keyCols: string[], where = ''): string {
  const match = keyCols.map((k) => `d.${q(k)} = s.${q(k)}`).join(' AND ');
  return `(SELECT COUNT(*) FROM ${q(source)} s WHERE NOT EXISTS (SELECT 1 FROM ${q(imp.dataTable)} d WHERE ${match}) ${where})`;
}

/**
 * Into an empty data table, the one-row-per-key stage becomes the table (its key index with it), as activity's first
 * run does: the first (usually biggest) run is not written twice. `rows` is its table after `lastPerKey`.
 */
function renameInto(imp: ImportEntity, rows: string): Statement[] {
  return [
    setRowCount(imp, `(SELECT COUNT(*) FROM ${q(rows)})`),
    { sql: `DROP TABLE IF EXISTS ${q(imp.dataTable)}` },
    { sql: `ALTER TABLE ${q(rows)} RENAME TO ${q(imp.dataTable)}` },
  ];
}

/** The stage of a type keyed like its data table, the last row read per key winning. */
const lastRowWins = (imp: ImportEntity): StageKey => ({ key: keyColumns(imp), newest: null });

const TIME: ColumnType[] = ['DATE', 'TIMESTAMP'];
const userId = (): MappingField => ({ key: 'userIdColumn', label: 'User id column', required: true, types: null, help: 'The column holding your user id', rowCheck: 'missing user id' });

type Definition = Omit<ImportTypeDefinition, 'key' | 'required'>;

/** Derives the per-import rules (unique key, required values per row) from the definition's fields, so they cannot disagree. */
function define(def: Definition): ImportTypeDefinition {
  const full: ImportTypeDefinition = {
    ...def,
    key: (imp) => full.keyFields.map((k) => imp[k]!),
    required: (imp) =>
      full.mappings.flatMap((m) => (m.rowCheck && imp[m.key] ? [{ name: imp[m.key]!, reason: m.rowCheck.replace('{column}', imp[m.key]!) }] : [])),
  };
  return full;
}

export const IMPORT_TYPES: Record<ImportType, ImportTypeDefinition> = {
  USER_PROFILE: define({
    type: 'USER_PROFILE',
    label: 'User profile data',
    description: 'Static attributes such as demographics, subscription tier or CRM segments, for trait-based cohorts. Each run replaces the whole snapshot.',
    mappings: [userId()],
    textInputs: [],
    keyFields: ['userIdColumn'],
    minAttributes: 1,
    attributesMessage: 'Select at least one attribute column besides the user id for a USER_PROFILE import',
    incremental: false,
    stageKey: lastRowWins,
    // The staged snapshot replaces the old one in one transaction: readers see the old or the new, never a mix.
    publish: (store, imp, stage) => {
      // The new snapshot is what this run just wrote (one row per user): counting it is the run's size, not history's.
      const last = store.lastPerKey(stage, imp.stored, lastRowWins(imp));
      return [...last.statements, ...renameInto(imp, last.table)];
    },
  }),
  USER_ACTIVITY: define({
    type: 'USER_ACTIVITY',
    label: 'User activity data',
    description: 'Time-stamped events such as purchases or content interactions, for time-bound audiences. Each run appends only new files.',
    mappings: [
      userId(),
      { key: 'timestampColumn', label: 'Event timestamp column', required: true, types: TIME, help: 'When the event happened (DATE or TIMESTAMP)', rowCheck: 'missing event timestamp ({column})' },
    ],
    textInputs: [],
    keyFields: [],
    minAttributes: 0,
    attributesMessage: null,
    incremental: true,
    stageKey: () => null,
    // Appending to an empty table is a rename: the first (usually biggest) run is not written twice.
    publish: (_store, imp, stage, emptyTarget, stagedRows) =>
      [
        // Append: the previous count plus the staged rows, as the run counted them while it inserted them (the stage
        // keeps every row): a COUNT(*) of a 2M-row stage was a 100 ms statement on the thread that serves requests.
        { sql: `UPDATE "import" SET "rowCount" = ${emptyTarget ? '0' : '"rowCount"'} + ? WHERE "id" = ?`, params: [stagedRows, imp.id] },
        ...(emptyTarget
          ? [{ sql: `DROP TABLE IF EXISTS ${q(imp.dataTable)}` }, { sql: `ALTER TABLE ${q(stage)} RENAME TO ${q(imp.dataTable)}` }]
          : [{ sql: `INSERT INTO ${q(imp.dataTable)} (${cols(imp)}) SELECT ${cols(imp)} FROM ${q(stage)}` }, { sql: `DROP TABLE ${q(stage)}` }]),
      ],
  }),
  IDENTITY: define({
    type: 'IDENTITY',
    label: 'Identity graph data',
    description: 'Pairs of a user id and another identifier (e.g. a hashed email) to enrich the identity graph. Rows are upserted.',
    mappings: [
      userId(),
      { key: 'identifierColumn', label: 'Identifier column', required: true, types: null, help: 'The other identifier of the user', rowCheck: 'missing identifier ({column})' },
      { key: 'timestampColumn', label: 'Timestamp column', required: false, types: TIME, help: 'When the pair was seen (DATE or TIMESTAMP)' },
    ],
    textInputs: [
      {
        key: 'identifierType',
        label: 'Identifier type',
        required: true,
        pattern: '^[a-z][a-z0-9_]{1,63}$',
        requiredMessage: 'Identifier type is required for IDENTITY imports (e.g. email_sha256)',
        patternMessage: 'Identifier type must be lower-case letters, digits and underscores, e.g. email_sha256',
        placeholder: 'email_sha256',
        help: 'What the identifier is, in lower case, e.g. email_sha256 or crm_id.',
      },
    ],
    keyFields: ['userIdColumn', 'identifierColumn'],
    minAttributes: 0,
    attributesMessage: null,
    incremental: true,
    stageKey: lastRowWins,
    publish: (store, imp, stage, emptyTarget) => {
      const key = keyColumns(imp);
      const last = store.lastPerKey(stage, imp.stored, lastRowWins(imp));
      if (emptyTarget) return [...last.statements, ...renameInto(imp, last.table)];
      return [
        ...last.statements,
        // An upsert adds a row per pair not stored yet (both are required, never null); counted before the merge, through the key's index.
        setRowCount(imp, `"rowCount" + ${newKeys(imp, last.table, key)}`),
        merge(imp, last.table, key),
        { sql: `DROP TABLE ${q(last.table)}` },
      ];
    },
  }),
  GROUP_MEMBERSHIP: define({
    type: 'GROUP_MEMBERSHIP',
    label: 'Group membership data',
    description: 'Which users belong to which group (e.g. households). The newest row per membership wins; rows flagged deleted remove it.',
    mappings: [
      userId(),
      { key: 'groupIdColumn', label: 'Group id column', required: true, types: null, help: 'The group (e.g. household) id', rowCheck: 'missing group id ({column})' },
      { key: 'timestampColumn', label: 'Cursor column', required: true, types: TIME, help: 'Orders updates: the newest row per membership wins (DATE or TIMESTAMP)', rowCheck: 'missing cursor ({column})' },
      { key: 'isDeletedColumn', label: 'Deleted flag column', required: false, types: ['BOOLEAN', 'INTEGER'], help: 'True (or non-zero) removes the membership' },
    ],
    textInputs: [],
    keyFields: ['userIdColumn', 'groupIdColumn'],
    minAttributes: 0,
    attributesMessage: null,
    incremental: true,
    // The newest cursor per membership wins already in the stage (ties: the last row read).
    stageKey: (imp) => ({ key: keyColumns(imp), newest: col(imp, imp.timestampColumn).column }),
    publish: (store, imp, stage, emptyTarget) => {
      const user = q(col(imp, imp.userIdColumn).column);
      const group = q(col(imp, imp.groupIdColumn).column);
      const cursor = q(col(imp, imp.timestampColumn).column);
      const deleted = imp.isDeletedColumn ? q(col(imp, imp.isDeletedColumn).column) : null;
      const last = store.lastPerKey(stage, imp.stored, IMPORT_TYPES.GROUP_MEMBERSHIP.stageKey(imp)!);
      const latest = last.table;
      const isDeleted = deleted ? (store.dialect === 'postgres' ? `COALESCE(${deleted}, false)` : `COALESCE(${deleted}, 0) <> 0`) : 'false';
      const notDeleted = deleted ? `AND NOT (${isDeleted})` : '';
      // Into an empty table: the newest rows per membership, less the deleted ones, are the table.
      if (emptyTarget) return [...last.statements, ...(deleted ? [{ sql: `DELETE FROM ${q(latest)} WHERE ${isDeleted}` }] : []), ...renameInto(imp, latest)];
      // The newest row per membership decides: a newer cursor wins; is_deleted removes the membership.
      return [
        ...last.statements,
        // Before the upsert and delete: + new memberships that are not deleted, − stored ones a newer deleted row removes.
        setRowCount(
          imp,
          `"rowCount" + ${newKeys(imp, latest, [col(imp, imp.userIdColumn).column, col(imp, imp.groupIdColumn).column], deleted ? `AND NOT (${isDeleted.replace(deleted, `s.${deleted}`)})` : '')}` +
            (deleted
              ? ` - (SELECT COUNT(*) FROM ${q(imp.dataTable)} d WHERE EXISTS (SELECT 1 FROM ${q(latest)} l WHERE ${isDeleted.replace(deleted, `l.${deleted}`)} AND l.${user} = d.${user} AND l.${group} = d.${group} AND l.${cursor} >= d.${cursor}))`
              : ''),
        ),
        {
          sql: `INSERT INTO ${q(imp.dataTable)} (${cols(imp)}) SELECT ${cols(imp)} FROM ${q(latest)} s WHERE true ${notDeleted} ON CONFLICT (${user}, ${group}) DO UPDATE SET ${imp.stored
            .filter((s) => q(s.column) !== user && q(s.column) !== group)
            .map((s) => `${q(s.column)} = excluded.${q(s.column)}`)
            .join(', ')} WHERE excluded.${cursor} >= ${q(imp.dataTable)}.${cursor}`,
        },
        ...(deleted
          ? [{ sql: `DELETE FROM ${q(imp.dataTable)} WHERE EXISTS (SELECT 1 FROM ${q(latest)} l WHERE ${isDeleted.replace(deleted, `l.${deleted}`)} AND l.${user} = ${q(imp.dataTable)}.${user} AND l.${group} = ${q(imp.dataTable)}.${group} AND l.${cursor} >= ${q(imp.dataTable)}.${cursor})` }]
          : []),
        { sql: `DROP TABLE ${q(latest)}` },
      ];
    },
  }),
};

/** Storage key columns of an import. */
export function keyColumns(imp: ImportEntity): string[] {
  return IMPORT_TYPES[imp.type].key(imp).map((name) => col(imp, name).column);
}
