import type { DataSource } from 'typeorm';
import type { Config } from './config.js';
import { CatalogService } from './catalog/catalog.service.js';
import { ConnectionService } from './connections/connection.service.js';
import { SchemaRefreshService } from './connections/schema-refresh.service.js';
import { Sealer } from './connections/secrets.js';
import { bucketPolicy } from './connectors/files/bucket-policy.js';
import { connectorFactories } from './connectors/registry.js';
import type { EventBus } from './events/bus.js';
import { DomainEvents } from './events/domain-events.js';
import { createDataStore } from './storage/data-store.js';
import { IngestService } from './ingest/ingest.service.js';
import { EventPurgeKind } from './ingest/purge.job.js';
import { ImportService } from './imports/import.service.js';
import { ImportRunKind } from './runs/run-engine.js';
import { Scheduler } from './runs/scheduler.js';
import { JobEngine } from './jobs/engine.js';
import { SchemaChangeService } from './schema-changes/schema-change.service.js';
import { wire } from './wiring.js';
import { WorkspaceService } from './workspaces/workspace.service.js';
import { AttentionService } from './attention/attention.service.js';

/** Every service, built once at boot and wired (wiring.ts); resolvers reach them through the context. */
export function createServices(db: DataSource, bus: EventBus, config: Config) {
  const events = new DomainEvents(bus);
  const store = createDataStore(db, config.countSql);
  const jobs = new JobEngine(db, { concurrency: config.jobConcurrency, staleMs: config.runStaleMs, retryDelaysMs: config.retryDelaysMs, singleProcess: store.dialect === 'sqlite' });
  const workspaces = new WorkspaceService(db, events);
  const connections = new ConnectionService(db, events, Sealer.fromConfig(config), config);
  const schemaRefresh = new SchemaRefreshService(db, connections, events, jobs);
  const imports = new ImportService(db, store, events, connections, schemaRefresh, jobs);
  const runs = new ImportRunKind(db, store, events, connections, schemaRefresh, imports, jobs, config);
  jobs.register(schemaRefresh);
  jobs.register(runs);
  const scheduler = new Scheduler(imports, jobs);
  const schemaChanges = new SchemaChangeService(db, events, connections, imports, schemaRefresh);
  const ingest = new IngestService(db, events, config, imports, jobs);
  jobs.register(new EventPurgeKind(db, ingest));
  const catalog = new CatalogService(
    (p) => Boolean(connectorFactories[p.id]),
    (p) => config.deprecatedPlatforms.includes(p.id),
  );
  // Issue 19: the navigation's "needs attention" counts.
  const attention = new AttentionService(db);
  const services = {
    attention,
    config,
    db,
    bus,
    events,
    jobs,
    workspaces,
    connections,
    schemaRefresh,
    store,
    imports,
    scheduler,
    schemaChanges,
    catalog,
    ingest,
    bucketPolicy: (bucketName: string) => bucketPolicy(bucketName, config),
    /** Waits for background work (validations, refreshes, runs) to finish. */
    async idle() {
      await connections.idle();
      await jobs.idle();
      await connections.idle();
    },
  };
  wire(services);
  return services;
}

export type Services = ReturnType<typeof createServices>;
