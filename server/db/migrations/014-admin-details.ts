import type { MigrationInterface, QueryRunner } from 'typeorm';
import { log } from '../../log.js';

/**
 * Issue 19: what discovery saw of a table beside its columns (partition values with counts, the newest file's time,
 * the first rows of the newest file and which version of it they came from), when each API key was last used, and workspace names unique per instance in
 * any case. Names that already clash are renamed first, deterministically: the oldest keeps its name, the next ones
 * get " (2)", " (3)"… (skipping names already taken), so the index can be built and no workspace is lost.
 */
export class AdminDetails1730000000014 implements MigrationInterface {
  name = 'AdminDetails1730000000014';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "source_table" ADD COLUMN "partitionValues" text`);
    await q.query(`ALTER TABLE "source_table" ADD COLUMN "newestFileAt" text`);
    await q.query(`ALTER TABLE "source_table" ADD COLUMN "sampleRows" text`);
    await q.query(`ALTER TABLE "source_table" ADD COLUMN "sampleOf" text`);
    await q.query(`ALTER TABLE "api_key" ADD COLUMN "lastUsedAt" text`);
    await renameDuplicateWorkspaces(q);
    await q.query(`CREATE UNIQUE INDEX "workspace_name_unique" ON "workspace" (LOWER("name"))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "workspace_name_unique"`);
    await q.query(`ALTER TABLE "api_key" DROP COLUMN "lastUsedAt"`);
    for (const column of ['sampleOf', 'sampleRows', 'newestFileAt', 'partitionValues']) await q.query(`ALTER TABLE "source_table" DROP COLUMN "${column}"`);
  }
}

/** Renames every workspace whose name (any case) an older one already has; the oldest (then lowest id) keeps it. */
export async function renameDuplicateWorkspaces(q: QueryRunner): Promise<string[]> {
  const pg = q.connection.options.type === 'postgres';
  const rows: { id: string; name: string }[] = await q.query(`SELECT "id", "name" FROM "workspace" ORDER BY "createdAt", "id"`);
  const taken = new Set(rows.map((r) => r.name.toLowerCase()));
  const seen = new Set<string>();
  const renamed: string[] = [];
  for (const row of rows) {
    const key = row.name.toLowerCase();
    if (!seen.has(key)) {
      seen.add(key);
      continue;
    }
    let n = 2;
    while (taken.has(`${row.name} (${n})`.toLowerCase())) n++;
    const name = `${row.name} (${n})`;
    taken.add(name.toLowerCase());
    seen.add(name.toLowerCase());
    await q.query(`UPDATE "workspace" SET "name" = ${pg ? '$1' : '?'} WHERE "id" = ${pg ? '$2' : '?'}`, [name, row.id]);
    renamed.push(`${row.name} → ${name}`);
  }
  if (renamed.length) log.warn('migration 014 renamed workspaces whose names clashed', { renamed });
  return renamed;
}
