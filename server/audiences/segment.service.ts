import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { DomainEvents, SegmentEvaluated } from '../events/domain-events.js';
import { badInput, conflict, FieldChecks, notFound } from '../errors.js';
import { decodeCursor, encodeCursor, pageOf, pageSize, type Page } from '../graphql/pagination.js';
import type { ImportEntity } from '../imports/import.entity.js';
import type { ImportService } from '../imports/import.service.js';
import { ingestSql, type IngestSql, type Stmt } from '../ingest/sql.js';
import { EntityRows } from '../db/rows.js';
import { JobCancelled, type JobEngine } from '../jobs/engine.js';
import type { JobEntity } from '../jobs/job.entity.js';
import { log } from '../log.js';
import type { DataStore } from '../storage/data-store.js';
import type { Principal } from '../workspaces/workspace.service.js';
import { compileRule, ruleImportColumns, type CompiledRule, type RuleContext, type RuleInput } from './rule.js';
import { SegmentEntity, SegmentEvaluationEntity, type SegmentStatus } from './segment.entity.js';

/** The job kind of a segment evaluation (segment.job.ts); its key is the segment id: one at a time per segment. */
export const SEGMENT_EVALUATION = 'segment-evaluation';

export interface SegmentInput {
  name: string;
  description?: string | null;
  tags?: string[] | null;
  rule: unknown;
}

export interface MembersPage {
  edges: { node: string; cursor: string }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

const MAX_TAGS = 20;

/**
 * Segments: definitions (validated and compiled rules, codes), estimates, evaluations as jobs, membership reads,
 * and how schema changes reach them (STALE). Membership lives in `segment_member`; an evaluation replaces a
 * segment's rows in one transaction, so readers see the old membership or the new one.
 */
export class SegmentService {
  readonly sql: IngestSql;

  constructor(
    private readonly db: DataSource,
    private readonly store: DataStore,
    private readonly events: DomainEvents,
    private readonly imports: ImportService,
    private readonly jobs: JobEngine,
    /** Why event-type conditions cannot be computed (the event log is not a database table), or null. */
    private readonly eventsUnavailable: () => string | null,
  ) {
    this.sql = ingestSql(db);
  }

  private repo() {
    return this.db.getRepository(SegmentEntity);
  }

  /** The metadata a rule is checked and compiled against. */
  async context(workspaceId: string, now = new Date()): Promise<RuleContext> {
    const imports = await this.imports.ofWorkspace(workspaceId);
    const tables = new Set<string>();
    for (const imp of imports) if (await this.store.tableExists(imp.dataTable)) tables.add(imp.dataTable);
    const unavailable = this.eventsUnavailable();
    let eventTypes: Map<string, Record<string, string[]>> | null = null;
    if (!unavailable) {
      const rows = await this.sql.all<{ name: string; properties: string }>(`SELECT "name", "properties" FROM "event_type" WHERE "workspace_id" = ?`, [workspaceId]);
      eventTypes = new Map(rows.map((r) => [r.name, JSON.parse(r.properties) as Record<string, string[]>]));
    }
    const tags = new Set((await this.sql.all<{ tag: string }>(`SELECT DISTINCT "tag" FROM "event_alias" WHERE "workspace_id" = ?`, [workspaceId])).map((r) => r.tag));
    for (const imp of imports) if (imp.type === 'IDENTITY' && imp.identifierType) tags.add(imp.identifierType);
    return { dialect: this.store.dialect, workspaceId, imports: new Map(imports.map((i) => [i.id, i])), tables, eventTypes, eventsUnavailable: unavailable, tags, now };
  }

  async compile(workspaceId: string, rule: unknown, root = 'rule', now = new Date()): Promise<CompiledRule> {
    return compileRule(rule, await this.context(workspaceId, now), root);
  }

