import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
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
import { guardInputs } from './input-guard.js';
import { busPubSub } from './pubsub.js';
import './enums.js';

/** Every resolver of the API, in one list. */
export const resolvers = [CatalogResolver, ConnectionResolver, ConnectionImportsResolver, ImportResolver, ImportRunResolver, SchemaChangeResolver, WorkspaceResolver, IngestResolver, SegmentResolver, RoutingResolver, AuditResolver, NotificationResolver, AttentionResolver] as const;

/** Builds the executable schema, every argument checked at the edge; `emitTo` also writes the SDL (the committed `schema.graphql`). */
export async function createSchema(bus: EventBus, emitTo?: string): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: [...resolvers],
    pubSub: busPubSub(bus),
    validate: false,
    emitSchemaFile: emitTo ? { path: emitTo, sortedSchema: false } : false,
  });
  // Outermost: a mutation refused by the input guard is audited too.
  return auditMutations(guardInputs(schema));
}
