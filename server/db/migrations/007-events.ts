import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * First-party events (issue 15): API key scopes, the event log, aliases, learned event types with per-minute counts,
 * and consumer positions (what routing has taken). Raw SQL because the log's position column differs by dialect:
 * SQLite's AUTOINCREMENT never reuses a purged position; PostgreSQL's BIGSERIAL likewise.
 */
export class Events1730000000007 implements MigrationInterface {
  name = 'Events1730000000007';

  async up(q: QueryRunner): Promise<void> {
    const pg = q.connection.options.type === 'postgres';
    await q.query(`ALTER TABLE "api_key" ADD COLUMN "scope" text NOT NULL DEFAULT 'WORKSPACE'`);
    await q.query(`UPDATE "api_key" SET "scope" = 'ADMIN' WHERE "isAdmin" = ${pg ? 'true' : '1'}`);
    await q.query(
      `CREATE TABLE "event_log" (
        "seq" ${pg ? 'BIGSERIAL PRIMARY KEY' : 'INTEGER PRIMARY KEY AUTOINCREMENT'},
        "workspace_id" text NOT NULL, "event_id" text NOT NULL, "type" text NOT NULL, "user_id" text NOT NULL,
        "time" text NOT NULL, "received_at" text NOT NULL, "body" text NOT NULL)`,
    );
    // The dedupe: one event id per workspace, whichever server or retry brings it.
    await q.query(`CREATE UNIQUE INDEX "event_log_dedupe" ON "event_log" ("workspace_id", "event_id")`);
    // Routing reads a workspace's events in order from a position.
    await q.query(`CREATE INDEX "event_log_position" ON "event_log" ("workspace_id", "seq")`);
    await q.query(
      `CREATE TABLE "event_alias" ("workspace_id" text NOT NULL, "user_id" text NOT NULL, "tag" text NOT NULL, "alias_id" text NOT NULL,
        "priority" integer, "seen_at" text NOT NULL, PRIMARY KEY ("workspace_id", "user_id", "tag", "alias_id"))`,
    );
    await q.query(
      `CREATE TABLE "event_type" ("workspace_id" text NOT NULL, "name" text NOT NULL, "first_seen" text NOT NULL, "last_seen" text NOT NULL,
        "enforced" integer NOT NULL DEFAULT 0, "properties" text NOT NULL, PRIMARY KEY ("workspace_id", "name"))`,
    );
    await q.query(
      `CREATE TABLE "event_type_count" ("workspace_id" text NOT NULL, "name" text NOT NULL, "minute" text NOT NULL, "n" integer NOT NULL,
        PRIMARY KEY ("workspace_id", "name", "minute"))`,
    );
    await q.query(
      `CREATE TABLE "event_consumer" ("consumer" text NOT NULL, "workspace_id" text NOT NULL, "position" ${pg ? 'bigint' : 'integer'} NOT NULL,
        "updated_at" text NOT NULL, PRIMARY KEY ("consumer", "workspace_id"))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['event_consumer', 'event_type_count', 'event_type', 'event_alias', 'event_log']) await q.query(`DROP TABLE "${t}"`);
    await q.query(`ALTER TABLE "api_key" DROP COLUMN "scope"`);
  }
}