  /** How many users match a rule now, without storing anything. */
  async estimate(principal: Principal, rule: unknown): Promise<number> {
    const compiled = await this.compile(principal.workspaceId, rule);
    const [row] = await this.sql.all<{ n: number | string }>(`SELECT COUNT(*) AS n FROM (${compiled.sql}) t WHERE t.user_id IS NOT NULL`, compiled.params);
    return Number(row?.n ?? 0);
  }

  /** The segment's fields and its rule, checked together so that the editor shows every mistake at once. */
  private async checkInput(workspaceId: string, input: SegmentInput): Promise<{ fields: { name: string; description: string | null; tags: string[] }; compiled: CompiledRule }> {
    const checks = new FieldChecks();
    const name = input.name?.trim() ?? '';
    checks.check(() => {
      if (!name) throw badInput('name', 'Name is required');
      if (name.length > 200) throw badInput('name', 'Name is at most 200 characters');
    });
    const description = input.description?.trim() || null;
    checks.check(() => {
      if (description && description.length > 2000) throw badInput('description', 'Description is at most 2000 characters');
    });
    const tags = [...new Set((input.tags ?? []).map((t) => t.trim()).filter(Boolean))];
    checks.check(() => {
      if (tags.length > MAX_TAGS) throw badInput('tags', `At most ${MAX_TAGS} tags`);
      tags.forEach((t, i) => {
        if (t.length > 64) throw badInput(`tags.${i}`, 'A tag is at most 64 characters');
      });
    });
    const compiled = await checks.checkAsync(() => this.compile(workspaceId, input.rule));
    checks.done();
    return { fields: { name, description, tags }, compiled: compiled! };
  }

  /** The workspace's next code: an atomic upsert on its counter row, so two servers never hand out the same one. */
  private async nextCode(workspaceId: string): Promise<number> {
    const [row] = await this.sql.all<{ last: number | string }>(
      `INSERT INTO "segment_code" ("workspace_id", "last") VALUES (?, 1) ON CONFLICT ("workspace_id") DO UPDATE SET "last" = "segment_code"."last" + 1 RETURNING "last"`,
      [workspaceId],
    );
    return Number(row!.last);
  }

  async create(principal: Principal, input: SegmentInput): Promise<SegmentEntity> {
    const { fields, compiled } = await this.checkInput(principal.workspaceId, input);
    const now = new Date();
    const segment = Object.assign(new SegmentEntity(), {
      id: randomUUID(), workspaceId: principal.workspaceId, code: await this.nextCode(principal.workspaceId), ...fields,
      rule: compiled.normalized, refs: compiled.refs, status: 'EVALUATING' as SegmentStatus, statusReason: null, size: null,
      lastEvaluatedAt: null, evaluationRequestedAt: null, createdAt: now, updatedAt: now,
    });
    // The rule's recursive type is more than TypeORM's partial-entity type follows; it is stored as JSON text.
    await this.repo().insert(segment as never);
    log.info('segment created', { segmentId: segment.id, code: segment.code });
    await this.request(segment);
    return (await this.repo().findOneBy({ id: segment.id }))!;
  }

  async update(principal: Principal, id: string, input: SegmentInput): Promise<SegmentEntity> {
    const segment = await this.require(principal, id);
    const { fields, compiled } = await this.checkInput(principal.workspaceId, input);
    await this.repo().update({ id }, { ...fields, rule: compiled.normalized as never, refs: compiled.refs, updatedAt: new Date(), ...(segment.status === 'STALE' ? { status: 'EVALUATING', statusReason: null } : {}) });
    const updated = (await this.repo().findOneBy({ id }))!;
    await this.request(updated);
    return (await this.repo().findOneBy({ id }))!;
  }

