import type { DataSource } from 'typeorm';

/** What needs an admin's attention in a workspace: the counts behind the navigation's badge. */
export interface AttentionCounts {
  pendingSchemaChanges: number;
  blockedImports: number;
  failingImports: number;
  inactiveConnections: number;
}

/**
 * A read model over imports, their runs, schema changes and connections: four indexed counts in one statement,
 * cheap enough for the navigation to ask on every page. An import is failing when its newest finished run
 * (SUCCEEDED or FAILED) failed; a connection needs attention when INACTIVE (DEPRECATED is a server decision).
 */
export class AttentionService {
  constructor(private readonly db: DataSource) {}

  async counts(workspaceId: string): Promise<AttentionCounts> {
    const p = this.db.options.type === 'postgres' ? (n: number) => `$${n}` : () => '?';
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT
        (SELECT COUNT(*) FROM "schema_change" WHERE "workspaceId" = ${p(1)} AND "status" = 'PENDING') AS "pendingSchemaChanges",
        (SELECT COUNT(*) FROM "import" WHERE "workspaceId" = ${p(2)} AND "status" = 'BLOCKED') AS "blockedImports",
        (SELECT COUNT(*) FROM "import" i WHERE i."workspaceId" = ${p(3)} AND i."status" <> 'BLOCKED' AND (
          SELECT r."status" FROM "import_run" r WHERE r."importId" = i."id" AND r."status" IN ('SUCCEEDED', 'FAILED') ORDER BY r."queuedAt" DESC LIMIT 1
        ) = 'FAILED') AS "failingImports",
        (SELECT COUNT(*) FROM "connection" WHERE "workspaceId" = ${p(4)} AND "status" = 'INACTIVE') AS "inactiveConnections"`,
      [workspaceId, workspaceId, workspaceId, workspaceId],
    );
    const row = rows[0] ?? {};
    const n = (key: string) => Number(row[key] ?? 0);
    return { pendingSchemaChanges: n('pendingSchemaChanges'), blockedImports: n('blockedImports'), failingImports: n('failingImports'), inactiveConnections: n('inactiveConnections') };
  }
}
