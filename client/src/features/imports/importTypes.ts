import type { ColumnType, CreateImportInput, ImportType } from '../../gql/graphql';

/** A column an import type maps (user id, timestamp…), with the column types the server accepts for it. */
export interface Mapping {
  key: 'userIdColumn' | 'timestampColumn' | 'identifierColumn' | 'groupIdColumn' | 'isDeletedColumn';
  label: string;
  required: boolean;
  types?: ColumnType[];
  help: string;
}

export interface ImportTypeInfo {
  label: string;
  description: string;
  mappings: Mapping[];
  identifierType: boolean;
  /** USER_PROFILE needs at least one attribute besides the user id. */
  needsAttributes: boolean;
}

const TIME: ColumnType[] = ['DATE', 'TIMESTAMP'];
const userId: Mapping = { key: 'userIdColumn', label: 'User id column', required: true, help: 'The column holding your user id' };

/** What each import type asks for; the server checks the same rules (CreateImportInput). */
export const IMPORT_TYPES: Record<ImportType, ImportTypeInfo> = {
  USER_PROFILE: {
    label: 'User profile data',
    description: 'Static attributes such as demographics, subscription tier or CRM segments, for trait-based cohorts. Each run replaces the whole snapshot.',
    mappings: [userId],
    identifierType: false,
    needsAttributes: true,
  },
  USER_ACTIVITY: {
    label: 'User activity data',
    description: 'Time-stamped events such as purchases or content interactions, for time-bound audiences. Each run appends only new files.',
    mappings: [userId, { key: 'timestampColumn', label: 'Event timestamp column', required: true, types: TIME, help: 'When the event happened (DATE or TIMESTAMP)' }],
    identifierType: false,
    needsAttributes: false,
  },
  IDENTITY: {
    label: 'Identity graph data',
    description: 'Pairs of a user id and another identifier (e.g. a hashed email) to enrich the identity graph. Rows are upserted.',
    mappings: [
      userId,
      { key: 'identifierColumn', label: 'Identifier column', required: true, help: 'The other identifier of the user' },
      { key: 'timestampColumn', label: 'Timestamp column', required: false, types: TIME, help: 'When the pair was seen (DATE or TIMESTAMP)' },
    ],
    identifierType: true,
    needsAttributes: false,
  },
  GROUP_MEMBERSHIP: {
    label: 'Group membership data',
    description: 'Which users belong to which group (e.g. households). The newest row per membership wins; rows flagged deleted remove it.',
    mappings: [
      userId,
      { key: 'groupIdColumn', label: 'Group id column', required: true, help: 'The group (e.g. household) id' },
      { key: 'timestampColumn', label: 'Cursor column', required: true, types: TIME, help: 'Orders updates: the newest row per membership wins (DATE or TIMESTAMP)' },
      { key: 'isDeletedColumn', label: 'Deleted flag column', required: false, types: ['BOOLEAN', 'INTEGER'], help: 'True (or non-zero) removes the membership' },
    ],
    identifierType: false,
    needsAttributes: false,
  },
};

export const IMPORT_TYPE_IDS = Object.keys(IMPORT_TYPES) as ImportType[];

/** Which wizard step owns an input field the server names in `extensions.field`. */
export function stepOfField(field: string): { step: number; key: string } {
  const key = field.replace(/^input\./, '').split('.')[0] as keyof CreateImportInput | string;
  if (key === 'connectionId') return { step: 1, key };
  if (key === 'table') return { step: 2, key };
  if (key === 'type') return { step: 3, key };
  if (['userIdColumn', 'timestampColumn', 'identifierColumn', 'identifierType', 'groupIdColumn', 'isDeletedColumn', 'columns'].includes(key)) return { step: 4, key };
  return { step: 5, key };
}
