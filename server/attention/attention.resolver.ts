import { Ctx, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { Context } from '../graphql/context.js';

@ObjectType({ description: 'What needs attention in the caller’s workspace (the navigation’s count)' })
export class Attention {
  @Field(() => Int, { description: 'Schema changes waiting for a decision' }) pendingSchemaChanges!: number;
  @Field(() => Int, { description: 'Imports BLOCKED by an unsupported schema change' }) blockedImports!: number;
  @Field(() => Int, { description: 'Imports whose newest finished run FAILED' }) failingImports!: number;
  @Field(() => Int, { description: 'INACTIVE connections' }) inactiveConnections!: number;
  @Field(() => Int, { description: 'The sum of the four' }) total!: number;
}

@Resolver()
export class AttentionResolver {
  @Query(() => Attention, { description: 'Counts of what needs attention: pending schema changes, blocked and failing imports, inactive connections' })
  async attention(@Ctx() ctx: Context): Promise<Attention> {
    const c = await ctx.services.attention.counts(ctx.principal.workspaceId);
    return { ...c, total: c.pendingSchemaChanges + c.blockedImports + c.failingImports + c.inactiveConnections };
  }
}
