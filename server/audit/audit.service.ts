/**
 * audit/: the audit log. Every GraphQL mutation is recorded by one wrapper around the schema's mutation fields
 * (audit-mutations.ts), on HTTP and graphql-ws alike, whatever the resolver does; this service writes and lists.
 */
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { pageOf, type Page } from '../graphql/pagination.js';
import { log } from '../log.js';
import { ApiKeyEntity } from '../workspaces/workspace.entity.js';
import type { Principal } from '../workspaces/workspace.service.js';
import { AuditEntryEntity } from './audit.entity.js';

/** The outcome of an entry whose mutation has not answered: still running, or its server stopped first. */
export const PENDING = 'PENDING';

export interface AuditFilter {
  first?: number | null;
  after?: string | null;
  action?: string | null;
  apiKeyId?: string | null;
}

export class AuditService {
  /** Key names by id (a name never changes; a revoked key keeps its name). */
  private readonly names = new Map<string, string>();

  constructor(private readonly db: DataSource) {}

  /**
   * Records a mutation about to run, as PENDING (audit-mutations.ts): throws when the entry cannot be written, so
   * the mutation is refused rather than made without its entry.
   */
  async begin(principal: Principal, action: string, targetId: string | null, at = new Date()): Promise<AuditEntryEntity> {
    const entry: AuditEntryEntity = Object.assign(new AuditEntryEntity(), {
      id: randomUUID(), at, workspaceId: principal.workspaceId, apiKeyId: principal.keyId, apiKeyName: await this.keyName(principal.keyId), action, targetId, outcome: PENDING,
    });
    try {
      await this.db.getRepository(AuditEntryEntity).insert(entry);
    } catch (error) {
      log.error('audit entry not written; the mutation is refused', { action, keyId: principal.keyId, error: String((error as Error)?.message ?? error) });
      throw new Error('The audit log could not record this change, so it was not made; try again');
    }
    return entry;
  }

  /** Sets how a begun mutation ended; a failure to write is logged, never thrown (the mutation has happened): the entry stays PENDING. */
  async end(entry: AuditEntryEntity, outcome: string, targetId: string | null): Promise<void> {
    try {
      await this.db.getRepository(AuditEntryEntity).update({ id: entry.id }, { outcome, targetId });
    } catch (error) {
      log.error('audit outcome not written; the entry stays PENDING', { action: entry.action, outcome, entryId: entry.id, error: String((error as Error)?.message ?? error) });
    }
  }

  /** The caller's workspace's entries, newest first, filtered by action and key. */
  async list(principal: Principal, filter: AuditFilter): Promise<Page<AuditEntryEntity>> {
    const query = this.db.getRepository(AuditEntryEntity).createQueryBuilder('a').where('a.workspaceId = :ws', { ws: principal.workspaceId });
    if (filter.action) query.andWhere('a.action = :action', { action: filter.action });
    if (filter.apiKeyId) query.andWhere('a.apiKeyId = :key', { key: filter.apiKeyId });
    return pageOf(query, { first: filter.first, after: filter.after, sort: [{ property: 'at', direction: 'DESC' }] }, (row) => row);
  }

  private async keyName(keyId: string): Promise<string> {
    let name = this.names.get(keyId);
    if (name === undefined) {
      name = (await this.db.getRepository(ApiKeyEntity).findOne({ where: { id: keyId }, select: { id: true, name: true } }))?.name ?? '(unknown key)';
      if (this.names.size > 10_000) this.names.clear();
      this.names.set(keyId, name);
    }
    return name;
  }
}
