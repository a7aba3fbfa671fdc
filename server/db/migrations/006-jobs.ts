import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** The job engine's queue and its fired schedule slots (server/jobs), one schema for SQLite and PostgreSQL. */
const text = (name: string, nullable = false) => ({ name, type: 'text', isNullable: nullable });
const int = (name: string, nullable = false, defaultValue?: number) => ({ name, type: 'integer', isNullable: nullable, default: defaultValue });

export class Jobs1730000000006 implements MigrationInterface {
  name = 'Jobs1730000000006';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'job',
        columns: [
          { name: 'id', type: 'text', isPrimary: true },
          text('kind'), text('key'), text('payload'), text('status'), int('attempt'),
          text('notBefore', true), text('heartbeatAt', true), text('owner', true), text('error', true),
          // 0/1 rather than boolean: the same literal binds on better-sqlite3 and pg.
          int('cancelRequested', false, 0),
          text('createdAt'), text('startedAt', true), text('finishedAt', true),
        ],
        indices: [
          new TableIndex({ columnNames: ['status', 'notBefore'] }),
          new TableIndex({ columnNames: ['kind', 'key'] }),
          // One queued or running job per (kind, key), whichever server inserts it.
          new TableIndex({ name: 'job_one_active', columnNames: ['kind', 'key'], isUnique: true, where: `"status" IN ('QUEUED', 'RUNNING')` }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'job_slot',
        columns: [{ ...text('name'), isPrimary: true }, { ...text('slot'), isPrimary: true }, text('firedAt')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['job_slot', 'job']) await q.dropTable(t);
  }
}
