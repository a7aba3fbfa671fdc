/**
 * Test and diagnosis hook (INLET_COUNT_SQL=true): counts the SQL statements each GraphQL request runs and answers
 * the count in the `x-inlet-sql-statements` response header, so a test can assert that a list costs the same number
 * of statements at 10 items as at 300. Off by default: nothing is wrapped and the counter is never consulted.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'typeorm';

const scope = new AsyncLocalStorage<{ statements: number }>();

/** Counts one statement against the request being served (if any). */
export function countStatement(): void {
  const current = scope.getStore();
  if (current) current.statements++;
}

/**
 * Runs `fn` outside any request's count: for bookkeeping that is not the request's own work and happens on a clock,
 * not per item (an API key's last use, written at most once a minute), so a count stays a property of the request.
 */
export function uncounted<T>(fn: () => T): T {
  return scope.exit(fn);
}

/** A TypeORM logger that only counts (TypeORM calls logQuery for every statement, on both drivers). */
export const countingLogger: Logger = {
  logQuery: () => countStatement(),
  logQueryError: () => undefined,
  logQuerySlow: () => undefined,
  logSchemaBuild: () => undefined,
  logMigration: () => undefined,
  log: () => undefined,
};

/** Express middleware (after body parsing, so the request's async context is this one): counts and answers the header. */
export function countStatementsPerRequest(req: Request, res: Response, next: NextFunction): void {
  const counter = { statements: 0 };
  const writeHead = res.writeHead;
  // Node writes the head once, after every resolver has run: the count is complete by then.
  res.writeHead = function (this: Response, ...args: unknown[]) {
    if (!this.headersSent) this.setHeader('x-inlet-sql-statements', String(counter.statements));
    return (writeHead as (...a: unknown[]) => Response).apply(this, args);
  } as Response['writeHead'];
  scope.run(counter, next);
}

interface CountableSqlite {
  prepare(sql: string): object;
  exec(sql: string): unknown;
}

/** Wraps better-sqlite3's handle so statements the data store runs directly (not through TypeORM) are counted too. */
export function countSqlite<T extends CountableSqlite>(db: T): T {
  const wrapStatement = (stmt: Record<string, unknown>) => {
    for (const method of ['run', 'all', 'get', 'iterate']) {
      const original = stmt[method] as ((...a: unknown[]) => unknown) | undefined;
      if (typeof original !== 'function') continue;
      stmt[method] = (...a: unknown[]) => {
        countStatement();
        return original.apply(stmt, a);
      };
    }
    return stmt;
  };
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === 'prepare') return (sql: string) => wrapStatement(target.prepare(sql) as Record<string, unknown>);
      if (prop === 'exec') return (sql: string) => (countStatement(), target.exec(sql));
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
