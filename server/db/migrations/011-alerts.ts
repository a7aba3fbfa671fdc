import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Alerts (issue 18): notification channels (URL and signing secret sealed), their deliveries and every attempt of
 * each, and the per (workspace, subject, family) alert state whose compare-and-set makes each change of state notify
 * once across servers. One schema for SQLite and PostgreSQL.
 */
const text = (name: string, nullable = false) => ({ name, type: 'text', isNullable: nullable });
const int = (name: string, nullable = false, defaultValue?: number) => ({ name, type: 'integer', isNullable: nullable, default: defaultValue });

export class Alerts1730000000011 implements MigrationInterface {
  name = 'Alerts1730000000011';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'notification_channel',
        columns: [
          { ...text('id'), isPrimary: true },
          text('workspaceId'), text('name'), text('kind'), text('kinds'),
          // { url, secret } sealed with the master key; urlHint is what the API shows (scheme and host).
          text('sealed'), text('urlHint'),
          text('failingSince', true), text('disabledReason', true), text('disabledAt', true), text('createdAt'),
        ],
        indices: [new TableIndex({ columnNames: ['workspaceId', 'createdAt'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'notification_delivery',
        columns: [
          { ...text('id'), isPrimary: true },
          text('channelId'), text('workspaceId'), text('kind'), text('subject', true), text('body'), text('status'),
          int('attempts', false, 0), int('lastStatusCode', true), text('lastError', true), text('createdAt'), text('finishedAt', true),
        ],
        indices: [new TableIndex({ columnNames: ['channelId', 'createdAt'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'notification_attempt',
        columns: [
          { ...text('id'), isPrimary: true },
          text('deliveryId'), int('attempt'), text('at'), int('statusCode', true), text('error', true), int('durationMs'),
        ],
        indices: [new TableIndex({ columnNames: ['deliveryId', 'attempt'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'alert_state',
        columns: [
          { ...text('workspaceId'), isPrimary: true }, { ...text('subject'), isPrimary: true }, { ...text('family'), isPrimary: true },
          text('state'), int('streak', false, 0), text('lastEvent', true), int('version'), text('updatedAt'),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['alert_state', 'notification_attempt', 'notification_delivery', 'notification_channel']) await q.dropTable(t);
  }
}
