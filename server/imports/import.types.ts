import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ColumnType, ImportRunStatus, ImportRunTrigger, ImportStatus, ImportType } from '../graphql/enums.js';
import { DateTimeScalar } from '../graphql/scalars.js';
import { connectionTypes } from '../graphql/pagination.js';

@ObjectType({ description: 'A rejected row: the file, its row number and why' })
export class RejectedRow {
  @Field(() => String) file!: string;
  @Field(() => Int, { nullable: true }) row!: number | null;
  @Field(() => String) reason!: string;
}

@ObjectType({ description: 'One run of an import' })
export class ImportRun {
  @Field(() => ID) id!: string;
  @Field(() => ID) importId!: string;
  @Field(() => ImportRunStatus) status!: string;
  @Field(() => ImportRunTrigger) trigger!: string;
  @Field(() => Int, { description: '1 for the first try; retries count up' }) attempt!: number;
  @Field(() => DateTimeScalar) queuedAt!: Date | string;
  @Field(() => DateTimeScalar, { nullable: true, description: 'A queued retry waits until then' }) notBefore!: Date | string | null;
  @Field(() => DateTimeScalar, { nullable: true }) startedAt!: Date | string | null;
  @Field(() => DateTimeScalar, { nullable: true }) finishedAt!: Date | string | null;
  @Field(() => Int, { nullable: true }) filesTotal!: number | null;
  @Field(() => Int, { nullable: true }) filesDone!: number | null;
  @Field(() => Int) rowsRead!: number;
  @Field(() => Int) rowsImported!: number;
  @Field(() => Int) rowsRejected!: number;
  @Field(() => Float) bytesRead!: number;
  @Field(() => String, { nullable: true }) error!: string | null;
  workspaceId!: string;
  rejects?: RejectedRow[];
}

@ObjectType({ description: 'An import’s status transition: BLOCKED by a schema change, unblocked, paused, resumed' })
export class ImportStatusEvent {
  @Field(() => ID) importId!: string;
  @Field(() => ImportStatus) from!: string;
  @Field(() => ImportStatus) to!: string;
  @Field(() => String, { nullable: true }) reason!: string | null;
  workspaceId!: string;
}

@ObjectType({ description: 'A column the import stores, with its type' })
export class ImportColumn {
  @Field(() => String) name!: string;
  @Field(() => ColumnType) type!: string;
}

@ObjectType({ description: 'A configured pipeline from a connection’s table into Inlet' })
export class Import {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String) table!: string;
  @Field(() => ImportType) type!: string;
  @Field(() => [String], { description: 'The selected source columns' }) columns!: string[];
  @Field(() => String) userIdColumn!: string;
  @Field(() => String, { nullable: true, description: 'USER_ACTIVITY event time; IDENTITY optional time; GROUP_MEMBERSHIP cursor' }) timestampColumn!: string | null;
  @Field(() => String, { nullable: true }) identifierColumn!: string | null;
  @Field(() => String, { nullable: true }) identifierType!: string | null;
  @Field(() => String, { nullable: true }) groupIdColumn!: string | null;
  @Field(() => String, { nullable: true }) isDeletedColumn!: string | null;
  @Field(() => [ImportColumn], { description: 'Every column the import stores (mapped columns first), with its type' }) storedColumns!: ImportColumn[];
  @Field(() => ImportStatus) status!: string;
  @Field(() => String, { nullable: true, description: 'Why BLOCKED: what changed, where, and the ways out' }) statusReason!: string | null;
  @Field(() => String, { description: '"manual", "daily@HH:MM", "hourly@MM", "every@Nh" (N = 2, 3, 4, 6, 8, 12) or a 5-field cron expression, all in UTC' }) schedule!: string;
  @Field(() => DateTimeScalar, { nullable: true }) nextRunAt!: Date | null;
  @Field(() => Float, { description: 'Share of rejected rows above which a run fails' }) rejectThreshold!: number;
  @Field(() => DateTimeScalar) createdAt!: Date;
  connectionId!: string;
  dataTable!: string;
}

/** `ImportEdge`/`ImportConnection` and `ImportRunEdge`/`ImportRunConnection` (graphql/pagination.ts). */
export const { Edge: ImportEdge, Connection: ImportConnection } = connectionTypes(Import, 'Import');
export const { Edge: ImportRunEdge, Connection: ImportRunConnection } = connectionTypes(ImportRun, 'ImportRun');

@ObjectType({ description: 'How many imports are in one status (the filters other than status applied)' })
export class ImportStatusCount {
  @Field(() => ImportStatus) status!: string;
  @Field(() => Int) count!: number;
}

