import type { DataSource } from 'typeorm';
import type { Config } from './config.js';
import { CatalogService } from './catalog/catalog.resolver.js';
import { ConnectionService } from './connections/connection.service.js';
import { SchemaRefreshService } from './connections/schema-refresh.service.js';
import { Sealer } from './connections/secrets.js';
import { bucketPolicy } from './connectors/files/bucket-policy.js';
import { connectorFactories } from './connectors/registry.js';
import type { EventBus } from './events/bus.js';
import { createDataStore } from './imports/data-store.js';
import { IngestService } from './ingest/ingest.service.js';
import { ImportService } from './imports/import.service.js';
import { RunEngine } from './imports/run-engine.js';
import { Scheduler } from './imports/scheduler.js';
import { SchemaChangeService } from './schema-changes/schema-change.service.js';
import { WorkspaceService } from './workspaces/workspace.service.js';

/** Every service, wired once at boot; resolvers reach them through the context. */
export function createServices(db: DataSource, bus: EventBus, config: Config) {
  const workspaces = new WorkspaceService(db, bus);
  const connections = new ConnectionService(db, bus, Sealer.fromConfig(config), config);
  const schemaRefresh = new SchemaRefreshService(db, connections);
  const store = createDataStore(db);
  const engine = new RunEngine(db, store, bus, connections, schemaRefresh, config);
  const imports = new ImportService(db, store, connections, engine);
  const scheduler = new Scheduler(imports, engine);
  const schemaChanges = new SchemaChangeService(db, store, bus, imports, schemaRefresh, engine);
  const ingest = new IngestService(db, bus, config, imports);
  const catalog = new CatalogService(
    (p) => Boolean(connectorFactories[p.id]),
    (p) => config.deprecatedPlatforms.includes(p.id),
  );
  return {
    config,
    db,
    bus,
    workspaces,
    connections,
    schemaRefresh,
    store,
    engine,
    imports,
    scheduler,
    schemaChanges,
    catalog,
    ingest,
    bucketPolicy: (bucketName: string) => bucketPolicy(bucketName, config),
    /** Waits for background work (validations, refreshes) to finish. */
    async idle() {
      await connections.idle();
      await schemaRefresh.idle();
      await engine.idle();
    },
  };
}

export type Services = ReturnType<typeof createServices>;
