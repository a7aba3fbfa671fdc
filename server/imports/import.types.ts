import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ColumnType, ImportRunStatus, ImportRunTrigger, ImportStatus, ImportType } from '../graphql/enums.js';
import { DateTimeScalar } from '../graphql/scalars.js';

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
  @Field(() => String, { description: '"daily@HH:MM" in UTC, or "manual"' }) schedule!: string;
  @Field(() => DateTimeScalar, { nullable: true }) nextRunAt!: Date | null;
  @Field(() => Float, { description: 'Share of rejected rows above which a run fails' }) rejectThreshold!: number;
  @Field(() => DateTimeScalar) createdAt!: Date;
  connectionId!: string;
  dataTable!: string;
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
  @Field(() => String, { nullable: true, description: '"daily@HH:MM" (UTC) or "manual"; default: a daily time Inlet picks' }) schedule?: string;
  @Field(() => Float, { nullable: true, description: 'Share of rejected rows that fails a run; default 0.1' }) rejectThreshold?: number;
}

@InputType()
export class UpdateImportInput {
  @Field(() => String, { nullable: true }) name?: string;
  @Field(() => String, { nullable: true }) schedule?: string;
  @Field(() => Float, { nullable: true }) rejectThreshold?: number;
}
