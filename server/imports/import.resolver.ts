import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { Connection } from '../connections/connection.types.js';
import { toConnection } from '../connections/connection.resolver.js';
import { topicOf } from '../events/domain-events.js';
import type { Context } from '../graphql/context.js';
import { JSONScalar } from '../graphql/scalars.js';
import type { ImportEntity, ImportRunEntity } from './import.entity.js';
import { IMPORT_TYPES } from './import-types.js';
import { CreateImportInput, Import, ImportRun, ImportStatusEvent, ImportTypeDefinition, RejectedRow, UpdateImportInput } from './import.types.js';
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

  @Query(() => [Import], { description: 'The workspace’s imports, newest first' })
  async imports(@Ctx() ctx: Context, @Arg('connectionId', () => ID, { nullable: true }) connectionId?: string | null): Promise<Import[]> {
    return (await ctx.services.imports.list(ctx.principal, connectionId)).map(toImport);
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

  @Mutation(() => ImportRun, { description: 'Stops a run: a queued one at once, a running one drops what it staged and publishes nothing; ends CANCELLED. CONFLICT once the run has ended' })
  cancelRun(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<ImportRun> {
    return ctx.services.imports.cancelRun(ctx.principal, id);
  }

  @Mutation(() => Boolean, { description: 'Deletes the import, its run history and its imported data' })
  deleteImport(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<boolean> {
    return ctx.services.imports.delete(ctx.principal, id);
  }

  @FieldResolver(() => Connection)
  async connection(@Root() imp: Import, @Ctx() ctx: Context): Promise<Connection> {
    return toConnection((await ctx.loaders.connection.load(imp.connectionId))!);
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

  @FieldResolver(() => [ImportRun], { description: 'Newest first' })
  async runs(@Root() imp: Import, @Ctx() ctx: Context, @Arg('limit', () => Int, { defaultValue: 20 }) limit: number): Promise<ImportRun[]> {
    return (await ctx.loaders.runs(Math.max(1, Math.min(limit, 500))).load(imp.id)) as ImportRun[];
  }

  @FieldResolver(() => ImportRun, { nullable: true, description: 'The most recent run' })
  async lastRun(@Root() imp: Import, @Ctx() ctx: Context): Promise<ImportRun | null> {
    return ((await ctx.loaders.runs(1).load(imp.id))[0] as ImportRun | undefined) ?? null;
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
