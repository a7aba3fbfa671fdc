import type { ImportEntity, ImportType, StoredColumn } from './import.entity.js';
import { quoteIdent as q, type DataStore, type Statement } from './data-store.js';

/**
 * What each import type means for the data table, in one place: its unique key, how a run's staged rows are
 * published, and which mapped columns must hold a value.
 */
export interface ImportTypeRules {
  /** Source columns (by mapping) whose storage columns form the table's unique key. */
  key(imp: ImportEntity): string[];
  /** Mapped columns a row cannot do without (the reject reason names them). */
  required(imp: ImportEntity): { name: string; reason: string }[];
  /** Only files not imported before are read (all but profiles, which are full snapshots). */
  incremental: boolean;
  /** Staging keeps the last row per key while loading (profiles). */
  stageKeyed: boolean;
  /** Statements that make the staged rows visible and drop the stage, run in one transaction; `emptyTarget` when the data table holds no rows. */
  publish(store: DataStore, imp: ImportEntity, stage: string, emptyTarget: boolean): Statement[];
}

const col = (imp: ImportEntity, name: string | null): StoredColumn => {
  const found = imp.stored.find((s) => s.name === name);
  if (!found) throw new Error(`import ${imp.id} stores no column ${name}`);
  return found;
};
const cols = (imp: ImportEntity) => imp.stored.map((s) => q(s.column)).join(', ');

/** Upsert-merge of staged rows into the data table; PostgreSQL needs one row per key per statement. */
function merge(store: DataStore, imp: ImportEntity, source: string, keyCols: string[], where = ''): Statement {
  const all = cols(imp);
  const updates = imp.stored.filter((s) => !keyCols.includes(s.column)).map((s) => `${q(s.column)} = excluded.${q(s.column)}`);
  const onConflict = `ON CONFLICT (${keyCols.map(q).join(', ')}) DO ${updates.length ? `UPDATE SET ${updates.join(', ')}` : 'NOTHING'}`;
  const from =
    store.dialect === 'postgres'
      ? `(SELECT DISTINCT ON (${keyCols.map(q).join(', ')}) * FROM ${q(source)} ORDER BY ${keyCols.map(q).join(', ')}, ctid DESC) s`
      : `${q(source)} s`;
  // `WHERE true` keeps SQLite from reading ON CONFLICT as part of the SELECT.
  return { sql: `INSERT INTO ${q(imp.dataTable)} (${all}) SELECT ${all} FROM ${from} WHERE true ${where} ${onConflict}` };
}

export const IMPORT_TYPES: Record<ImportType, ImportTypeRules> = {
  USER_PROFILE: {
    key: (imp) => [imp.userIdColumn],
    required: (imp) => [{ name: imp.userIdColumn, reason: 'missing user id' }],
    incremental: false,
    stageKeyed: true,
    // The staged snapshot replaces the old one in one transaction: readers see the old or the new, never a mix.
    publish: (_store, imp, stage) => [
      { sql: `DROP TABLE IF EXISTS ${q(imp.dataTable)}` },
      { sql: `ALTER TABLE ${q(stage)} RENAME TO ${q(imp.dataTable)}` },
    ],
  },
  USER_ACTIVITY: {
    key: () => [],
    required: (imp) => [
      { name: imp.userIdColumn, reason: 'missing user id' },
      { name: imp.timestampColumn!, reason: `missing event timestamp (${imp.timestampColumn})` },
    ],
    incremental: true,
    stageKeyed: false,
    // Appending to an empty table is a rename: the first (usually biggest) run is not written twice.
    publish: (_store, imp, stage, emptyTarget) =>
      emptyTarget
        ? [{ sql: `DROP TABLE IF EXISTS ${q(imp.dataTable)}` }, { sql: `ALTER TABLE ${q(stage)} RENAME TO ${q(imp.dataTable)}` }]
        : [{ sql: `INSERT INTO ${q(imp.dataTable)} (${cols(imp)}) SELECT ${cols(imp)} FROM ${q(stage)}` }, { sql: `DROP TABLE ${q(stage)}` }],
  },
  IDENTITY: {
    key: (imp) => [imp.userIdColumn, imp.identifierColumn!],
    required: (imp) => [
      { name: imp.userIdColumn, reason: 'missing user id' },
      { name: imp.identifierColumn!, reason: `missing identifier (${imp.identifierColumn})` },
    ],
    incremental: true,
    stageKeyed: false,
    publish: (store, imp, stage) => [
      merge(store, imp, stage, [col(imp, imp.userIdColumn).column, col(imp, imp.identifierColumn).column]),
      { sql: `DROP TABLE ${q(stage)}` },
    ],
  },
  GROUP_MEMBERSHIP: {
    key: (imp) => [imp.userIdColumn, imp.groupIdColumn!],
    required: (imp) => [
      { name: imp.userIdColumn, reason: 'missing user id' },
      { name: imp.groupIdColumn!, reason: `missing group id (${imp.groupIdColumn})` },
      { name: imp.timestampColumn!, reason: `missing cursor (${imp.timestampColumn})` },
    ],
    incremental: true,
    stageKeyed: false,
    publish: (store, imp, stage) => {
      const user = q(col(imp, imp.userIdColumn).column);
      const group = q(col(imp, imp.groupIdColumn).column);
      const cursor = q(col(imp, imp.timestampColumn).column);
      const deleted = imp.isDeletedColumn ? q(col(imp, imp.isDeletedColumn).column) : null;
      const latest = `${stage}_latest`;
      const tiebreak = store.dialect === 'postgres' ? 'ctid' : 'rowid';
      const isDeleted = deleted ? (store.dialect === 'postgres' ? `COALESCE(${deleted}, false)` : `COALESCE(${deleted}, 0) <> 0`) : 'false';
      const notDeleted = deleted ? `AND NOT (${isDeleted})` : '';
      // The newest row per membership decides: a newer cursor wins; is_deleted removes the membership.
      return [
        {
          sql: `CREATE TABLE ${q(latest)} AS SELECT ${cols(imp)} FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY ${user}, ${group} ORDER BY ${cursor} DESC, ${tiebreak} DESC) AS _n FROM ${q(stage)}) t WHERE _n = 1`,
        },
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
        { sql: `DROP TABLE ${q(stage)}` },
      ];
    },
  },
};

/** Storage key columns of an import. */
export function keyColumns(imp: ImportEntity): string[] {
  return IMPORT_TYPES[imp.type].key(imp).map((name) => col(imp, name).column);
}
