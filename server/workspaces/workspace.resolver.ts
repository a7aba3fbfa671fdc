import { Arg, Ctx, Field, ID, Mutation, ObjectType, Query, registerEnumType, Resolver } from 'type-graphql';
import type { Context } from '../graphql/context.js';
import { badInput } from '../errors.js';
import { DateTimeScalar } from '../graphql/scalars.js';
import { ApiKeyScope } from './workspace.entity.js';

registerEnumType(ApiKeyScope, {
  name: 'ApiKeyScope',
  valuesConfig: { EVENTS: { description: 'May only send events (POST /v1/events); GraphQL refuses it' } },
});

@ObjectType()
export class Workspace {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => DateTimeScalar) createdAt!: Date;
}

@ObjectType({ description: 'An API key; its value is shown only once, when created' })
export class ApiKey {
  @Field(() => ID) id!: string;
  @Field(() => ID) workspaceId!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { description: 'The first characters of the key, to tell keys apart' }) prefix!: string;
  @Field(() => Boolean) isAdmin!: boolean;
  @Field(() => ApiKeyScope) scope!: ApiKeyScope;
  @Field(() => DateTimeScalar) createdAt!: Date;
  @Field(() => DateTimeScalar, { nullable: true }) revokedAt!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When a request last used the key, to within a minute; null if never' }) lastUsedAt!: Date | null;
}

@ObjectType()
export class CreatedApiKey {
  @Field(() => ApiKey) apiKey!: ApiKey;
  @Field(() => String, { description: 'The key itself: store it now, it is never shown again' }) key!: string;
}

@ObjectType({ description: 'The caller: its workspace and whether its key is the instance admin’s' })
export class Viewer {
  @Field(() => Workspace) workspace!: Workspace;
  @Field(() => Boolean) isAdmin!: boolean;
  @Field(() => ID) apiKeyId!: string;
}

const requireName = (name: string, field = 'name') => {
  if (!name.trim()) throw badInput(field, 'Name is required');
  if (name.length > 200) throw badInput(field, 'Name must be at most 200 characters');
  return name;
};

@Resolver()
export class WorkspaceResolver {
  @Query(() => Viewer)
  async viewer(@Ctx() ctx: Context): Promise<Viewer> {
    const workspace = await ctx.services.workspaces.workspace(ctx.principal.workspaceId);
    return { workspace: workspace!, isAdmin: ctx.principal.isAdmin, apiKeyId: ctx.principal.keyId };
  }

  @Query(() => [Workspace], { description: 'All workspaces for the instance admin; otherwise the caller’s own' })
  workspaces(@Ctx() ctx: Context): Promise<Workspace[]> {
    return ctx.services.workspaces.listWorkspaces(ctx.principal);
  }

  @Query(() => [ApiKey], { description: 'The keys of a workspace (never their values): the caller’s own by default; the instance admin may name any workspace' })
  apiKeys(@Ctx() ctx: Context, @Arg('workspaceId', () => ID, { nullable: true }) workspaceId: string | null): Promise<ApiKey[]> {
    return ctx.services.workspaces.listApiKeys(ctx.principal, workspaceId ?? ctx.principal.workspaceId);
  }

  @Mutation(() => Workspace, { description: 'Instance admin only' })
  createWorkspace(@Ctx() ctx: Context, @Arg('name', () => String) name: string): Promise<Workspace> {
    return ctx.services.workspaces.createWorkspace(ctx.principal, requireName(name));
  }

  @Mutation(() => CreatedApiKey, { description: 'The key’s value is in the answer, and never shown again' })
  async createApiKey(
    @Ctx() ctx: Context,
    @Arg('workspaceId', () => ID) workspaceId: string,
    @Arg('name', () => String) name: string,
    @Arg('scope', () => ApiKeyScope, { nullable: true, defaultValue: ApiKeyScope.WORKSPACE }) scope: ApiKeyScope | null,
  ): Promise<CreatedApiKey> {
    const { key, value } = await ctx.services.workspaces.createApiKey(ctx.principal, workspaceId, requireName(name), scope ?? ApiKeyScope.WORKSPACE);
    return { apiKey: key, key: value };
  }

  @Mutation(() => Boolean, { description: 'The key stops working at once, open subscriptions included' })
  revokeApiKey(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<boolean> {
    return ctx.services.workspaces.revokeApiKey(ctx.principal, id);
  }
}
