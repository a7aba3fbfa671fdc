import { Arg, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import { topicOf } from '../events/domain-events.js';
import type { Context } from '../graphql/context.js';
import { ColumnType, SchemaChangeKind, SchemaChangeStatus, SchemaChangeSupport } from '../graphql/enums.js';
import { DateTimeScalar } from '../graphql/scalars.js';
import { toImport } from '../imports/import.resolver.js';
import { Import } from '../imports/import.types.js';
import type { SchemaChangeEvent } from './schema-change.service.js';

@ObjectType({ description: 'A difference between the schema an import accepted and the table’s current schema' })
export class SchemaChange {
  @Field(() => ID) id!: string;
  @Field(() => ID) importId!: string;
  @Field(() => SchemaChangeKind) kind!: string;
  @Field(() => String, { description: 'The column (for a struct field: struct.field)' }) column!: string;
  @Field(() => ColumnType, { nullable: true }) previousType!: string | null;
  @Field(() => ColumnType, { nullable: true }) newType!: string | null;
  @Field(() => SchemaChangeSupport) support!: string;
  @Field(() => SchemaChangeStatus) status!: string;
  @Field(() => String, { description: 'What changed and why it is (un)supported' }) description!: string;
  @Field(() => DateTimeScalar) detectedAt!: Date | string;
  @Field(() => DateTimeScalar, { nullable: true }) resolvedAt!: Date | string | null;
  @Field(() => String, { nullable: true, description: 'The file whose schema showed the change' }) sourceFile!: string | null;
  workspaceId!: string;
}

@Resolver(() => Import)
export class SchemaChangeResolver {
  @FieldResolver(() => [SchemaChange], { description: 'Detected schema changes, oldest first' })
  schemaChanges(
    @Root() imp: Import,
    @Ctx() ctx: Context,
    @Arg('status', () => SchemaChangeStatus, { nullable: true }) status?: SchemaChangeStatus | null,
  ): SchemaChange[] | Promise<SchemaChange[]> {
    return ctx.loaders.schemaChanges(status ?? null).get(imp.id) as SchemaChange[] | Promise<SchemaChange[]>;
  }

  @Mutation(() => Import, { description: 'Accepts supported new columns: the next run imports them; earlier rows have them null' })
  async acceptSchemaChanges(@Ctx() ctx: Context, @Arg('importId', () => ID) importId: string, @Arg('columns', () => [String]) columns: string[]): Promise<Import> {
    return toImport(await ctx.services.schemaChanges.accept(ctx.principal, importId, columns));
  }

  @Mutation(() => Import, { description: 'Dismisses supported changes: they are not asked about again' })
  async dismissSchemaChanges(@Ctx() ctx: Context, @Arg('importId', () => ID) importId: string, @Arg('columns', () => [String]) columns: string[]): Promise<Import> {
    return toImport(await ctx.services.schemaChanges.dismiss(ctx.principal, importId, columns));
  }

  @Subscription(() => SchemaChange, {
    topics: topicOf('SchemaChangeDetected'),
    description: 'Each newly detected schema change, once',
    filter: ({ payload, args, context }: { payload: SchemaChangeEvent; args: { importId?: string | null }; context: Context }) =>
      payload.workspaceId === context.principal.workspaceId && (!args.importId || args.importId === payload.importId),
  })
  schemaChangeDetected(@Root() change: SchemaChangeEvent, @Arg('importId', () => ID, { nullable: true }) _importId?: string | null): SchemaChange {
    return change;
  }
}
