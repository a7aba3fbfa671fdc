import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { DomainEvents } from '../events/domain-events.js';
import { badInput, conflict, forbidden, notFound } from '../errors.js';
import { log } from '../log.js';
import { uncounted } from '../db/statement-count.js';
import { EntityRows } from '../db/rows.js';
import { ApiKeyEntity, ApiKeyScope, InstanceEntity, WorkspaceEntity } from './workspace.entity.js';

/** Who is calling: the key's workspace, and whether it is the instance admin's key. */
export interface Principal {
  keyId: string;
  workspaceId: string;
  isAdmin: boolean;
  scope: ApiKeyScope;
}

const KEY_PREFIX = 'inlet_';
/** `lastUsedAt` is kept to within this much, so a busy key costs one write a minute, not one per request. */
export const LAST_USED_PRECISION_MS = 60_000;
const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

/** Workspaces and API keys. Keys are random, shown once, and stored as SHA-256 hashes. */
export class WorkspaceService {
  constructor(private readonly db: DataSource, private readonly events: DomainEvents) {}

  /**
   * First start: creates the default workspace and the admin key (from INLET_API_KEY, or a new one that is returned
   * so the caller can print it once). Later starts do nothing but add INLET_API_KEY when it is new. The workspace, the
   * key and the `instance` row are written in one transaction, and the row's primary key lets only one of several
   * servers starting together on an empty database win; the others find the winner's workspace.
   */
  async bootstrap(initialKey: string | null): Promise<{ workspace: WorkspaceEntity; createdKey: string | null }> {
    const existing = await this.defaultWorkspace();
    if (existing) {
      if (initialKey && !(await this.authenticate(initialKey))) {
        await ignoreDuplicate(this.storeKey(this.db.manager, existing.id, 'admin (INLET_API_KEY)', initialKey, true));
      }
      return { workspace: existing, createdKey: null };
    }
    const key = initialKey ?? newKey();
    const now = new Date();
    const workspace: WorkspaceEntity = { id: randomUUID(), name: 'Default', createdAt: now };
    const won = await ignoreDuplicate(
      this.db.transaction(async (tx) => {
        await tx.getRepository(InstanceEntity).insert({ id: 'instance', defaultWorkspaceId: workspace.id, createdAt: now });
        await tx.getRepository(WorkspaceEntity).insert(workspace);
        await this.storeKey(tx, workspace.id, 'admin', key, true);
      }),
    );
    if (!won) return this.bootstrap(initialKey);
    return { workspace, createdKey: initialKey ? null : key };
  }

  /** The workspace the first start created, or null before it. */
  private async defaultWorkspace(): Promise<WorkspaceEntity | null> {
    const instance = await this.db.getRepository(InstanceEntity).findOneBy({ id: 'instance' });
    return instance ? this.workspace(instance.defaultWorkspaceId) : null;
  }

  /** The principal for a bearer key, or null when the key is unknown or revoked. */
  async authenticate(key: string): Promise<Principal | null> {
    if (!key) return null;
    const hash = hashKey(key);
    // Every request: read raw (db/rows.ts), through the unique index on the hash.
    const [found] = await EntityRows.of(this.db).select(ApiKeyEntity, 'k', `WHERE "k"."hash" = ? AND "k"."revokedAt" IS NULL`, [hash]);
    if (!found || !timingSafeEqual(Buffer.from(found.hash), Buffer.from(hash))) return null;
    // Not counted in the request's statements (INLET_COUNT_SQL): it is the key's, once a minute, whatever was asked.
    await uncounted(() => this.markUsed(found));
    return { keyId: found.id, workspaceId: found.workspaceId, isAdmin: found.isAdmin, scope: found.scope ?? (found.isAdmin ? ApiKeyScope.ADMIN : ApiKeyScope.WORKSPACE) };
  }

  /**
   * Records that the key was used, at most once a minute per key: the write happens only when the stored time is
   * older than LAST_USED_PRECISION_MS, and is conditional, so servers sharing the database write it once between them.
   */
  private async markUsed(key: ApiKeyEntity): Promise<void> {
    const now = new Date();
    if (key.lastUsedAt && now.getTime() - key.lastUsedAt.getTime() < LAST_USED_PRECISION_MS) return;
    const stale = new Date(now.getTime() - LAST_USED_PRECISION_MS).toISOString();
    try {
      await this.db
        .createQueryBuilder()
        .update(ApiKeyEntity)
        .set({ lastUsedAt: now })
        .where('id = :id AND ("lastUsedAt" IS NULL OR "lastUsedAt" <= :stale)', { id: key.id, stale })
        .execute();
    } catch (error) {
      // Knowing when a key was last used never costs a request: a failed write is logged and the request goes on.
      log.warn('could not record when an API key was used', { keyId: key.id, error: String((error as Error)?.message ?? error) });
    }
  }

