import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { Connection } from '../connections/connection.types.js';
import { toConnection } from '../connections/connection.resolver.js';
import { topicOf } from '../events/domain-events.js';
import type { Context } from '../graphql/context.js';
import { DateTimeScalar, JSONScalar } from '../graphql/scalars.js';
import { badInput } from '../errors.js';
import { nextRuns, parseSchedule, SCHEDULE_FORMS } from './schedule.js';
import type { ImportEntity, ImportRunEntity } from './import.entity.js';
import { IMPORT_TYPES } from './import-types.js';
import { CreateImportInput, Import, ImportConnection, ImportRun, ImportRunConnection, ImportStatusCount, ImportStatusEvent, ImportTypeDefinition, RejectedRow, UpdateImportInput } from './import.types.js';
import { ImportRunStatus, ImportStatus, ListOrder, RunOrder } from '../graphql/enums.js';
import { andThen } from '../graphql/loaders.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, nodeFieldArgs, nodeFields, type Page } from '../graphql/pagination.js';
import type { ImportRunEvent } from '../runs/run-engine.js';

/** The GraphQL view of an import. */
export function toImport(entity: ImportEntity): Import {
  return {
    ...entity,
    storedColumns: entity.stored.map((s) => ({ name: s.name, type: s.type })),
  };
}

const plain = <T>(input: object) => JSON.parse(JSON.stringify(input)) as T;

@Resolver(() => Import)
export class ImportResolver {
  @Query(() => [ImportTypeDefinition], { description: 'Every import type with the columns and values createImport needs for it (the rules it checks)' })
  importTypes(): ImportTypeDefinition[] {
    return Object.values(IMPORT_TYPES).map((d) => ({
      type: d.type, label: d.label, description: d.description, keyFields: d.keyFields, incremental: d.incremental, minAttributes: d.minAttributes, attributesMessage: d.attributesMessage,
      mappings: d.mappings.map((m) => ({ key: m.key, label: m.label, required: m.required, types: m.types, help: m.help })),
      textInputs: d.textInputs.map((t) => ({ ...t })),
    }));
  }

