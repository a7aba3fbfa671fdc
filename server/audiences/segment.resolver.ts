import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { topicOf, type SegmentEvaluated } from '../events/domain-events.js';
import { badInput } from '../errors.js';
import type { Context } from '../graphql/context.js';
import { JSONScalar } from '../graphql/scalars.js';
import { toImport } from '../imports/import.resolver.js';
import { Import } from '../imports/import.types.js';
import { AGGREGATE_OPERATORS, OPERATORS_BY_TYPE } from './rule.js';
import type { SegmentEntity } from './segment.entity.js';
import { ColumnTypeOperators, ConditionOperator, CreateSegmentInput, Segment, SegmentConnection, SegmentEvaluation, SegmentRuleInput } from './segment.types.js';

/** Input objects as plain JSON (times as ISO text), as the rule compiler and the stored rule take them. */
const plain = <T>(input: unknown) => JSON.parse(JSON.stringify(input)) as T;

@Resolver(() => Segment)
export class SegmentResolver {
  @Query(() => SegmentConnection, { description: 'The workspace’s segments, newest first' })
  segments(
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ) {
    return ctx.services.segments.page(ctx.principal, first, after);
  }

  @Query(() => Segment, { nullable: true })
  segment(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<SegmentEntity | null> {
    return ctx.services.segments.get(ctx.principal, id);
  }

  @Query(() => Int, { description: 'How many users match the rule now; nothing is stored' })
  estimateSegment(@Ctx() ctx: Context, @Arg('rule', () => SegmentRuleInput) rule: SegmentRuleInput): Promise<number> {
    return ctx.services.segments.estimate(ctx.principal, plain(rule));
  }

  @Query(() => [Segment], { description: 'The segments a user is in (their codes and names), from the stored membership' })
  userSegments(@Ctx() ctx: Context, @Arg('userId', () => String) userId: string): Promise<SegmentEntity[]> {
    if (!userId || userId.length > 256) throw badInput('userId', 'userId must be 1 to 256 characters');
    return ctx.services.segments.userSegments(ctx.principal.workspaceId, userId);
  }

  @Query(() => [ColumnTypeOperators], { description: 'The operators that fit each column type (profile conditions and filters)' })
  segmentOperators(): ColumnTypeOperators[] {
    return Object.entries(OPERATORS_BY_TYPE).map(([type, operators]) => ({ type, operators }));
  }

  @Query(() => [ConditionOperator], { description: 'The comparisons an activity aggregate takes' })
  aggregateOperators(): string[] {
    return AGGREGATE_OPERATORS;
  }

  @Mutation(() => Segment, { description: 'Creates a segment with the next code of the workspace and queues its first evaluation' })
  createSegment(@Ctx() ctx: Context, @Arg('input', () => CreateSegmentInput) input: CreateSegmentInput): Promise<SegmentEntity> {
    return ctx.services.segments.create(ctx.principal, plain(input));
  }

  @Mutation(() => Segment, { description: 'Changes a segment (its code stays) and queues an evaluation' })
  updateSegment(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('input', () => CreateSegmentInput) input: CreateSegmentInput): Promise<SegmentEntity> {
    return ctx.services.segments.update(ctx.principal, id, plain(input));
  }

  @Mutation(() => Boolean, { description: 'Deletes the segment and its membership; its code is never reused' })
  deleteSegment(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<boolean> {
    return ctx.services.segments.delete(ctx.principal, id);
  }

  @Mutation(() => Segment, { description: 'Queues an evaluation now; CONFLICT while the segment is STALE' })
  evaluateSegment(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<SegmentEntity> {
    return ctx.services.segments.evaluate(ctx.principal, id);
  }

  @FieldResolver(() => [SegmentEvaluation], { description: 'The newest evaluations, newest first' })
  sizeHistory(@Root() segment: SegmentEntity, @Ctx() ctx: Context, @Arg('limit', () => Int, { defaultValue: 30 }) limit: number) {
    // Batched: a page of segments asking each one's trend costs one statement, not one per segment.
    return ctx.loaders.sizeHistory(limit).get(segment.id);
  }

  @FieldResolver(() => JSONScalar, { description: 'A page of member user ids by user id: { edges: [{ node, cursor }], pageInfo: { hasNextPage, endCursor }, totalCount }' })
  members(
    @Root() segment: SegmentEntity,
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ) {
    return ctx.services.segments.members(segment, first, after);
  }

  @FieldResolver(() => [Import], { description: 'The imports the rule references' })
  async imports(@Root() segment: SegmentEntity, @Ctx() ctx: Context): Promise<Import[]> {
    return (await ctx.services.segments.importsOf(segment)).map(toImport);
  }

  @FieldResolver(() => [String], { description: 'The event types the rule references' })
  eventTypes(@Root() segment: SegmentEntity): string[] {
    return segment.refs.eventTypes;
  }

  @Subscription(() => SegmentEvaluation, {
    topics: topicOf('SegmentEvaluated'),
    description: 'Each evaluation of the workspace’s segments (or of one): size, added, removed',
    filter: ({ payload, args, context }: { payload: SegmentEvaluated; args: { segmentId?: string | null }; context: Context }) =>
      payload.workspaceId === context.principal.workspaceId && (!args.segmentId || args.segmentId === payload.segmentId),
  })
  segmentEvaluated(@Root() payload: SegmentEvaluated, @Arg('segmentId', () => ID, { nullable: true }) _segmentId?: string | null): SegmentEvaluation {
    return { segmentId: payload.segmentId, at: new Date(payload.at), size: payload.size, added: payload.added, removed: payload.removed, durationMs: payload.durationMs };
  }
}
