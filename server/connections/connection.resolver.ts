import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { SourcePlatform } from '../catalog/catalog.resolver.js';
import { platformById } from '../catalog/platforms.js';
import { topicOf } from '../events/domain-events.js';
import type { Context } from '../graphql/context.js';
import { ConnectionStatus, ConnectionType, ListOrder, SourcePlatformId } from '../graphql/enums.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type Page } from '../graphql/pagination.js';
import type { ConnectionEntity } from './connection.entity.js';
import type { SourceTableEntity } from './source-table.entity.js';
import type { ConnectionStatusEvent as StatusEventPayload } from './connection.service.js';
import {
  Connection,
  ConnectionConnection,
  ConnectionCredentialsInput,
  ConnectionStatusCount,
  ConnectionStatusEvent,
  CreateConnectionInput,
  SchemaRefresh,
  SourceTable,
  AwsPrincipal,
} from './connection.types.js';

/** The GraphQL view of a discovered table (rows stored before migration 014 have no values or samples). */
function toSourceTable(t: SourceTableEntity): SourceTable {
  return {
    ...t,
    columns: t.columns.map((c) => ({ ...c, nested: Boolean(c.nested), sourceType: c.sourceType ?? null })),
    partitionValues: t.partitionValues ?? [],
    sampleRows: t.sampleRows ?? [],
  };
}

/** The GraphQL view of a stored connection: no sealed credentials, ever. */
export function toConnection(entity: ConnectionEntity): Connection {
  return {
    id: entity.id,
    name: entity.name,
    type: platformById(entity.platform).type,
    status: entity.status,
    statusReason: entity.statusReason,
    createdAt: entity.createdAt,
    updatedAt: entity.updatedAt,
    credentialsHint: entity.credentialsHint,
    settings: entity.settings,
    platformId: entity.platform,
  };
}

/** GraphQL input objects are class instances; services take plain objects. */
const plain = (input: object) => JSON.parse(JSON.stringify(input)) as Record<string, unknown>;

