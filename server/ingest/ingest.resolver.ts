// GraphQL for first-party events: learned event types (and enforcing one), the live debugger's newest events, a
// user's identities, and the per-second ingestion counts. Ingestion itself is HTTP (ingest.http.ts).
import { Arg, Ctx, Field, Int, Mutation, ObjectType, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { Context } from '../graphql/context.js';
import { badInput, notFound } from '../errors.js';
import { DateTimeScalar, JSONScalar } from '../graphql/scalars.js';
import { topicOf, type EventsIngested as EventsIngestedEvent } from '../events/domain-events.js';

@ObjectType({ description: 'A property path observed in events of a type, with the JSON types seen there' })
export class EventProperty {
  @Field(() => String, { description: 'e.g. "client.url"' }) path!: string;
  @Field(() => [String], { description: 'string, number, boolean, null, object or array' }) types!: string[];
}

@ObjectType({ description: 'An event type, learned as its events arrive' })
export class EventType {
  @Field(() => String) name!: string;
  @Field(() => DateTimeScalar) firstSeen!: Date;
  @Field(() => DateTimeScalar) lastSeen!: Date;
  @Field(() => Int) countLastHour!: number;
  @Field(() => Int) countLast24h!: number;
  @Field(() => [Int], { description: 'Events per clock hour (UTC): the 24 hours up to and including the current one, oldest first' }) hourlyCounts!: number[];
  @Field(() => [EventProperty]) properties!: EventProperty[];
  @Field(() => Boolean, { description: 'Events whose properties do not match the learned schema are rejected' }) enforced!: boolean;
}

@ObjectType({ description: 'An identifier of a user' })
export class Identity {
  @Field(() => String) tag!: string;
  @Field(() => String) id!: string;
  @Field(() => Int, { nullable: true }) priority!: number | null;
  @Field(() => String, { description: '"event" (an alias sent with events) or the id of the IDENTITY import' }) origin!: string;
  @Field(() => DateTimeScalar) seenAt!: Date;
}

@ObjectType()
export class EventTypeCount {
  @Field(() => String) type!: string;
  @Field(() => Int) accepted!: number;
  @Field(() => Int) rejected!: number;
}

@ObjectType({ description: 'Events ingested in one second, by type' })
export class EventsIngested {
  @Field(() => DateTimeScalar) at!: Date;
  @Field(() => [EventTypeCount]) counts!: EventTypeCount[];
}

@Resolver()
export class IngestResolver {
  @Query(() => [EventType], { description: 'The event types of the caller’s workspace' })
  eventTypes(@Ctx() ctx: Context): Promise<EventType[]> {
    return ctx.services.ingest.eventTypes(ctx.principal.workspaceId);
  }

  @Query(() => [JSONScalar], { description: 'The newest events (as stored), newest first; at most 500' })
  recentEvents(
    @Ctx() ctx: Context,
    @Arg('type', () => String, { nullable: true }) type: string | null,
    @Arg('userId', () => String, { nullable: true }) userId: string | null,
    @Arg('limit', () => Int, { nullable: true, defaultValue: 50 }) limit: number | null,
  ): Promise<Record<string, unknown>[]> {
    limit ??= 50;
    if (limit < 1 || limit > 500) throw badInput('limit', 'limit must be 1 to 500');
    return ctx.services.ingest.recentEvents(ctx.principal.workspaceId, type ?? null, userId ?? null, limit);
  }

  @Query(() => [Identity], { description: 'Every identifier of a user: aliases from events and pairs from IDENTITY imports' })
  identities(@Ctx() ctx: Context, @Arg('userId', () => String) userId: string): Promise<Identity[]> {
    if (!userId || userId.length > 256) throw badInput('userId', 'userId must be 1 to 256 characters');
    return ctx.services.ingest.identities(ctx.principal, userId);
  }

  @Mutation(() => EventType, { description: 'From now on, events of this type whose properties do not match its schema are rejected' })
  async setEventTypeEnforced(@Ctx() ctx: Context, @Arg('name', () => String) name: string, @Arg('enforced', () => Boolean) enforced: boolean): Promise<EventType> {
    const type = await ctx.services.ingest.setEventTypeEnforced(ctx.principal.workspaceId, name, enforced);
    if (!type) throw notFound('Event type', name);
    return type;
  }

  @Subscription(() => EventsIngested, {
    topics: topicOf('EventsIngested'),
    description: 'Per-second counts by type of the caller’s workspace; at most one message a second (per server)',
    filter: ({ payload, context }: { payload: EventsIngestedEvent; context: Context }) => payload.workspaceId === context.principal.workspaceId,
  })
  eventsIngested(@Root() payload: EventsIngestedEvent): EventsIngested {
    return { at: new Date(payload.at), counts: payload.counts };
  }
}
