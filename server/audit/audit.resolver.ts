import { Arg, Ctx, Field, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { Context } from '../graphql/context.js';
import { connectionTypes, DEFAULT_PAGE_SIZE, type Page } from '../graphql/pagination.js';
import { DateTimeScalar } from '../graphql/scalars.js';
import type { AuditEntryEntity } from './audit.entity.js';

@ObjectType({ description: 'One GraphQL mutation: who asked, what, when and how it ended (never its arguments)' })
export class AuditEntry {
  @Field(() => ID) id!: string;
  @Field(() => DateTimeScalar) at!: Date;
  @Field(() => ID) apiKeyId!: string;
  @Field(() => String, { description: 'The key’s name when the mutation ran' }) apiKeyName!: string;
  @Field(() => ID) workspaceId!: string;
  @Field(() => String, { description: 'The mutation, e.g. "createConnection"' }) action!: string;
  @Field(() => ID, { nullable: true, description: 'What it acted on (the `id` argument, or what it created), when there is one' }) targetId!: string | null;
  @Field(() => String, { description: '"ok", the error code the caller got (BAD_USER_INPUT, CONFLICT, …), or PENDING: the mutation had not answered (recorded before it ran; a server that stopped first leaves it so, and it may or may not have taken effect)' }) outcome!: string;
}

export const { Edge: AuditEntryEdge, Connection: AuditEntryConnection } = connectionTypes(AuditEntry, 'AuditEntry');

@Resolver()
export class AuditResolver {
  @Query(() => AuditEntryConnection, { description: 'The audit log of the caller’s workspace, newest first' })
  async auditLog(
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true, defaultValue: DEFAULT_PAGE_SIZE }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('action', () => String, { nullable: true, description: 'Only this mutation, e.g. "createConnection"' }) action: string | null,
    @Arg('apiKeyId', () => ID, { nullable: true, description: 'Only mutations made with this key' }) apiKeyId: string | null,
  ): Promise<Page<AuditEntryEntity>> {
    return ctx.services.audit.list(ctx.principal, { first, after, action, apiKeyId });
  }
}
