import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 20: `import.rowCount`, kept by each run's publishing transaction so reading it is a column, not a COUNT(*)
 * over the data table per import per request. Existing imports are backfilled with their current counts.
 */
export class ImportRowCount1730000000008 implements MigrationInterface {
  name = 'ImportRowCount1730000000008';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "import" ADD COLUMN "rowCount" double precision NOT NULL DEFAULT 0`);
    const pg = q.connection.options.type === 'postgres';
    const imports: { id: string; dataTable: string }[] = await q.query(`SELECT "id", "dataTable" FROM "import"`);
    for (const imp of imports) {
      // Data tables are made at the first publish; an import that never published has none and keeps 0.
      if (!/^[a-z_][a-z0-9_]*$/.test(imp.dataTable)) continue;
      const exists = pg
        ? Boolean((await q.query(`SELECT to_regclass($1) AS t`, [imp.dataTable]))[0]?.t)
        : (await q.query(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`, [imp.dataTable])).length > 0;
      if (!exists) continue;
      await q.query(`UPDATE "import" SET "rowCount" = (SELECT COUNT(*) FROM "${imp.dataTable}") WHERE "id" = ${pg ? '$1' : '?'}`, [imp.id]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "import" DROP COLUMN "rowCount"`);
  }
}
