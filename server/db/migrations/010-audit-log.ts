import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Issue 18: the audit log (server/audit). One row per GraphQL mutation: who (key id and name, workspace), what
 * (operation and target id), when, outcome. No variables are stored, so no secret can be.
 */
export class AuditLog1730000000010 implements MigrationInterface {
  name = 'AuditLog1730000000010';

  async up(q: QueryRunner): Promise<void> {
    const text = (name: string, nullable = false) => ({ name, type: 'text', isNullable: nullable });
    await q.createTable(
      new Table({
        name: 'audit_entry',
        columns: [{ ...text('id'), isPrimary: true }, text('at'), text('workspaceId'), text('apiKeyId'), text('apiKeyName'), text('action'), text('targetId', true), text('outcome')],
        indices: [
          // The list is a workspace's entries newest first, optionally by action or key: each filter has its range scan.
          new TableIndex({ name: 'audit_entry_workspace_at', columnNames: ['workspaceId', 'at', 'id'] }),
          new TableIndex({ name: 'audit_entry_workspace_action_at', columnNames: ['workspaceId', 'action', 'at'] }),
          new TableIndex({ name: 'audit_entry_workspace_key_at', columnNames: ['workspaceId', 'apiKeyId', 'at'] }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('audit_entry');
  }
}
