import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Routing (issue 16): a streaming destination's segment metadata is owed a snapshot while `metadataVersion` (raised on
 * every segment change of its workspace) is above `metadataWritten` (the version the last delivered snapshot read).
 * Before, a queued job was the only mark, and a change while a snapshot was being written was lost: the job could not
 * be queued again while it ran, so the file on S3 missed the change until the next one.
 */
export class SegmentMetadataVersions1730000000015 implements MigrationInterface {
  name = 'SegmentMetadataVersions1730000000015';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "destination" ADD COLUMN "metadataVersion" integer NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE "destination" ADD COLUMN "metadataWritten" integer NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "destination" DROP COLUMN "metadataWritten"`);
    await q.query(`ALTER TABLE "destination" DROP COLUMN "metadataVersion"`);
  }
}
