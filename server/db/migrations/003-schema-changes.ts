import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

const text = (name: string, nullable = false) => ({ name, type: 'text', isNullable: nullable });

export class SchemaChanges1730000000003 implements MigrationInterface {
  name = 'SchemaChanges1730000000003';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'schema_change',
        columns: [
          { name: 'id', type: 'text', isPrimary: true },
          text('importId'), text('workspaceId'), text('kind'), text('column'), text('previousType', true), text('newType', true),
          text('support'), text('status'), text('description'), text('parent', true), text('detectedAt'), text('resolvedAt', true),
          text('sourceFile', true), text('signature'),
        ],
        indices: [new TableIndex({ columnNames: ['importId', 'status'] }), new TableIndex({ columnNames: ['importId', 'signature'] })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('schema_change');
  }
}