  async delete(principal: Principal, id: string): Promise<boolean> {
    const segment = await this.require(principal, id);
    const job = await this.jobs.latest(SEGMENT_EVALUATION, id);
    if (job && (job.status === 'QUEUED' || job.status === 'RUNNING')) {
      await this.jobs.cancel(job.id, 'The segment was deleted');
      await this.jobs.settled(job.id);
    }
    await this.sql.batch([
      { sql: `DELETE FROM "segment_member" WHERE "segment_id" = ?`, params: [id] },
      { sql: `DELETE FROM "segment_evaluation" WHERE "segmentId" = ?`, params: [id] },
      { sql: `DELETE FROM "segment" WHERE "id" = ?`, params: [id] },
    ]);
    await this.events.publish({ type: 'SegmentDeleted', segmentId: id, workspaceId: segment.workspaceId, code: segment.code });
    log.info('segment deleted', { segmentId: id });
    return true;
  }

  async get(principal: Principal, id: string): Promise<SegmentEntity | null> {
    return this.repo().findOneBy({ id, workspaceId: principal.workspaceId });
  }

  async require(principal: Principal, id: string): Promise<SegmentEntity> {
    const found = await this.get(principal, id);
    if (!found) throw notFound('Segment', id);
    return found;
  }

  /** A page of the workspace's segments, newest first. */
  page(principal: Principal, first?: number | null, after?: string | null): Promise<Page<SegmentEntity>> {
    const query = this.repo().createQueryBuilder('segment').where('segment.workspaceId = :ws', { ws: principal.workspaceId });
    return pageOf(query, { first, after, sort: [{ property: 'createdAt', direction: 'DESC' }] }, (s) => s);
  }

  /** Asks for an evaluation now; CONFLICT while the segment is STALE and what made it so is still there. */
  async evaluate(principal: Principal, id: string): Promise<SegmentEntity> {
    const segment = await this.require(principal, id);
    const stale = await this.staleReason(segment);
    if (stale) throw conflict(`Segment "${segment.name}" is STALE and cannot be evaluated until its imports are healthy: ${stale}`);
    await this.request(segment);
    return (await this.repo().findOneBy({ id }))!;
  }

  /** Queues an evaluation (one at a time per segment: a request while one runs is queued when it ends). */
  async request(segment: SegmentEntity): Promise<void> {
    const now = new Date();
    await this.repo().update({ id: segment.id }, { evaluationRequestedAt: now, ...(segment.status === 'READY' ? { status: 'EVALUATING' } : {}) });
    await this.jobs.enqueue(SEGMENT_EVALUATION, segment.id, { segmentId: segment.id, workspaceId: segment.workspaceId });
  }

  /** After an evaluation job ended: queue another when one was asked for while it ran. */
  async afterEvaluation(job: JobEntity): Promise<void> {
    const segment = await this.repo().findOneBy({ id: String(job.payload.segmentId) });
    if (!segment) return;
    if (segment.evaluationRequestedAt && job.startedAt && segment.evaluationRequestedAt > job.startedAt) {
      await this.jobs.enqueue(SEGMENT_EVALUATION, segment.id, { segmentId: segment.id, workspaceId: segment.workspaceId });
    } else if (segment.status === 'EVALUATING' && job.status !== 'SUCCEEDED') {
      // A failed evaluation leaves the last membership; the segment is READY with it (or STALE, set by the job).
      await this.repo().update({ id: segment.id, status: 'EVALUATING' }, { status: segment.size === null ? 'EVALUATING' : 'READY' });
    }
  }

  /** Why a segment cannot be evaluated now (a referenced import BLOCKED or gone, a column gone), or null. */
  async staleReason(segment: SegmentEntity, imports?: Map<string, ImportEntity>): Promise<string | null> {
    const byId = imports ?? new Map((await this.imports.ofWorkspace(segment.workspaceId)).map((i) => [i.id, i]));
    const reasons: string[] = [];
    for (const importId of segment.refs.importIds) {
      const imp = byId.get(importId);
      if (!imp) reasons.push(`import ${importId} was deleted`);
      else if (imp.status === 'BLOCKED') reasons.push(`import "${imp.name}" is BLOCKED (${imp.statusReason ?? 'a schema change'})`);
    }
    for (const ref of segment.refs.columns) {
      const imp = byId.get(ref.importId);
      if (imp && !imp.stored.some((s) => s.name === ref.column)) reasons.push(`column "${ref.column}" of import "${imp.name}" is gone`);
    }
    return reasons.length ? `Not re-evaluated since ${reasons.join('; ')}. It keeps its last membership.` : null;
  }

