import path from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import pg from 'pg';

// DATE columns stay 'YYYY-MM-DD' text: a JS Date at local midnight would shift days off UTC.
pg.types.setTypeParser(1082, (value: string) => value);
import type { Config } from '../config.js';
import { entities } from './entities.js';
import { migrations } from './migrations/index.js';

/** Opens SQLite (default, a file in DATA_DIR) or PostgreSQL (DATABASE_URL) and runs pending migrations. */
export async function openDatabase(config: Config): Promise<DataSource> {
  const common = { entities, migrations, migrationsRun: true, synchronize: false, logging: false } as const;
  let options: DataSourceOptions;
  if (config.databaseUrl) {
    if (config.databaseSchema) await ensureSchema(config.databaseUrl, config.databaseSchema);
    options = {
      ...common,
      type: 'postgres',
      url: config.databaseUrl,
      // search_path rather than TypeORM's `schema`, so migrations and raw SQL land in the same schema.
      extra: config.databaseSchema ? { options: `-c search_path=${config.databaseSchema}`, max: 10 } : { max: 10 },
    };
  } else {
    options = {
      ...common,
      type: 'better-sqlite3',
      database: path.join(config.dataDir, 'inlet.sqlite'),
      // WAL lets readers see the last committed snapshot while an import writes.
      prepareDatabase: (db: { pragma(s: string): unknown }) => {
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = NORMAL');
        db.pragma('busy_timeout = 5000');
      },
    };
  }
  const dataSource = new DataSource(options);
  await dataSource.initialize();
  return dataSource;
}

async function ensureSchema(url: string, schema: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error('DATABASE_SCHEMA must be a plain lower-case identifier');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  } finally {
    await client.end();
  }
}
