import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Written with TypeORM's schema builder so one migration serves SQLite and PostgreSQL. */
const text = (name: string, nullable = false) => ({ name, type: 'text', isNullable: nullable });
const int = (name: string, nullable = false, defaultValue?: number) => ({ name, type: 'integer', isNullable: nullable, default: defaultValue });
const float = (name: string, nullable = false, defaultValue?: number) => ({ name, type: 'double precision', isNullable: nullable, default: defaultValue });
const id = { name: 'id', type: 'text', isPrimary: true };

export class Foundation1730000000001 implements MigrationInterface {
  name = 'Foundation1730000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(new Table({ name: 'workspace', columns: [id, text('name'), text('createdAt')] }));
    await q.createTable(
      new Table({
        name: 'api_key',
        columns: [
          id,
          text('workspaceId'),
          text('name'),
          text('prefix'),
          { name: 'hash', type: 'text', isUnique: true },
          { name: 'isAdmin', type: 'boolean', default: false },
          text('createdAt'),
          text('revokedAt', true),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'connection',
        columns: [
          id,
          text('workspaceId'),
          text('name'),
          text('platform'),
          text('status'),
          text('statusReason', true),
          text('settings'),
          text('sealedCredentials'),
          text('credentialsHint', true),
          int('validationSeq', false, 0),
          text('createdAt'),
          text('updatedAt'),
        ],
        indices: [new TableIndex({ columnNames: ['workspaceId', 'platform', 'status'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'connection_status_event',
        columns: [id, text('connectionId'), text('workspaceId'), text('from', true), text('to'), text('reason', true), text('at')],
        indices: [new TableIndex({ columnNames: ['connectionId', 'at'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'source_table',
        columns: [
          { ...text('connectionId'), isPrimary: true },
          { ...text('name'), isPrimary: true },
          text('columns'),
          text('partitionColumns'),
          int('fileCount', true),
          float('totalBytes', true),
          text('schemaFile', true),
          text('warnings'),
          text('ignoredReason', true),
          text('details', true),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'schema_refresh',
        columns: [
          { ...text('connectionId'), isPrimary: true },
          text('status'),
          text('startedAt'),
          text('finishedAt', true),
          text('error', true),
          int('requests', false, 0),
          float('bytesRead', false, 0),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['schema_refresh', 'source_table', 'connection_status_event', 'connection', 'api_key', 'workspace']) await q.dropTable(t);
  }
}
