import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 18 item 7: indexes for the paged lists (graphql/pagination.ts), so a page is one range scan of an index in
 * its sort order however deep it is: connections and imports by workspace then creation time or name, runs by import
 * then queue time; the id breaks ties in each. The same statements on SQLite and PostgreSQL.
 */
export class ListIndexes1730000000012 implements MigrationInterface {
  name = 'ListIndexes1730000000012';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "connection_list_created" ON "connection" ("workspaceId", "createdAt", "id")`);
    await q.query(`CREATE INDEX "connection_list_name" ON "connection" ("workspaceId", "name", "id")`);
    await q.query(`CREATE INDEX "import_list_created" ON "import" ("workspaceId", "createdAt", "id")`);
    await q.query(`CREATE INDEX "import_list_name" ON "import" ("workspaceId", "name", "id")`);
    await q.query(`CREATE INDEX "import_run_list" ON "import_run" ("importId", "queuedAt", "id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const name of ['connection_list_created', 'connection_list_name', 'import_list_created', 'import_list_name', 'import_run_list']) await q.query(`DROP INDEX "${name}"`);
  }
}
