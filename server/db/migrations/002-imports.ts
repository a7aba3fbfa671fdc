import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

const text = (name: string, nullable = false) => ({ name, type: 'text', isNullable: nullable });
const int = (name: string, nullable = false, defaultValue?: number) => ({ name, type: 'integer', isNullable: nullable, default: defaultValue });
const float = (name: string, nullable = false, defaultValue?: number) => ({ name, type: 'double precision', isNullable: nullable, default: defaultValue });

export class Imports1730000000002 implements MigrationInterface {
  name = 'Imports1730000000002';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'import',
        columns: [
          { name: 'id', type: 'text', isPrimary: true },
          text('workspaceId'), text('connectionId'), text('name'), text('tableName'), text('type'), text('columns'),
          text('userIdColumn'), text('timestampColumn', true), text('identifierColumn', true), text('identifierType', true),
          text('groupIdColumn', true), text('isDeletedColumn', true), text('status'), text('statusReason', true),
          text('schedule'), text('nextRunAt', true), float('rejectThreshold'), text('stored'), text('acceptedSchema'),
          text('dataTable'), text('watermark', true), text('createdAt'), text('updatedAt'),
        ],
        indices: [new TableIndex({ columnNames: ['workspaceId', 'connectionId'] }), new TableIndex({ columnNames: ['status', 'nextRunAt'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'import_run',
        columns: [
          { name: 'id', type: 'text', isPrimary: true },
          text('importId'), text('workspaceId'), text('status'), text('trigger'), int('attempt'), text('queuedAt'), text('notBefore', true),
          text('startedAt', true), text('finishedAt', true), text('heartbeatAt', true), text('owner', true),
          int('filesTotal', true), int('filesDone', true), int('rowsRead', false, 0), int('rowsImported', false, 0), int('rowsRejected', false, 0),
          float('bytesRead', false, 0), text('error', true), text('rejects'),
        ],
        indices: [
          new TableIndex({ columnNames: ['importId', 'queuedAt'] }),
          new TableIndex({ columnNames: ['status'] }),
          // At most one queued or running run per import, whichever server asks.
          new TableIndex({ name: 'import_run_one_active', columnNames: ['importId'], isUnique: true, where: `"status" IN ('QUEUED', 'RUNNING')` }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'import_unit',
        columns: [
          { name: 'importId', type: 'text', isPrimary: true },
          { name: 'unitId', type: 'text', isPrimary: true },
          text('runId'), int('rows'), text('importedAt'),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['import_unit', 'import_run', 'import']) await q.dropTable(t);
  }
}