  private async markStale(segment: SegmentEntity, reason: string): Promise<void> {
    if (segment.status === 'STALE' && segment.statusReason === reason) return;
    await this.repo().update({ id: segment.id }, { status: 'STALE', statusReason: reason });
    log.info('segment stale', { segmentId: segment.id, reason });
  }

  /** Segments whose rule references an import. */
  async referencing(importId: string, workspaceId: string): Promise<SegmentEntity[]> {
    return (await this.repo().findBy({ workspaceId })).filter((s) => s.refs.importIds.includes(importId));
  }

  /** An import turned BLOCKED: its segments turn STALE, naming it. */
  async importBlocked(importId: string, workspaceId: string): Promise<void> {
    const imports = new Map((await this.imports.ofWorkspace(workspaceId)).map((i) => [i.id, i]));
    for (const segment of await this.referencing(importId, workspaceId)) {
      const reason = await this.staleReason(segment, imports);
      if (reason) await this.markStale(segment, reason);
    }
  }

  /** An import is healthy again: its STALE segments are evaluated (READY after). */
  async importHealthy(importId: string, workspaceId: string): Promise<void> {
    for (const segment of await this.referencing(importId, workspaceId)) if (segment.status === 'STALE') await this.request(segment);
  }

  /** A run of an import succeeded: every segment using it is evaluated once for that run, whichever servers react. */
  async importRunSucceeded(importId: string, workspaceId: string, runId: string): Promise<void> {
    for (const segment of await this.referencing(importId, workspaceId)) {
      if (await this.jobs.claimSlot(`segment:${segment.id}`, `run:${runId}`)) await this.request(segment);
    }
  }

  /** Hourly evaluations of segments with time windows or events: one slot per segment per UTC hour across servers. */
  async tickHourly(now = new Date()): Promise<number> {
    const hour = now.toISOString().slice(0, 13);
    let queued = 0;
    for (const segment of await this.repo().find()) {
      if (!segment.refs.timeBound && !segment.refs.universe) continue;
      if (segment.status === 'STALE') continue;
      if (!(await this.jobs.claimSlot(`segment:${segment.id}`, `hour:${hour}`))) continue;
      await this.request(segment);
      queued++;
    }
    return queued;
  }

  /** Names of the segments that use an import (columns null) or any of these columns of it (delete and dismiss guards). */
  async usingImport(importId: string, workspaceId: string, columns: string[] | null): Promise<string[]> {
    const names: string[] = [];
    for (const segment of await this.repo().findBy({ workspaceId })) {
      const refs = ruleImportColumns(segment.rule).filter((r) => r.importId === importId);
      const uses = columns === null ? refs.length > 0 || segment.refs.importIds.includes(importId) : refs.some((r) => r.column !== null && columns.includes(r.column));
      if (uses) names.push(segment.name);
    }
    return names;
  }

