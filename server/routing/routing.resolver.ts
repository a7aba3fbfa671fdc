import { Arg, Ctx, Field, Float, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root, Subscription } from 'type-graphql';
import { toConnection } from '../connections/connection.resolver.js';
import { Connection } from '../connections/connection.types.js';
import { topicOf, type DeliveryUpdated } from '../events/domain-events.js';
import type { Context } from '../graphql/context.js';
import { connectionTypes } from '../graphql/pagination.js';
import { DateTimeScalar } from '../graphql/scalars.js';
import type { DeliveryEntity } from './delivery.entity.js';

@ObjectType({ description: 'One file a destination wrote (or is writing), with its outcome' })
export class Delivery {
  @Field(() => ID) id!: string;
  @Field(() => ID) connectionId!: string;
  @Field(() => String, { description: 'events | aliases | segment_metadata | manifest (an S3 Batch export of a day)' }) dataType!: string;
  @Field(() => String, { description: 'The object key in the bucket' }) key!: string;
  @Field(() => Int) rows!: number;
  @Field(() => Float, { description: 'Bytes as stored (gzip)' }) bytes!: number;
  @Field(() => DateTimeScalar, { nullable: true }) windowStart!: Date | string | null;
  @Field(() => DateTimeScalar, { nullable: true }) windowEnd!: Date | string | null;
  @Field(() => Int, { description: 'Uploads tried so far (1 on the first)' }) attempt!: number;
  @Field(() => String, { description: 'QUEUED (S3 Batch), UPLOADING, RETRYING, DELIVERED or FAILED' }) status!: string;
  @Field(() => String, { nullable: true }) error!: string | null;
  @Field(() => DateTimeScalar) startedAt!: Date | string;
  @Field(() => DateTimeScalar, { nullable: true }) finishedAt!: Date | string | null;
}

export const { Edge: DeliveryEdge, Connection: DeliveryConnection } = connectionTypes(Delivery, 'Delivery');

const toDelivery = (d: DeliveryEntity): Delivery => ({
  id: d.id, connectionId: d.connectionId, dataType: d.dataType, key: d.key, rows: d.rows, bytes: d.bytes,
  windowStart: d.windowStart, windowEnd: d.windowEnd, attempt: d.attempt, status: d.status, error: d.error,
  startedAt: d.startedAt, finishedAt: d.finishedAt,
});

/** Routing's part of the API: destinations' deliveries, lag and pause, and the destination bucket policy. */
@Resolver(() => Connection)
export class RoutingResolver {
  @FieldResolver(() => DeliveryConnection, { description: 'Files this destination wrote, newest first (empty for sources)' })
  async deliveries(
    @Root() connection: Connection,
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<InstanceType<typeof DeliveryConnection>> {
    const page = await ctx.services.routing.deliveries(ctx.principal, connection.id, first, after);
    return { ...page, edges: page.edges.map((e) => ({ node: toDelivery(e.node), cursor: e.cursor })) };
  }

  @FieldResolver(() => Float, { nullable: true, description: 'S3 Streaming: age in seconds of the oldest event not yet delivered (0 when caught up); null otherwise' })
  async lagSeconds(@Root() connection: Connection, @Ctx() ctx: Context): Promise<number | null> {
    return ctx.services.routing.lagSeconds({ id: connection.id, workspaceId: ctx.principal.workspaceId, platform: connection.platformId });
  }

  @FieldResolver(() => Boolean, { description: 'A paused destination delivers nothing until resumed (false for sources)' })
  async paused(@Root() connection: Connection, @Ctx() ctx: Context): Promise<boolean> {
    return ctx.services.routing.isPaused(connection.id);
  }

  @Query(() => String, { description: "The bucket policy (and, with a KMS key, the key policy statement) a destination needs for Inlet's AWS principal" })
  s3DestinationPolicy(
    @Ctx() ctx: Context,
    @Arg('bucketName', () => String) bucketName: string,
    @Arg('kmsKeyArn', () => String, { nullable: true }) kmsKeyArn?: string | null,
  ): string {
    return ctx.services.destinationPolicy(bucketName, kmsKeyArn);
  }

  @Mutation(() => Delivery, { description: "S3 Batch: exports one UTC day (YYYY-MM-DD, not in the future); answers the export's delivery (dataType manifest, the day's manifest key), QUEUED until it runs" })
  async exportDay(@Ctx() ctx: Context, @Arg('connectionId', () => ID) connectionId: string, @Arg('date', () => String) date: string): Promise<Delivery> {
    return toDelivery(await ctx.services.routing.exportDay(ctx.principal, connectionId, date));
  }

  @Mutation(() => Connection, { description: 'Stops delivering (events stay in the log); resume continues where it stopped' })
  async pauseDestination(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Connection> {
    return toConnection(await ctx.services.routing.setPaused(ctx.principal, id, true));
  }

  @Mutation(() => Connection)
  async resumeDestination(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Connection> {
    return toConnection(await ctx.services.routing.setPaused(ctx.principal, id, false));
  }

  @Subscription(() => Delivery, {
    topics: topicOf('DeliveryUpdated'),
    description: "Every delivery recorded or changed in the workspace's destinations (or one's)",
    filter: ({ payload, args, context }: { payload: DeliveryUpdated; args: { connectionId?: string | null }; context: Context }) =>
      payload.workspaceId === context.principal.workspaceId && (!args.connectionId || args.connectionId === payload.connectionId),
  })
  deliveryUpdated(@Root() event: DeliveryUpdated, @Arg('connectionId', () => ID, { nullable: true }) _connectionId?: string | null): Delivery {
    return event;
  }
}