@InputType()
export class CreateImportInput {
  @Field(() => ID) connectionId!: string;
  @Field(() => String) name!: string;
  @Field(() => String) table!: string;
  @Field(() => ImportType) type!: ImportType;
  @Field(() => [String]) columns!: string[];
  @Field(() => String) userIdColumn!: string;
  @Field(() => String, { nullable: true, description: 'USER_ACTIVITY (required), IDENTITY (optional), GROUP_MEMBERSHIP cursor (required)' }) timestampColumn?: string;
  @Field(() => String, { nullable: true, description: 'IDENTITY' }) identifierColumn?: string;
  @Field(() => String, { nullable: true, description: 'IDENTITY, e.g. "email_sha256"' }) identifierType?: string;
  @Field(() => String, { nullable: true, description: 'GROUP_MEMBERSHIP' }) groupIdColumn?: string;
  @Field(() => String, { nullable: true, description: 'GROUP_MEMBERSHIP, optional' }) isDeletedColumn?: string;
  @Field(() => String, { nullable: true, description: '"manual", "daily@HH:MM", "hourly@MM", "every@Nh" (N = 2, 3, 4, 6, 8, 12) or a 5-field cron expression, all in UTC; default: a daily time Inlet picks' }) schedule?: string;
  @Field(() => Float, { nullable: true, description: 'Share of rejected rows that fails a run; default 0.1' }) rejectThreshold?: number;
}

@InputType()
export class UpdateImportInput {
  @Field(() => String, { nullable: true }) name?: string;
  @Field(() => String, { nullable: true }) schedule?: string;
  @Field(() => Float, { nullable: true }) rejectThreshold?: number;
}

// The import-type definitions served to the admin UI (server/imports/import-types.ts is their one source).

@ObjectType({ description: 'A column an import type asks the admin to map (e.g. the event timestamp), and the column types it accepts' })
export class ImportTypeMapping {
  @Field(() => String, { description: 'The field of CreateImportInput that names the column, e.g. timestampColumn' }) key!: string;
  @Field(() => String, { description: 'What the form calls it; also the subject of its error messages' }) label!: string;
  @Field(() => Boolean, { description: 'createImport refuses the import without it' }) required!: boolean;
  @Field(() => [ColumnType], { nullable: true, description: 'Column types it accepts; null: any type' }) types!: string[] | null;
  @Field(() => String, { description: 'One line of help for the form' }) help!: string;
}

@ObjectType({ description: 'A text value an import type asks for besides columns (IDENTITY: identifierType)' })
export class ImportTypeTextInput {
  @Field(() => String, { description: 'The field of CreateImportInput, e.g. identifierType' }) key!: string;
  @Field(() => String, { description: 'What the form calls it' }) label!: string;
  @Field(() => Boolean, { description: 'createImport refuses the import without it' }) required!: boolean;
  @Field(() => String, { description: 'An ECMAScript regular expression the trimmed value must match' }) pattern!: string;
  @Field(() => String, { description: 'The error createImport gives when the value is missing' }) requiredMessage!: string;
  @Field(() => String, { description: 'The error createImport gives when the value does not match the pattern' }) patternMessage!: string;
  @Field(() => String, { description: 'An example value' }) placeholder!: string;
  @Field(() => String, { description: 'One line of help for the form' }) help!: string;
}

@ObjectType({ description: 'One import type: what createImport needs for it and what a run does with its rows' })
export class ImportTypeDefinition {
  @Field(() => ImportType, { description: 'The value of CreateImportInput.type' }) type!: string;
  @Field(() => String, { description: 'A short name, e.g. "User activity data"' }) label!: string;
  @Field(() => String, { description: 'What the rows describe and how each run publishes them' }) description!: string;
  @Field(() => [ImportTypeMapping], { description: 'The columns to map, in the order the server checks them (user id first)' }) mappings!: ImportTypeMapping[];
  @Field(() => [ImportTypeTextInput], { description: 'Text values to give besides columns' }) textInputs!: ImportTypeTextInput[];
  @Field(() => [String], { description: 'Mapping keys whose columns form the unique key of the imported data (empty: rows append)' }) keyFields!: string[];
  @Field(() => Boolean, { description: 'Each run reads only files not imported before (false: each run replaces the whole snapshot)' }) incremental!: boolean;
  @Field(() => Int, { description: 'Attribute columns besides the mapped ones that createImport needs at least' }) minAttributes!: number;
  @Field(() => String, { nullable: true, description: 'The error createImport gives when fewer attributes are selected' }) attributesMessage!: string | null;
}