  /**
   * The evaluation job: checks the referenced imports (STALE and skipped when one is BLOCKED or gone), compiles the
   * rule, and swaps the membership in one transaction with the evaluation's record.
   */
  async runEvaluation(job: JobEntity): Promise<void> {
    const started = Date.now();
    const segment = await this.repo().findOneBy({ id: String(job.payload.segmentId) });
    if (!segment) throw new JobCancelled('The segment was deleted');
    const ctx = await this.context(segment.workspaceId);
    const stale = await this.staleReason(segment, ctx.imports);
    if (stale) {
      await this.markStale(segment, stale);
      throw new JobCancelled(`Skipped: ${stale}`);
    }
    let compiled: CompiledRule;
    try {
      compiled = compileRule(segment.rule, ctx, 'rule');
    } catch (error) {
      const reason = `The rule no longer fits the data: ${(error as Error).message}`;
      await this.markStale(segment, reason);
      throw new JobCancelled(`Skipped: ${reason}`);
    }
    if (segment.status !== 'EVALUATING') await this.repo().update({ id: segment.id }, { status: 'EVALUATING' });
    const evaluationId = randomUUID();
    const at = new Date();
    const pg = this.sql.dialect === 'postgres';
    const id = segment.id;
    const statements: Stmt[] = [
      { sql: pg ? `CREATE TEMP TABLE "segment_new" ("user_id" text PRIMARY KEY) ON COMMIT DROP` : `CREATE TEMP TABLE IF NOT EXISTS "segment_new" ("user_id" text PRIMARY KEY)` },
      ...(pg ? [] : [{ sql: `DELETE FROM temp."segment_new"` }]),
      { sql: `INSERT INTO "segment_new" ("user_id") SELECT r.user_id FROM (${compiled.sql}) r WHERE r.user_id IS NOT NULL ON CONFLICT DO NOTHING`, params: compiled.params },
      {
        sql: `INSERT INTO "segment_evaluation" ("id", "segmentId", "workspaceId", "at", "size", "added", "removed", "durationMs")
              SELECT ?, ?, ?, ?, (SELECT COUNT(*) FROM "segment_new"),
                (SELECT COUNT(*) FROM "segment_new" n WHERE NOT EXISTS (SELECT 1 FROM "segment_member" m WHERE m."segment_id" = ? AND m."user_id" = n."user_id")),
                (SELECT COUNT(*) FROM "segment_member" m WHERE m."segment_id" = ? AND NOT EXISTS (SELECT 1 FROM "segment_new" n WHERE n."user_id" = m."user_id")), 0`,
        params: [evaluationId, id, segment.workspaceId, at.toISOString(), id, id],
      },
      { sql: `DELETE FROM "segment_member" WHERE "segment_id" = ? AND NOT EXISTS (SELECT 1 FROM "segment_new" n WHERE n."user_id" = "segment_member"."user_id")`, params: [id] },
      {
        sql: `INSERT INTO "segment_member" ("segment_id", "workspace_id", "user_id") SELECT ?, ?, n."user_id" FROM "segment_new" n
              WHERE NOT EXISTS (SELECT 1 FROM "segment_member" m WHERE m."segment_id" = ? AND m."user_id" = n."user_id")`,
        params: [id, segment.workspaceId, id],
      },
      {
        sql: `UPDATE "segment" SET "size" = (SELECT COUNT(*) FROM "segment_new"), "status" = 'READY', "statusReason" = NULL, "lastEvaluatedAt" = ? WHERE "id" = ?`,
        params: [at.toISOString(), id],
      },
      ...(pg ? [] : [{ sql: `DROP TABLE temp."segment_new"` }]),
    ];
    await this.sql.batch(statements);
    const durationMs = Date.now() - started;
    await this.db.getRepository(SegmentEvaluationEntity).update({ id: evaluationId }, { durationMs });
    const evaluation = await this.db.getRepository(SegmentEvaluationEntity).findOneBy({ id: evaluationId });
    if (!evaluation) return;
    if (!(await this.repo().existsBy({ id }))) {
      // Deleted while it ran: nothing of it stays.
      await this.sql.run(`DELETE FROM "segment_member" WHERE "segment_id" = ?`, [id]);
      return;
    }
    log.info('segment evaluated', { segmentId: id, size: evaluation.size, added: evaluation.added, removed: evaluation.removed, durationMs });
    const event: SegmentEvaluated = {
      type: 'SegmentEvaluated', segmentId: id, workspaceId: segment.workspaceId, code: segment.code, at: evaluation.at.toISOString(),
      size: evaluation.size, added: evaluation.added, removed: evaluation.removed, durationMs,
    };
    await this.events.publish(event);
  }

