import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The `instance` table holds one row, written by the first start's bootstrap in the same transaction as the default
 * workspace and admin key. Its primary key is what makes the bootstrap happen once, whatever the number of servers
 * starting together on an empty database. Existing databases get the row of their oldest workspace.
 */
export class Instance1730000000005 implements MigrationInterface {
  name = 'Instance1730000000005';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'instance',
        columns: [
          { name: 'id', type: 'text', isPrimary: true },
          { name: 'defaultWorkspaceId', type: 'text' },
          { name: 'createdAt', type: 'text' },
        ],
      }),
    );
    await q.query(
      `INSERT INTO "instance" ("id", "defaultWorkspaceId", "createdAt")
       SELECT 'instance', "id", "createdAt" FROM "workspace" ORDER BY "createdAt" ASC LIMIT 1`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('instance');
  }
}
