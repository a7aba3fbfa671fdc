import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

/** An in-memory DuckDB for writing test files (`COPY … TO`) and checking them (`all`). */
export interface Duck {
  /** Runs SQL for its effect. */
  run(sql: string): Promise<void>;
  /** Runs SQL and returns its rows as objects (BIGINT as bigint, DATE/TIMESTAMP as Date, DECIMAL as number). */
  all<T = Record<string, unknown>>(sql: string): Promise<T[]>;
  /** Runs SQL and returns its rows as JSON-safe objects (BIGINT and DECIMAL as exact strings). */
  json<T = Record<string, unknown>>(sql: string): Promise<T[]>;
  close(): void;
}

/** Opens an in-memory DuckDB; call `close()` when done. */
export async function duck(): Promise<Duck> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection: DuckDBConnection = await instance.connect();
  return {
    async run(sql) {
      await connection.run(sql);
    },
    async all<T>(sql: string) {
      return (await connection.runAndReadAll(sql)).getRowObjectsJS() as T[];
    },
    async json<T>(sql: string) {
      return (await connection.runAndReadAll(sql)).getRowObjectsJson() as T[];
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** A SQL string literal. */
export function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
