import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Audiences (issue 17): segments, their code counter, their membership and their evaluations.
 * - `segment_code` hands out each workspace's codes by an atomic upsert (never reused, whichever server asks).
 * - `segment_member` is keyed (segment, user) for paging members; the (workspace, user) index answers
 *   `userSegments` and the codes events carry, in an ad request path.
 */
export class Audiences1730000000013 implements MigrationInterface {
  name = 'Audiences1730000000013';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "segment" ("id" text PRIMARY KEY, "workspaceId" text NOT NULL, "code" integer NOT NULL, "name" text NOT NULL,
        "description" text, "tags" text NOT NULL, "rule" text NOT NULL, "refs" text NOT NULL, "status" text NOT NULL, "statusReason" text,
        "size" integer, "lastEvaluatedAt" text, "evaluationRequestedAt" text, "createdAt" text NOT NULL, "updatedAt" text NOT NULL)`,
    );
    await q.query(`CREATE UNIQUE INDEX "segment_workspace_code" ON "segment" ("workspaceId", "code")`);
    await q.query(`CREATE INDEX "segment_workspace" ON "segment" ("workspaceId", "createdAt")`);
    await q.query(`CREATE TABLE "segment_code" ("workspace_id" text PRIMARY KEY, "last" integer NOT NULL)`);
    await q.query(`CREATE TABLE "segment_member" ("segment_id" text NOT NULL, "workspace_id" text NOT NULL, "user_id" text NOT NULL, PRIMARY KEY ("segment_id", "user_id"))`);
    await q.query(`CREATE INDEX "segment_member_user" ON "segment_member" ("workspace_id", "user_id")`);
    await q.query(
      `CREATE TABLE "segment_evaluation" ("id" text PRIMARY KEY, "segmentId" text NOT NULL, "workspaceId" text NOT NULL, "at" text NOT NULL,
        "size" integer NOT NULL, "added" integer NOT NULL, "removed" integer NOT NULL, "durationMs" integer NOT NULL)`,
    );
    await q.query(`CREATE INDEX "segment_evaluation_segment" ON "segment_evaluation" ("segmentId", "at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['segment_evaluation', 'segment_member', 'segment_code', 'segment']) await q.query(`DROP TABLE "${t}"`);
  }
}