  /** The newest evaluations of each segment (1 to 1,000), newest first: one statement for all ids (`EntityRows.newestPer`). */
  histories(segmentIds: readonly string[], limit: number): Promise<SegmentEvaluationEntity[][]> {
    return EntityRows.of(this.db).newestPer(SegmentEvaluationEntity, 'segment', 'segmentId', 'at', segmentIds, Math.max(1, Math.min(limit, 1000)));
  }

  /** A page of a segment's members (user ids), by user id (keyset: one index range scan however deep). */
  async members(segment: SegmentEntity, first?: number | null, after?: string | null): Promise<MembersPage> {
    const size = pageSize(first);
    const from = after ? String(decodeCursor(after, 1)[0]) : null;
    const rows = await this.sql.all<{ user_id: string }>(
      `SELECT "user_id" FROM "segment_member" WHERE "segment_id" = ? ${from !== null ? 'AND "user_id" > ?' : ''} ORDER BY "user_id" LIMIT ?`,
      from !== null ? [segment.id, from, size + 1] : [segment.id, size + 1],
    );
    const edges = rows.slice(0, size).map((r) => ({ node: r.user_id, cursor: encodeCursor([r.user_id]) }));
    return { edges, pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null }, totalCount: segment.size ?? 0 };
  }

  /** The segments a user is in, by code: one statement through the (workspace, user) index (it sits in ad request paths). */
  async userSegments(workspaceId: string, userId: string): Promise<SegmentEntity[]> {
    return EntityRows.of(this.db).select(
      SegmentEntity,
      's',
      `JOIN "segment_member" "m" ON "m"."segment_id" = "s"."id" WHERE "m"."workspace_id" = ? AND "m"."user_id" = ? ORDER BY "s"."code"`,
      [workspaceId, userId],
    );
  }

  /** The codes of each user's segments (the events' `segments`), for a batch of users, in one statement. */
  async codesOf(workspaceId: string, userIds: string[]): Promise<Map<string, number[]>> {
    const out = new Map<string, number[]>(userIds.map((u) => [u, []]));
    for (let i = 0; i < userIds.length; i += 500) {
      const part = userIds.slice(i, i + 500);
      const rows = await this.sql.all<{ user_id: string; code: number | string }>(
        `SELECT m."user_id", s."code" FROM "segment_member" m JOIN "segment" s ON s."id" = m."segment_id"
         WHERE m."workspace_id" = ? AND m."user_id" IN (${part.map(() => '?').join(', ')})`,
        [workspaceId, ...part],
      );
      for (const r of rows) out.get(r.user_id)?.push(Number(r.code));
    }
    for (const codes of out.values()) codes.sort((a, b) => a - b);
    return out;
  }

  /**
   * Segment metadata records as routing exports them (`{ code, name, description, tags, size, created_at, updated_at,
   * workspace_id }`), of one workspace or (null) of all, by code.
   */
  async metadata(workspaceId: string | null): Promise<Record<string, unknown>[]> {
    const rows = await this.repo().find({ where: workspaceId ? { workspaceId } : {}, order: { workspaceId: 'ASC', code: 'ASC' } });
    return rows.map((s) => ({
      code: s.code, name: s.name, description: s.description, tags: s.tags, size: s.size ?? 0,
      created_at: s.createdAt.toISOString(), updated_at: s.updatedAt.toISOString(), workspace_id: s.workspaceId,
    }));
  }

  /** Imports a segment references, in the order of its rule. */
  async importsOf(segment: SegmentEntity): Promise<ImportEntity[]> {
    const byId = new Map((await this.imports.ofWorkspace(segment.workspaceId)).map((i) => [i.id, i]));
    return segment.refs.importIds.map((id) => byId.get(id)).filter((i): i is ImportEntity => Boolean(i));
  }
}

export type { RuleInput };
