import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Routing (issue 16): every file a destination wrote (`delivery`), and each destination's own state (`destination`:
 * paused). Where a streaming destination has read up to in the event log is its `event_consumer` row (007), so the
 * log's retention waits for it whichever store holds the events.
 */
export class Routing1730000000009 implements MigrationInterface {
  name = 'Routing1730000000009';

  async up(q: QueryRunner): Promise<void> {
    const pg = q.connection.options.type === 'postgres';
    const big = pg ? 'bigint' : 'integer';
    await q.query(
      `CREATE TABLE "delivery" ("id" text PRIMARY KEY, "connectionId" text NOT NULL, "workspaceId" text NOT NULL, "dataType" text NOT NULL,
        "key" text NOT NULL, "rows" integer NOT NULL, "bytes" ${big} NOT NULL, "uncompressedBytes" ${big} NOT NULL, "windowStart" text, "windowEnd" text,
        "firstPosition" ${big} NOT NULL, "lastPosition" ${big} NOT NULL, "worker" text NOT NULL, "attempt" integer NOT NULL, "status" text NOT NULL,
        "error" text, "startedAt" text NOT NULL, "finishedAt" text)`,
    );
    // A destination's history, newest first (the page), and its unfinished batch (a retry rewrites the same keys).
    await q.query(`CREATE INDEX "delivery_connection" ON "delivery" ("connectionId", "startedAt")`);
    await q.query(`CREATE INDEX "delivery_open" ON "delivery" ("connectionId", "status")`);
    // One record per batch and data type: a second server that built the same batch adopts the first one's key.
    await q.query(`CREATE UNIQUE INDEX "delivery_batch" ON "delivery" ("connectionId", "dataType", "firstPosition")`);
    await q.query(`CREATE TABLE "destination" ("connectionId" text PRIMARY KEY, "workspaceId" text NOT NULL, "paused" integer NOT NULL DEFAULT 0, "updatedAt" text NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "destination"`);
    await q.query(`DROP TABLE "delivery"`);
  }
}