  @Query(() => ImportConnection, { description: 'A page of the workspace’s imports, newest first unless `orderBy` says otherwise' })
  async imports(
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true, defaultValue: DEFAULT_PAGE_SIZE, description: `Items per page, 1–${MAX_PAGE_SIZE}` }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'The `endCursor` of the previous page' }) after?: string | null,
    @Arg('connectionId', () => ID, { nullable: true }) connectionId?: string | null,
    @Arg('status', () => ImportStatus, { nullable: true }) status?: ImportStatus | null,
    @Arg('search', () => String, { nullable: true, description: 'Part of the name, any case' }) search?: string | null,
    @Arg('orderBy', () => ListOrder, { nullable: true, defaultValue: ListOrder.CREATED_AT_DESC }) orderBy?: ListOrder,
    @Info() info?: GraphQLResolveInfo,
  ): Promise<Page<Import>> {
    const page = await ctx.services.imports.page(ctx.principal, { connectionId, status, search }, { first, after, orderBy });
    // The items' related rows, fetched ahead in one shared round trip (the same one their fields would have made), so
    // that each item's connection, last run and schema changes answer with values rather than promises (loaders.ts).
    const asked = info ? nodeFields(info) : new Map<string, never[]>();
    const nodes = page.edges.map((e) => e.node);
    const changes = asked.get('schemaChanges');
    await Promise.all([
      asked.has('connection') && ctx.loaders.connection.prefetch(nodes.map((n) => n.connectionId)),
      asked.has('lastRun') && ctx.loaders.runs(1).prefetch(nodes.map((n) => n.id)),
      ...(changes && info ? nodeFieldArgs(info, 'Import', 'schemaChanges', changes) : []).map((args) =>
        ctx.loaders.schemaChanges((args.status as string | undefined) ?? null).prefetch(nodes.map((n) => n.id)),
      ),
    ]);
    return { ...page, edges: page.edges.map((e) => ({ node: toImport(e.node), cursor: e.cursor })) };
  }

  @Query(() => [ImportStatusCount], { description: 'Imports per status, every status listed, with the same connection and search filters as `imports`: one grouped count' })
  importStatusCounts(
    @Ctx() ctx: Context,
    @Arg('connectionId', () => ID, { nullable: true }) connectionId?: string | null,
    @Arg('search', () => String, { nullable: true }) search?: string | null,
  ): Promise<ImportStatusCount[]> {
    return ctx.services.imports.statusCounts(ctx.principal, { connectionId, search });
  }

  @Query(() => [DateTimeScalar], { description: 'The next run times of a schedule (UTC), to show before saving it; BAD_USER_INPUT naming `schedule` when it is not one' })
  scheduleNextRuns(@Arg('schedule', () => String) schedule: string, @Arg('count', () => Int, { nullable: true, defaultValue: 3 }) count: number | null): Date[] {
    if (!parseSchedule(schedule.trim())) throw badInput('schedule', `Schedule must be ${SCHEDULE_FORMS}; got "${schedule}"`);
    return nextRuns(schedule.trim(), new Date(), Math.max(1, Math.min(count ?? 3, 10)));
  }

  @Query(() => Import, { nullable: true })
  async import(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Import | null> {
    const found = await ctx.services.imports.get(ctx.principal, id);
    return found ? toImport(found) : null;
  }

  @Query(() => ImportRun, { nullable: true })
  importRun(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<ImportRun | null> {
    return ctx.services.imports.run(ctx.principal, id);
  }

  @Mutation(() => Import)
  async createImport(@Ctx() ctx: Context, @Arg('input', () => CreateImportInput) input: CreateImportInput): Promise<Import> {
    return toImport(await ctx.services.imports.create(ctx.principal, plain(input)));
  }

  @Mutation(() => Import)
  async updateImport(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('input', () => UpdateImportInput) input: UpdateImportInput): Promise<Import> {
    return toImport(await ctx.services.imports.update(ctx.principal, id, plain(input)));
  }

  @Mutation(() => Import, { description: 'No scheduled runs until resumed' })
  async pauseImport(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Import> {
    return toImport(await ctx.services.imports.pause(ctx.principal, id));
  }

  @Mutation(() => Import)
  async resumeImport(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Import> {
    return toImport(await ctx.services.imports.resume(ctx.principal, id));
  }

  @Mutation(() => ImportRun, { description: 'Queues a run now; CONFLICT while one is queued or running' })
  runImport(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<ImportRun> {
    return ctx.services.imports.runNow(ctx.principal, id);
  }

  @Mutation(() => ImportRun, {
    description: 'Re-imports everything from scratch (trigger RESYNC): the new data replaces the old in one transaction only when the run succeeds; CONFLICT while a run is queued or running',
  })
  resyncImport(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<ImportRun> {
    return ctx.services.imports.resync(ctx.principal, id);
  }

  @Mutation(() => ImportRun, { description: 'Stops a run: a queued one at once, a running one drops what it staged and publishes nothing; ends CANCELLED. CONFLICT once the run has ended' })
  cancelRun(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<ImportRun> {
    return ctx.services.imports.cancelRun(ctx.principal, id);
  }

  @Mutation(() => Boolean, { description: 'Deletes the import, its run history and its imported data' })
  deleteImport(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<boolean> {
    return ctx.services.imports.delete(ctx.principal, id);
  }

  @FieldResolver(() => Connection)
  connection(@Root() imp: Import, @Ctx() ctx: Context): Connection | Promise<Connection> {
    return andThen(ctx.loaders.connection.get(imp.connectionId), (c) => toConnection(c!));
  }

  @FieldResolver(() => Int, { description: 'Rows currently imported' })
  rowCount(@Root() imp: Import): number {
    // Kept by each run's publishing transaction (import-types.ts): no COUNT(*) over the data table per request.
    return Number((imp as unknown as ImportEntity).rowCount ?? 0);
  }

  @FieldResolver(() => [JSONScalar], { description: 'Imported rows, keyed by source column name' })
  preview(@Root() imp: Import, @Ctx() ctx: Context, @Arg('limit', () => Int, { defaultValue: 20 }) limit: number): Promise<Record<string, unknown>[]> {
    return ctx.services.imports.preview(imp as unknown as ImportEntity, limit);
  }

  @FieldResolver(() => ImportRunConnection, { description: 'A page of the import’s runs, newest first unless `orderBy` says otherwise' })
  async runs(
    @Root() imp: Import,
    @Arg('first', () => Int, { nullable: true, defaultValue: DEFAULT_PAGE_SIZE, description: `Items per page, 1–${MAX_PAGE_SIZE}` }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'The `endCursor` of the previous page' }) after: string | null | undefined,
    @Arg('status', () => ImportRunStatus, { nullable: true }) status: ImportRunStatus | null | undefined,
    @Arg('orderBy', () => RunOrder, { nullable: true, defaultValue: RunOrder.QUEUED_AT_DESC }) orderBy: RunOrder | null,
    @Ctx() ctx: Context,
  ): Promise<Page<ImportRun>> {
    // One statement pair per import asked: meant for an import's page, not for every row of a list (use lastRun there).
    const entity = imp as unknown as ImportEntity;
    return (await ctx.services.imports.runPage(entity, { status }, { first, after, orderBy })) as unknown as Page<ImportRun>;
  }

  @FieldResolver(() => ImportRun, { nullable: true, description: 'The most recent run' })
  lastRun(@Root() imp: Import, @Ctx() ctx: Context): ImportRun | null | Promise<ImportRun | null> {
    return andThen(ctx.loaders.runs(1).get(imp.id), (runs) => (runs[0] as ImportRun | undefined) ?? null);
  }

  @Subscription(() => ImportRun, {
    topics: topicOf('ImportRunUpdated'),
    description: 'QUEUED → RUNNING (progress at least twice a second) → SUCCEEDED, FAILED or CANCELLED',
    filter: ({ payload, args, context }: { payload: ImportRunEvent; args: { importId?: string | null }; context: Context }) =>
      payload.workspaceId === context.principal.workspaceId && (!args.importId || args.importId === payload.importId),
  })
  importRunUpdated(@Root() run: ImportRunEvent, @Arg('importId', () => ID, { nullable: true }) _importId?: string | null): ImportRun {
    return run as unknown as ImportRun;
  }

  @Subscription(() => ImportStatusEvent, {
    topics: topicOf('ImportStatusChanged'),
    description: 'Every status transition of the workspace’s imports (or of one): blocked, unblocked, paused, resumed',
    filter: ({ payload, args, context }: { payload: ImportStatusEvent; args: { importId?: string | null }; context: Context }) =>
      payload.workspaceId === context.principal.workspaceId && (!args.importId || args.importId === payload.importId),
  })
  importStatusChanged(@Root() event: ImportStatusEvent, @Arg('importId', () => ID, { nullable: true }) _importId?: string | null): ImportStatusEvent {
    return event;
  }
}

@Resolver(() => ImportRun)
export class ImportRunResolver {
  @FieldResolver(() => [RejectedRow], { description: 'A bounded sample (100) of rejected rows' })
  async rejects(@Root() run: ImportRun & Partial<ImportRunEntity>, @Ctx() ctx: Context): Promise<RejectedRow[]> {
    if (run.rejects && run.status !== 'RUNNING') return run.rejects;
    return (await ctx.services.imports.run(ctx.principal, run.id))?.rejects ?? [];
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Milliseconds from start to finish (or to now while running)' })
  durationMs(@Root() run: ImportRun): number | null {
    if (!run.startedAt) return null;
    const end = run.finishedAt ? new Date(run.finishedAt) : new Date();
    return end.getTime() - new Date(run.startedAt).getTime();
  }
}

@Resolver(() => Connection)
export class ConnectionImportsResolver {
  @FieldResolver(() => [Import], { description: 'Imports that read from this connection' })
  async imports(@Root() connection: Connection, @Ctx() ctx: Context): Promise<Import[]> {
    return (await ctx.loaders.importsOfConnection.load(connection.id)).map(toImport);
  }
}