  async workspace(id: string): Promise<WorkspaceEntity | null> {
    // The viewer reads it on every page of the admin UI: raw (db/rows.ts) by the primary key, as the key check does;
    // TypeORM's findOneBy built and hydrated the same row at about 7% of such a request's CPU.
    const [found] = await EntityRows.of(this.db).select(WorkspaceEntity, 'w', `WHERE "w"."id" = ?`, [id]);
    return found ?? null;
  }

  async createWorkspace(principal: Principal, name: string): Promise<WorkspaceEntity> {
    if (!principal.isAdmin) throw forbidden('Only the instance admin key can create workspaces');
    const trimmed = name.trim();
    if (!trimmed) throw badInput('name', 'Name the workspace');
    // Names tell workspaces apart in the admin UI: a second one with the same name (any case) is refused. The unique
    // index on LOWER(name) (migration 014) settles two simultaneous creations; the lookup names the clash.
    const taken = () => this.db.getRepository(WorkspaceEntity).createQueryBuilder('w').where('LOWER(w.name) = LOWER(:name)', { name: trimmed }).getOne();
    const clash = (same: WorkspaceEntity) => badInput('name', `A workspace named "${same.name}" already exists: choose another name`);
    const same = await taken();
    if (same) throw clash(same);
    const workspace: WorkspaceEntity = { id: randomUUID(), name: trimmed, createdAt: new Date() };
    if (!(await ignoreDuplicate(this.db.getRepository(WorkspaceEntity).insert(workspace)))) {
      const winner = await taken();
      throw winner ? clash(winner) : badInput('name', `A workspace named "${trimmed}" already exists: choose another name`);
    }
    log.info('workspace created', { workspaceId: workspace.id });
    return workspace;
  }

  async listWorkspaces(principal: Principal): Promise<WorkspaceEntity[]> {
    const repo = this.db.getRepository(WorkspaceEntity);
    return principal.isAdmin ? repo.find({ order: { createdAt: 'ASC' } }) : repo.findBy({ id: principal.workspaceId });
  }

  /** Creates a key for a workspace; the admin may do so for any workspace, others only for their own. */
  async createApiKey(principal: Principal, workspaceId: string, name: string, scope: ApiKeyScope = ApiKeyScope.WORKSPACE): Promise<{ key: ApiKeyEntity; value: string }> {
    if (!principal.isAdmin && principal.workspaceId !== workspaceId) throw forbidden('A key can only create keys for its own workspace');
    if (scope === ApiKeyScope.ADMIN && !principal.isAdmin) throw forbidden('Only the instance admin key can create ADMIN keys');
    if (!(await this.workspace(workspaceId))) throw notFound('Workspace', workspaceId);
    const value = newKey();
    const key = await this.storeKey(this.db.manager, workspaceId, name.trim(), value, scope === ApiKeyScope.ADMIN, scope);
    log.info('api key created', { keyId: key.id, workspaceId });
    return { key, value };
  }

  /** A workspace's keys: the admin may list any workspace's, others only their own. */
  async listApiKeys(principal: Principal, workspaceId: string): Promise<ApiKeyEntity[]> {
    if (!principal.isAdmin && principal.workspaceId !== workspaceId) throw forbidden('A key can only list the keys of its own workspace');
    if (workspaceId !== principal.workspaceId && !(await this.workspace(workspaceId))) throw notFound('Workspace', workspaceId);
    return this.db.getRepository(ApiKeyEntity).find({ where: { workspaceId }, order: { createdAt: 'ASC' } });
  }

  /** Revokes a key at once: requests fail from now on, and every server closes its open subscriptions. */
  async revokeApiKey(principal: Principal, id: string): Promise<boolean> {
    const repo = this.db.getRepository(ApiKeyEntity);
    const key = await repo.findOneBy({ id });
    if (!key || (!principal.isAdmin && key.workspaceId !== principal.workspaceId)) throw notFound('API key', id);
    if (key.id === principal.keyId) throw conflict('A key cannot revoke itself; use another key of this workspace');
    if (key.revokedAt) return true;
    await repo.update({ id }, { revokedAt: new Date() });
    await this.events.publish({ type: 'ApiKeyRevoked', keyId: id });
    log.info('api key revoked', { keyId: id });
    return true;
  }

  private async storeKey(manager: EntityManager, workspaceId: string, name: string, value: string, isAdmin: boolean, scope = isAdmin ? ApiKeyScope.ADMIN : ApiKeyScope.WORKSPACE): Promise<ApiKeyEntity> {
    return manager.getRepository(ApiKeyEntity).save({
      id: randomUUID(), workspaceId, name, prefix: value.slice(0, KEY_PREFIX.length + 4), hash: hashKey(value), isAdmin, scope, createdAt: new Date(), revokedAt: null,
    });
  }
}

/** Runs `write`; false when it lost a race to a unique constraint (another server wrote the same row first). */
async function ignoreDuplicate(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if (/unique|duplicate/i.test(String((error as Error).message))) return false;
    throw error;
  }
}

function newKey(): string {
  return KEY_PREFIX + randomBytes(24).toString('base64url');
}
