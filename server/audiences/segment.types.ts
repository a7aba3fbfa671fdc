import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ColumnType } from '../graphql/enums.js';
import { connectionTypes } from '../graphql/pagination.js';
import { DateTimeScalar, JSONScalar } from '../graphql/scalars.js';

export enum SegmentStatus { EVALUATING = 'EVALUATING', READY = 'READY', STALE = 'STALE' }
export enum ConditionOperator {
  EQ = 'EQ', NEQ = 'NEQ', IN = 'IN', NOT_IN = 'NOT_IN', GT = 'GT', GTE = 'GTE', LT = 'LT', LTE = 'LTE', BETWEEN = 'BETWEEN',
  CONTAINS = 'CONTAINS', STARTS_WITH = 'STARTS_WITH', IS_NULL = 'IS_NULL', IS_NOT_NULL = 'IS_NOT_NULL',
}
export enum Aggregate { COUNT = 'COUNT', SUM = 'SUM' }

registerEnumType(SegmentStatus, {
  name: 'SegmentStatus',
  valuesConfig: {
    EVALUATING: { description: 'An evaluation is queued or running; members are those of the last one' },
    READY: { description: 'Members are those of the last evaluation' },
    STALE: { description: 'An import it references is BLOCKED or a column it uses is gone (statusReason); it keeps its last membership and is not re-evaluated until then' },
  },
});
registerEnumType(ConditionOperator, { name: 'ConditionOperator', description: 'Which operators fit which column type: see segmentOperators' });
registerEnumType(Aggregate, { name: 'Aggregate' });

@InputType({ description: 'A filter on a column of a USER_ACTIVITY import, or on an event property path (e.g. "client.url")' })
export class FilterInput {
  @Field(() => String) column!: string;
  @Field(() => ConditionOperator) operator!: ConditionOperator;
  @Field(() => [JSONScalar], { nullable: true, description: 'None for IS_NULL / IS_NOT_NULL, two for BETWEEN, one or more for IN / NOT_IN, else one' }) values?: unknown[] | null;
}

@InputType({ description: 'A column of a USER_PROFILE import compared with values of its type' })
export class ProfileConditionInput {
  @Field(() => ID) importId!: string;
  @Field(() => String) column!: string;
  @Field(() => ConditionOperator) operator!: ConditionOperator;
  @Field(() => [JSONScalar], { nullable: true, description: 'Values of the column’s type: strings, numbers, booleans, dates as YYYY-MM-DD, timestamps as ISO-8601' }) values?: unknown[] | null;
}

@InputType({ description: 'COUNT (or SUM of a numeric column) of a USER_ACTIVITY import’s rows or of events of a type, over the last N days or a fixed range [from, to), compared with value' })
export class ActivityConditionInput {
  @Field(() => ID, { nullable: true, description: 'A USER_ACTIVITY import; or set eventType' }) importId?: string | null;
  @Field(() => String, { nullable: true, description: 'An event type (needs the database event log)' }) eventType?: string | null;
  @Field(() => [FilterInput], { nullable: true }) where?: FilterInput[] | null;
  @Field(() => Aggregate) aggregate!: Aggregate;
  @Field(() => String, { nullable: true, description: 'SUM: the INTEGER/FLOAT column, or a number property path' }) sumColumn?: string | null;
  @Field(() => ConditionOperator, { description: 'EQ, NEQ, GT, GTE, LT or LTE' }) operator!: ConditionOperator;
  @Field(() => Float) value!: number;
  @Field(() => Int, { nullable: true, description: '1 to 365: from now minus N days up to now' }) lastDays?: number | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Range start (inclusive)' }) from?: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Range end (exclusive)' }) to?: Date | null;
}

@InputType({ description: 'Member of any of these groups of a GROUP_MEMBERSHIP import' })
export class GroupConditionInput {
  @Field(() => ID) importId!: string;
  @Field(() => [String]) groupIds!: string[];
}

@InputType({ description: 'Has an identifier with this tag (event aliases and IDENTITY imports)' })
export class IdentityConditionInput {
  @Field(() => String) tag!: string;
}

@InputType({ description: 'A rule node: exactly one of all, any, not, or a condition' })
export class SegmentRuleInput {
  @Field(() => [SegmentRuleInput], { nullable: true }) all?: SegmentRuleInput[] | null;
  @Field(() => [SegmentRuleInput], { nullable: true }) any?: SegmentRuleInput[] | null;
  @Field(() => SegmentRuleInput, { nullable: true }) not?: SegmentRuleInput | null;
  @Field(() => ProfileConditionInput, { nullable: true }) profile?: ProfileConditionInput | null;
  @Field(() => ActivityConditionInput, { nullable: true }) activity?: ActivityConditionInput | null;
  @Field(() => GroupConditionInput, { nullable: true }) group?: GroupConditionInput | null;
  @Field(() => IdentityConditionInput, { nullable: true }) identity?: IdentityConditionInput | null;
}

@InputType()
export class CreateSegmentInput {
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => [String], { nullable: true }) tags?: string[] | null;
  @Field(() => SegmentRuleInput) rule!: SegmentRuleInput;
}

@ObjectType({ description: 'One evaluation of a segment' })
export class SegmentEvaluation {
  @Field(() => ID) segmentId!: string;
  @Field(() => DateTimeScalar) at!: Date;
  @Field(() => Int) size!: number;
  @Field(() => Int, { description: 'Users who joined' }) added!: number;
  @Field(() => Int, { description: 'Users who left' }) removed!: number;
  @Field(() => Int) durationMs!: number;
}

@ObjectType({ description: 'A set of users defined by a rule over imported data and events' })
export class Segment {
  @Field(() => ID) id!: string;
  @Field(() => Int, { description: 'Stable and unique in the workspace: the id events carry in `segments`' }) code!: number;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => [String]) tags!: string[];
  @Field(() => JSONScalar, { description: 'The rule as validated' }) rule!: unknown;
  @Field(() => SegmentStatus) status!: string;
  @Field(() => String, { nullable: true, description: 'Why STALE, naming the import or column' }) statusReason!: string | null;
  @Field(() => Int, { nullable: true, description: 'Members after the last evaluation' }) size!: number | null;
  @Field(() => DateTimeScalar, { nullable: true }) lastEvaluatedAt!: Date | null;
  @Field(() => DateTimeScalar) createdAt!: Date;
  @Field(() => DateTimeScalar) updatedAt!: Date;
}

@ObjectType({ description: 'The operators that fit a column type' })
export class ColumnTypeOperators {
  @Field(() => ColumnType) type!: string;
  @Field(() => [ConditionOperator]) operators!: string[];
}

export const { Edge: SegmentEdge, Connection: SegmentConnection } = connectionTypes(Segment, 'Segment');
