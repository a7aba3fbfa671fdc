import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/** One row `GET /readyz` rewrites, to prove the database accepts writes (see server/health/health.ts). */
export class HealthProbe1730000000004 implements MigrationInterface {
  name = 'HealthProbe1730000000004';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'health_probe',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true },
          { name: 'checkedAt', type: 'text' },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('health_probe');
  }
}
