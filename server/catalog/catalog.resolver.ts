import { Arg, Ctx, Field, FieldResolver, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../graphql/context.js';
import { ConnectionType, SourceCategory, SourcePlatformId } from '../graphql/enums.js';

@ObjectType({ description: 'One field of a connect form; `key` is its path inside the platform input (e.g. credentials.accessKeyId)' })
export class ConfigField {
  @Field(() => String) key!: string;
  @Field(() => String) label!: string;
  @Field(() => String, { description: 'text, select, password, textarea or url' }) kind!: string;
  @Field(() => Boolean) required!: boolean;
  @Field(() => Boolean, { description: 'Write-only: never returned once saved' }) secret!: boolean;
  @Field(() => [String], { nullable: true }) options?: string[];
  @Field(() => String, { nullable: true }) help?: string;
}

@ObjectType({ description: 'A platform of the catalog' })
export class SourcePlatform {
  @Field(() => SourcePlatformId) id!: string;
  @Field(() => String) name!: string;
  @Field(() => SourceCategory) category!: string;
  @Field(() => String) description!: string;
  @Field(() => [ConfigField]) fields!: ConfigField[];
  @Field(() => String, { description: 'The key of this platform in CreateConnectionInput: s3, gcs, bigquery, snowflake, s3Streaming or s3Batch' }) inputKey!: string;
  @Field(() => ConnectionType, { description: 'SOURCE, or DESTINATION for routing platforms' }) type!: string;
  @Field(() => String, { description: 'The key of its credentials in ConnectionCredentialsInput: aws, gcp or snowflake' }) credentialsKey!: string;
  @Field(() => Boolean, { description: 'Connections can be created on this server (false: not available yet, or retired)' }) available!: boolean;
  @Field(() => Boolean, { description: 'Retired in configuration: its connections are DEPRECATED' }) retired!: boolean;
}

/** The catalog: the platforms (sources and destinations), searchable by name and filterable by category. */
@Resolver(() => SourcePlatform)
export class CatalogResolver {
  @Query(() => [SourcePlatform], { description: 'Platforms; `search` matches names case-insensitively' })
  catalog(
    @Ctx() ctx: Context,
    @Arg('search', () => String, { nullable: true }) search?: string | null,
    @Arg('category', () => SourceCategory, { nullable: true }) category?: SourceCategory | null,
  ): SourcePlatform[] {
    const needle = search?.trim().toLowerCase() ?? '';
    return ctx.services.catalog
      .platforms()
      .filter((p) => (!needle || p.name.toLowerCase().includes(needle)) && (!category || p.category === category));
  }

  @FieldResolver(() => Int, { description: "Connections to this platform in the caller's workspace" })
  async connectionCount(@Root() platform: SourcePlatform, @Ctx() ctx: Context): Promise<number> {
    const counts = await ctx.loaders.connectionCounts.load(ctx.principal.workspaceId);
    return counts.get(platform.id) ?? 0;
  }
}
