import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { IsNull } from 'typeorm';
import type { DomainEvents } from '../events/domain-events.js';
import { conflict, forbidden, notFound } from '../graphql/errors.js';
import { log } from '../log.js';
import { ApiKeyEntity, WorkspaceEntity } from './workspace.entity.js';

/** Who is calling: the key's workspace, and whether it is the instance admin's key. */
export interface Principal {
  keyId: string;
  workspaceId: string;
  isAdmin: boolean;
}

const KEY_PREFIX = 'inlet_';
const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

/** Workspaces and API keys. Keys are random, shown once, and stored as SHA-256 hashes. */
export class WorkspaceService {
  constructor(private readonly db: DataSource, private readonly events: DomainEvents) {}

  /**
   * First start: creates the default workspace and the admin key (from INLET_API_KEY, or a new one that is returned
   * so the caller can print it once). Later starts do nothing.
   */
  async bootstrap(initialKey: string | null): Promise<{ workspace: WorkspaceEntity; createdKey: string | null }> {
    const existing = await this.db.getRepository(WorkspaceEntity).find({ order: { createdAt: 'ASC' }, take: 1 });
    if (existing[0]) {
      if (initialKey && !(await this.authenticate(initialKey))) {
        await this.storeKey(existing[0].id, 'admin (INLET_API_KEY)', initialKey, true);
      }
      return { workspace: existing[0], createdKey: null };
    }
    const workspace = await this.db.getRepository(WorkspaceEntity).save({ id: randomUUID(), name: 'Default', createdAt: new Date() });
    const key = initialKey ?? newKey();
    await this.storeKey(workspace.id, 'admin', key, true);
    return { workspace, createdKey: initialKey ? null : key };
  }

  /** The principal for a bearer key, or null when the key is unknown or revoked. */
  async authenticate(key: string): Promise<Principal | null> {
    if (!key) return null;
    const hash = hashKey(key);
    const found = await this.db.getRepository(ApiKeyEntity).findOneBy({ hash, revokedAt: IsNull() });
    if (!found || !timingSafeEqual(Buffer.from(found.hash), Buffer.from(hash))) return null;
    return { keyId: found.id, workspaceId: found.workspaceId, isAdmin: found.isAdmin };
  }

  async workspace(id: string): Promise<WorkspaceEntity | null> {
    return this.db.getRepository(WorkspaceEntity).findOneBy({ id });
  }

  async createWorkspace(principal: Principal, name: string): Promise<WorkspaceEntity> {
    if (!principal.isAdmin) throw forbidden('Only the instance admin key can create workspaces');
    const workspace = await this.db.getRepository(WorkspaceEntity).save({ id: randomUUID(), name: name.trim(), createdAt: new Date() });
    log.info('workspace created', { workspaceId: workspace.id });
    return workspace;
  }

  async listWorkspaces(principal: Principal): Promise<WorkspaceEntity[]> {
    const repo = this.db.getRepository(WorkspaceEntity);
    return principal.isAdmin ? repo.find({ order: { createdAt: 'ASC' } }) : repo.findBy({ id: principal.workspaceId });
  }

  /** Creates a key for a workspace; the admin may do so for any workspace, others only for their own. */
  async createApiKey(principal: Principal, workspaceId: string, name: string): Promise<{ key: ApiKeyEntity; value: string }> {
    if (!principal.isAdmin && principal.workspaceId !== workspaceId) throw forbidden('A key can only create keys for its own workspace');
    if (!(await this.workspace(workspaceId))) throw notFound('Workspace', workspaceId);
    const value = newKey();
    const key = await this.storeKey(workspaceId, name.trim(), value, false);
    log.info('api key created', { keyId: key.id, workspaceId });
    return { key, value };
  }

  async listApiKeys(principal: Principal): Promise<ApiKeyEntity[]> {
    return this.db.getRepository(ApiKeyEntity).find({ where: { workspaceId: principal.workspaceId }, order: { createdAt: 'ASC' } });
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

  private async storeKey(workspaceId: string, name: string, value: string, isAdmin: boolean): Promise<ApiKeyEntity> {
    return this.db.getRepository(ApiKeyEntity).save({
      id: randomUUID(), workspaceId, name, prefix: value.slice(0, KEY_PREFIX.length + 4), hash: hashKey(value), isAdmin, createdAt: new Date(), revokedAt: null,
    });
  }
}

function newKey(): string {
  return KEY_PREFIX + randomBytes(24).toString('base64url');
}
