/**
 * The codes of each user's segments, for stamping ingested events (`segments`): a bounded in-memory map per server,
 * filled by one indexed query per batch for the users it misses, and dropped for a workspace whenever one of its
 * segments is evaluated or deleted (every server hears that on the bus). A lookup that raced an invalidation is
 * answered but not kept.
 */
export class MembershipCache {
  private readonly entries = new Map<string, number[]>();
  private readonly generations = new Map<string, number>();

  constructor(
    private readonly load: (workspaceId: string, userIds: string[]) => Promise<Map<string, number[]>>,
    private readonly maxEntries = 100_000,
  ) {}

  private key(workspaceId: string, userId: string) {
    return `${workspaceId}\u0000${userId}`;
  }

  /** The codes for each user id (sorted), from the cache or one query for the misses. */
  async codes(workspaceId: string, userIds: string[]): Promise<Map<string, number[]>> {
    const out = new Map<string, number[]>();
    const missing: string[] = [];
    for (const u of new Set(userIds)) {
      const hit = this.entries.get(this.key(workspaceId, u));
      if (hit) out.set(u, hit);
      else missing.push(u);
    }
    if (!missing.length) return out;
    const generation = this.generations.get(workspaceId) ?? 0;
    const loaded = await this.load(workspaceId, missing);
    const keep = (this.generations.get(workspaceId) ?? 0) === generation;
    for (const u of missing) {
      const codes = loaded.get(u) ?? [];
      out.set(u, codes);
      if (!keep) continue;
      this.entries.set(this.key(workspaceId, u), codes);
      if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    }
    return out;
  }

  /** Forgets a workspace's entries (its memberships changed). */
  invalidate(workspaceId: string): void {
    this.generations.set(workspaceId, (this.generations.get(workspaceId) ?? 0) + 1);
    const prefix = `${workspaceId}\u0000`;
    for (const key of this.entries.keys()) if (key.startsWith(prefix)) this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}
