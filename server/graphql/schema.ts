import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema, getMetadataStorage } from 'type-graphql';
import { AttentionResolver } from '../attention/attention.resolver.js';
import { CatalogResolver } from '../catalog/catalog.resolver.js';
import { ConnectionResolver } from '../connections/connection.resolver.js';
import type { EventBus } from '../events/bus.js';
import { ConnectionImportsResolver, ImportResolver, ImportRunResolver } from '../imports/import.resolver.js';
import { IngestResolver } from '../ingest/ingest.resolver.js';
import { NotificationResolver } from '../notifications/notification.resolver.js';
import { SchemaChangeResolver } from '../schema-changes/schema-change.resolver.js';
import { RoutingResolver } from '../routing/routing.resolver.js';
import { WorkspaceResolver } from '../workspaces/workspace.resolver.js';
import { SegmentResolver } from '../audiences/segment.resolver.js';
import { AuditResolver } from '../audit/audit.resolver.js';
import { auditMutations } from '../audit/audit-mutations.js';
import { directResolvers } from './direct-resolvers.js';
import { guardInputs } from './input-guard.js';
import { busPubSub } from './pubsub.js';
import './enums.js';

/** Every resolver of the API, in one list. */
export const resolvers = [CatalogResolver, ConnectionResolver, ConnectionImportsResolver, ImportResolver, ImportRunResolver, SchemaChangeResolver, WorkspaceResolver, IngestResolver, SegmentResolver, RoutingResolver, AuditResolver, NotificationResolver, AttentionResolver] as const;

/** Builds the executable schema, every argument checked at the edge; `emitTo` also writes the SDL (the committed `schema.graphql`). */
export async function createSchema(bus: EventBus, emitTo?: string): Promise<GraphQLSchema> {
  // Inlet uses no type-graphql middlewares or auth checks, and no field is renamed: a plain field (no @FieldResolver)
  // reads its property, which graphql-js's default resolver does without type-graphql's per-field wrapper (50 list
  // items × 25 fields each is 1,250 wrapper calls per page).
  for (const type of getMetadataStorage().objectTypes) type.simpleResolvers ??= true;
  const schema = await buildSchema({
    resolvers: [...resolvers],
    pubSub: busPubSub(bus),
    validate: false,
    emitSchemaFile: emitTo ? { path: emitTo, sortedSchema: false } : false,
  });
  // Resolvers called without type-graphql's per-call handler first (direct-resolvers.ts), then the guards around them.
  directResolvers(schema);
  // Outermost: a mutation refused by the input guard is audited too.
  return auditMutations(guardInputs(schema));
}
