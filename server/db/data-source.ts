import path from 'node:path';
import { DataSource } from 'typeorm';
import pg from 'pg';

// DATE columns stay 'YYYY-MM-DD' text: a JS Date at local midnight would shift days off UTC.
pg.types.setTypeParser(1082, (value: string) => value);
import type { Config } from '../config.js';
import { entities } from './entities.js';
import { migrations } from './migrations/index.js';
import { countingLogger } from './statement-count.js';

/**
 * Opens SQLite (default, a file in DATA_DIR) or PostgreSQL (DATABASE_URL), runs pending migrations, then `atBoot`
 * (the first-start bootstrap). On PostgreSQL, several servers may start together on an empty database: all of this
 * runs under an advisory lock held on one dedicated connection for its duration, so one server migrates and
 * bootstraps while the others wait, then find the work done. (A session lock is right here, unlike for job claims:
 * it is taken once per start on a direct connection, not through a pooler.)
 */
export async function openDatabase(config: Config, atBoot: (db: DataSource) => Promise<void> = async () => undefined): Promise<DataSource> {
  const common = { entities, migrations, migrationsRun: true, synchronize: false, logging: false, ...(config.countSql ? { logger: countingLogger } : {}) } as const;
  if (!config.databaseUrl) {
    const dataSource = new DataSource({
      ...common,
      type: 'better-sqlite3',
      database: path.join(config.dataDir, 'inlet.sqlite'),
      // WAL lets readers see the last committed snapshot while an import writes.
      prepareDatabase: (db: { pragma(s: string): unknown }) => {
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = NORMAL');
        db.pragma('busy_timeout = 5000');
      },
    });
    await dataSource.initialize();
    await atBoot(dataSource);
    return dataSource;
  }
  const schema = config.databaseSchema;
  if (schema && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error('DATABASE_SCHEMA must be a plain lower-case identifier');
  const lock = new pg.Client({ connectionString: config.databaseUrl, application_name: 'inlet-boot' });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock(hashtext($1))', [`inlet:boot:${schema ?? 'public'}`]);
    if (schema) await lock.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    const dataSource = new DataSource({
      ...common,
      type: 'postgres',
      url: config.databaseUrl,
      // search_path rather than TypeORM's `schema`, so migrations and raw SQL land in the same schema.
      extra: schema ? { options: `-c search_path=${schema}`, max: 10 } : { max: 10 },
    });
    await dataSource.initialize();
    try {
      await atBoot(dataSource);
    } catch (error) {
      await dataSource.destroy().catch(() => undefined);
      throw error;
    }
    return dataSource;
  } finally {
    // Ending the session releases the lock.
    await lock.end().catch(() => undefined);
  }
}