@Resolver(() => Connection)
export class ConnectionResolver {
  @Query(() => ConnectionConnection, { description: "A page of the workspace's connections, newest first unless `orderBy` says otherwise" })
  async connections(
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true, defaultValue: DEFAULT_PAGE_SIZE, description: `Items per page, 1–${MAX_PAGE_SIZE}` }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'The `endCursor` of the previous page' }) after?: string | null,
    @Arg('status', () => ConnectionStatus, { nullable: true }) status?: ConnectionStatus | null,
    @Arg('platform', () => SourcePlatformId, { nullable: true }) platform?: SourcePlatformId | null,
    @Arg('type', () => ConnectionType, { nullable: true, description: 'SOURCE or DESTINATION' }) type?: ConnectionType | null,
    @Arg('search', () => String, { nullable: true, description: 'Part of the name, any case' }) search?: string | null,
    @Arg('orderBy', () => ListOrder, { nullable: true, defaultValue: ListOrder.CREATED_AT_DESC }) orderBy?: ListOrder,
  ): Promise<Page<Connection>> {
    const page = await ctx.services.connections.page(ctx.principal, { platform, status, type, search }, { first, after, orderBy });
    return { ...page, edges: page.edges.map((e) => ({ node: toConnection(e.node), cursor: e.cursor })) };
  }

  @Query(() => [ConnectionStatusCount], { description: 'Connections per status, every status listed, with the same platform and search filters as `connections`: one grouped count' })
  connectionStatusCounts(
    @Ctx() ctx: Context,
    @Arg('platform', () => SourcePlatformId, { nullable: true }) platform?: SourcePlatformId | null,
    @Arg('search', () => String, { nullable: true }) search?: string | null,
    @Arg('type', () => ConnectionType, { nullable: true, description: 'SOURCE or DESTINATION' }) type?: ConnectionType | null,
  ): Promise<ConnectionStatusCount[]> {
    return ctx.services.connections.statusCounts(ctx.principal, { platform, search, type });
  }

  @Query(() => Connection, { nullable: true })
  async connection(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Connection | null> {
    const found = await ctx.services.connections.get(ctx.principal, id);
    return found ? toConnection(found) : null;
  }

  @Query(() => String, { description: "The read-only bucket policy to paste into the bucket, for Inlet's AWS principal" })
  s3BucketPolicy(@Ctx() ctx: Context, @Arg('bucketName', () => String) bucketName: string): string {
    return ctx.services.bucketPolicy(bucketName);
  }

  @Query(() => AwsPrincipal, { description: "Inlet's AWS principal (the one s3BucketPolicy names), and whether its account is the unset placeholder" })
  awsPrincipal(@Ctx() ctx: Context): AwsPrincipal {
    return ctx.services.awsPrincipal();
  }

  @Mutation(() => Connection, { description: 'Creates a connection; it is returned PROCESSING and validated in the background' })
  async createConnection(@Ctx() ctx: Context, @Arg('input', () => CreateConnectionInput) input: CreateConnectionInput): Promise<Connection> {
    return toConnection(await ctx.services.connections.create(ctx.principal, plain(input)));
  }

  @Mutation(() => Connection, { description: 'Back to PROCESSING; validates again' })
  async validateConnection(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Connection> {
    return toConnection(await ctx.services.connections.revalidate(ctx.principal, id));
  }

  @Mutation(() => Connection, { description: 'New credentials; the connection is validated again (PROCESSING, then ACTIVE or INACTIVE)' })
  async rotateConnectionCredentials(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => ConnectionCredentialsInput) input: ConnectionCredentialsInput,
  ): Promise<Connection> {
    return toConnection(await ctx.services.connections.rotateCredentials(ctx.principal, id, plain(input)));
  }

  @Mutation(() => Connection)
  async deactivateConnection(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Connection> {
    return toConnection(await ctx.services.connections.deactivate(ctx.principal, id));
  }

  @Mutation(() => Boolean, { description: 'Refused with CONFLICT while imports use the connection' })
  async deleteConnection(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<boolean> {
    return ctx.services.connections.delete(ctx.principal, id);
  }

  @Mutation(() => Connection, { description: 'The schema resync: discovers tables and columns again, in the background' })
  async refreshConnectionSchema(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Connection> {
    return toConnection(await ctx.services.schemaRefresh.request(ctx.principal, id));
  }

  @FieldResolver(() => SourcePlatform)
  platform(@Root() connection: Connection, @Ctx() ctx: Context): SourcePlatform {
    return ctx.services.catalog.platform(connection.platformId)!;
  }

  @FieldResolver(() => [ConnectionStatusEvent], { description: 'Every transition, oldest first' })
  async statusHistory(@Root() connection: Connection, @Ctx() ctx: Context): Promise<ConnectionStatusEvent[]> {
    return ctx.loaders.statusHistory.load(connection.id);
  }

  @FieldResolver(() => [SourceTable], { description: 'From the last schema refresh' })
  async tables(@Root() connection: Connection, @Ctx() ctx: Context): Promise<SourceTable[]> {
    const rows = await ctx.loaders.tables.load(connection.id);
    return rows.map(toSourceTable);
  }

  @FieldResolver(() => SourceTable, {
    nullable: true,
    description: 'One discovered table by name (null when the last refresh did not find it): ask here for its partition values and sample rows, which would make a query over every table too costly',
  })
  async table(@Root() connection: Connection, @Ctx() ctx: Context, @Arg('name', () => String) name: string): Promise<SourceTable | null> {
    const row = await ctx.services.schemaRefresh.table(connection.id, name);
    return row ? toSourceTable(row) : null;
  }

  @FieldResolver(() => SchemaRefresh, { nullable: true })
  async schemaRefresh(@Root() connection: Connection, @Ctx() ctx: Context): Promise<SchemaRefresh | null> {
    return ctx.loaders.schemaRefresh.load(connection.id);
  }

  @Subscription(() => ConnectionStatusEvent, {
    topics: topicOf('ConnectionStatusChanged'),
    description: 'Every status transition of the workspace’s connections (or of one), as it happens',
    filter: ({ payload, args, context }: { payload: StatusEventPayload; args: { connectionId?: string | null }; context: Context }) =>
      payload.workspaceId === context.principal.workspaceId && (!args.connectionId || args.connectionId === payload.connectionId),
  })
  connectionStatusChanged(
    @Root() event: StatusEventPayload,
    @Arg('connectionId', () => ID, { nullable: true }) _connectionId?: string | null,
  ): ConnectionStatusEvent {
    return event;
  }
}
