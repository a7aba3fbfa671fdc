import type { DataSource } from 'typeorm';
import type { Config } from './config.js';
import { CatalogService } from './catalog/catalog.service.js';
import { ConnectionService } from './connections/connection.service.js';
import { SchemaRefreshService } from './connections/schema-refresh.service.js';
import { Sealer } from './connections/secrets.js';
import { awsPrincipal, bucketPolicy } from './connectors/files/bucket-policy.js';
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
import { MembershipCache } from './audiences/membership-cache.js';
import { SegmentEvaluationKind } from './audiences/segment.job.js';
import { SegmentScheduler } from './audiences/segment.scheduler.js';
import { SegmentService } from './audiences/segment.service.js';
import { AlertService } from './notifications/alert.service.js';
import { NotificationDeliveryKind } from './notifications/delivery.job.js';
import { NotificationService } from './notifications/notification.service.js';
import { WorkspaceService } from './workspaces/workspace.service.js';
import { RoutingService } from './routing/routing.service.js';
import { destinationPolicy } from './routing/s3-destination.js';
import { Metrics } from './metrics/metrics.js';
import { AuditService } from './audit/audit.service.js';
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
  const segments = new SegmentService(db, store, events, imports, jobs, () =>
    ingest.log.kind === 'database' ? null : 'Event-type conditions need the database event log; this server keeps events in JetStream (INLET_EVENT_LOG), which SQL cannot read: use a USER_ACTIVITY import instead',
  );
  jobs.register(new SegmentEvaluationKind(segments));
  const segmentScheduler = new SegmentScheduler(segments);
  const membershipCache = new MembershipCache((workspaceId, userIds) => segments.codesOf(workspaceId, userIds), config.segmentCacheEntries);
  const routing = new RoutingService(db, events, connections, ingest, jobs, config, (workspaceId) => segments.metadata(workspaceId));
  jobs.register(routing.writer);
  jobs.register(routing.batch);
  jobs.register(routing.segmentMetadataWriter);
  // Alerts (issue 18): channels and deliveries (a job kind), and the alert state machine fed by wiring.ts.
  const alertSealer = Sealer.fromConfig(config);
  const notifications = new NotificationService(db, alertSealer, jobs, config);
  jobs.register(new NotificationDeliveryKind(db, alertSealer, config));
  const alerts = new AlertService(db, notifications, imports, connections, schemaChanges, jobs, config);
  const catalog = new CatalogService(
    (p) => Boolean(connectorFactories[p.id]),
    (p) => config.deprecatedPlatforms.includes(p.id),
  );
  const metrics = new Metrics(db);
  metrics.deliveryLag = () => routing.allLags();
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
    segments,
    segmentScheduler,
    membershipCache,
    metrics,
    audit: new AuditService(db),
    notifications,
    alerts,
    bucketPolicy: (bucketName: string) => bucketPolicy(bucketName, config),
    awsPrincipal: () => awsPrincipal(config),
    routing,
    destinationPolicy: (bucketName: string, kmsKeyArn?: string | null) => destinationPolicy(bucketName, kmsKeyArn, config),
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
