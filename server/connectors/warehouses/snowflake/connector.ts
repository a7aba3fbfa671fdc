/**
 * Snowflake: a schema of one database; a read is one query, streamed. This file is the connector itself (sessions and
 * what each operation does with them); input.ts checks what a user gives, driver.ts loads and configures snowflake-sdk
 * (why each setting: see there), errors.ts explains failures, sql.ts writes the queries, types.ts maps and converts
 * Snowflake's types, and ../rows-to-batches.ts turns rows into batches.
 *
 * Every operation (validate, discover, read) opens its own session through `snowflake-sdk` and closes it at the end:
 * connectors hold no state between uses, and a connector whose `close()` is never called leaks nothing.
 * - login (`POST /session/v1/login-request`) with a JWT signed with the key pair (SNOWFLAKE_JWT), a programmatic access
 *   token (PROGRAMMATIC_ACCESS_TOKEN) or the password (which users of TYPE = SERVICE cannot use);
 * - `USE ROLE "…"` (when a role is set) and `USE WAREHOUSE "…"` (`POST /queries/v1/query-request`);
 * - validate: one query over INFORMATION_SCHEMA.SCHEMATA/TABLES with bind parameters (does the schema exist, can the
 *   warehouse run a query); discover: ONE query over INFORMATION_SCHEMA.COLUMNS joined with TABLES;
 * - read: `SELECT "a", "b" FROM "DB"."SCHEMA"."TABLE" [WHERE "w" > ?] [ORDER BY "w"]`, `streamResult: true` and
 *   `statement.streamRows()`: the driver downloads result chunks as the stream is consumed (at most `resultPrefetch`
 *   chunks ahead), so memory stays bounded; NUMBER is fetched as text (`fetchAsString: ['Number']`), so integers beyond
 *   2^53 stay exact.
 *
 * Identifiers are always double-quoted (`"` doubled inside). A setting written like an unquoted identifier
 * (`analytics_wh`) resolves as Snowflake resolves it, upper-cased (`ANALYTICS_WH`); a setting written in double quotes
 * (`"My Schema"`) is taken exactly; anything else is taken exactly too.
 *
 * Watermarks are bind parameters (`?`), never part of the SQL text; timestamps are bound as UTC with an explicit offset.
 *
 * Test-only endpoint: the `testAccessUrl` setting (or the INLET_SNOWFLAKE_TEST_ACCESS_URL environment variable) replaces
 * the host built from the account identifier ONLY when the server runs with INLET_ALLOW_PRIVATE_ENDPOINTS=true
 * (`config.allowPrivateEndpoints`). In production the host is always `<account>.snowflakecomputing.com`, built by the
 * driver from the validated account identifier; a user can never supply a URL.
 */
import type { Readable } from 'node:stream';
import type * as Snowflake from 'snowflake-sdk';
import type { Config } from '../../../config.js';
import { registerSecret } from '../../../log.js';
import type { Connector, ConnectorFactory, DiscoveredColumn, DiscoveredTable, ReadRequest, ReadUnit } from '../../connector.js';
import { SourceError } from '../../errors.js';
import type { IoStats } from '../../files/object-store.js';
import type { RecordBatch } from '../../formats/format.js';
import { safeAgents } from '../../net/agents.js';
import { rowsToBatches } from '../rows-to-batches.js';
import { DRIVER_LOGGING, loadSnowflakeDriver, setDriverEgress } from './driver.js';
import { explainSnowflakeError, scrubber, type SnowflakeErrorContext, type Step } from './errors.js';
import { snowflakeInput, snowflakeTestAccessUrl, type SnowflakeSettings } from './input.js';
import { discoveryQuery, quoteSnowflakeIdentifier, readQuery, resolveSnowflakeIdentifier, validateQuery } from './sql.js';
import { cellConverter, mapSnowflakeType } from './types.js';

interface Session {
  run(sqlText: string, binds: Snowflake.Binds, step: Step, table?: string): Promise<unknown[][]>;
  stream(sqlText: string, binds: Snowflake.Binds, table: string): Promise<{ columns: Snowflake.Column[]; rows: Readable }>;
  close(): Promise<void>;
}

/** A Snowflake connector for one schema; every operation opens its own session and closes it. */
export function createSnowflakeConnector(settings: SnowflakeSettings, credentials: Record<string, string>, config: Config): Connector {
  const stats: IoStats = { requests: 0, bytesRead: 0 };
  const accessUrl = snowflakeTestAccessUrl(settings as unknown as Record<string, unknown>, config);
  setDriverEgress(safeAgents(config));
  const username = credentials.username ?? '';
  const secrets = [credentials.password, credentials.privateKey, credentials.privateKeyPassphrase, credentials.programmaticAccessToken].filter((s): s is string => Boolean(s));
  for (const s of secrets) registerSecret(s);
  if (credentials.privateKey) registerSecret(credentials.privateKey.replace(/-----[^-]+-----|\s/g, ''));
  const scrub = scrubber(secrets);
  const warehouse = resolveSnowflakeIdentifier(settings.warehouse);
  const database = resolveSnowflakeIdentifier(settings.database);
  const schema = resolveSnowflakeIdentifier(settings.schema);
  const role = settings.role ? resolveSnowflakeIdentifier(settings.role) : null;
  const method = credentials.programmaticAccessToken ? 'token' : credentials.privateKey ? 'key pair' : 'password';
  const ctx = (step: Step, table?: string): SnowflakeErrorContext => ({ step, user: username, account: settings.account, warehouse, role, database, schema, table, scrub, method });
  const schemaPath = `${quoteSnowflakeIdentifier(database)}.${quoteSnowflakeIdentifier(schema)}`;
  const infoSchema = `${quoteSnowflakeIdentifier(database)}.INFORMATION_SCHEMA`;
  const tableLabel = (table: string) => `snowflake://${settings.account}/${database}/${schema}/${table}`;

  function connectionOptions(): Snowflake.ConnectionOptions {
    const options: Record<string, unknown> = {
      account: settings.account,
      username,
      application: 'Inlet',
      // Inlet retries with its own backoff.
      sfRetryMaxLoginRetries: 0,
      clientSessionKeepAlive: false,
      validateDefaultParameters: false,
      resultPrefetch: 2,
      // Integers are fetched as text anyway (fetchAsString); this keeps the driver from first converting them to
      // doubles, warning about precision loss and reporting that to Snowflake.
      jsTreatIntegerAsBigInt: true,
    };
    if (accessUrl) options.accessUrl = accessUrl;
    if (credentials.programmaticAccessToken) {
      // snowflake-sdk 3.3: AUTHENTICATOR PROGRAMMATIC_ACCESS_TOKEN, the token sent as TOKEN (authentication/auth_oauth_pat.js).
      options.authenticator = 'PROGRAMMATIC_ACCESS_TOKEN';
      options.token = credentials.programmaticAccessToken;
    } else if (credentials.privateKey) {
      options.authenticator = 'SNOWFLAKE_JWT';
      options.privateKey = credentials.privateKey;
      if (credentials.privateKeyPassphrase) options.privateKeyPass = credentials.privateKeyPassphrase;
    } else {
      options.password = credentials.password;
    }
    return options as Snowflake.ConnectionOptions;
  }

  async function open(): Promise<Session> {
    if (!username || (!credentials.password && !credentials.privateKey && !credentials.programmaticAccessToken)) {
      throw new SourceError('user', "The stored Snowflake credentials are incomplete: update the connection's credentials");
    }
    const sdk = await loadSnowflakeDriver();
    stats.requests++;
    let connection: Snowflake.Connection;
    try {
      connection = sdk.createConnection(connectionOptions());
    } catch (error) {
      throw explainSnowflakeError(error, ctx('login'));
    }
    try {
      await new Promise<void>((resolve, reject) => {
        connection.connect((error) => (error ? reject(error) : resolve()));
      });
    } catch (error) {
      throw explainSnowflakeError(error, ctx('login'));
    } finally {
      // A client config file (sf_client_config.json) can re-route the driver's log during login: route it back.
      sdk.configure(DRIVER_LOGGING as Snowflake.ConfigureOptions);
    }

    // Always streamResult: without it the driver, on a failed request, quietly sends the statement again before
    // reporting (RowStream refresh); with it the failure is reported as is, and rows are read as they are needed.
    const execute = (sqlText: string, binds: Snowflake.Binds) =>
      new Promise<Snowflake.RowStatement>((resolve, reject) => {
        stats.requests++;
        try {
          connection.execute({
            sqlText,
            binds,
            streamResult: true,
            fetchAsString: ['Number'],
            rowMode: 'array',
            complete: (error, statement) => (error ? reject(error) : resolve(statement as Snowflake.RowStatement)),
          });
        } catch (error) {
          reject(error);
        }
      });

    return {
      async run(sqlText, binds, step, table) {
        try {
          const statement = await execute(sqlText, binds);
          const rows: unknown[][] = [];
          for await (const row of statement.streamRows() as AsyncIterable<unknown[]>) rows.push(row);
          return rows;
        } catch (error) {
          throw explainSnowflakeError(error, ctx(step, table));
        }
      },
      async stream(sqlText, binds, table) {
        try {
          const statement = await execute(sqlText, binds);
          return { columns: statement.getColumns() ?? [], rows: statement.streamRows() };
        } catch (error) {
          throw explainSnowflakeError(error, ctx('read', table));
        }
      },
      close: () =>
        new Promise<void>((resolve) => {
          try {
            connection.destroy(() => resolve());
          } catch {
            resolve();
          }
        }),
    };
  }

  /** Opens a session with the role and warehouse in use, runs `fn`, and always closes the session. */
  async function withSession<T>(fn: (session: Session) => Promise<T>): Promise<T> {
    const session = await open();
    try {
      if (role) await session.run(`USE ROLE ${quoteSnowflakeIdentifier(role)}`, [], 'role');
      await session.run(`USE WAREHOUSE ${quoteSnowflakeIdentifier(warehouse)}`, [], 'warehouse');
      return await fn(session);
    } finally {
      await session.close();
    }
  }

  return {
    stats,

    async validate() {
      await withSession(async (session) => {
        const rows = await session.run(validateQuery(infoSchema), [schema, schema], 'check');
        if (Number(rows[0]?.[0] ?? 0) === 0) {
          throw new SourceError('not-found', `Schema ${database}.${schema} does not exist or the role cannot see it`);
        }
      });
    },

    async discover(): Promise<DiscoveredTable[]> {
      const rows = await withSession((session) =>
        session.run(discoveryQuery(infoSchema), [schema], 'discover'),
      );
      const tables = new Map<string, { columns: (DiscoveredColumn & { ordinal: number })[]; details: Record<string, unknown>; warnings: string[] }>();
      for (const row of rows) {
        const [tableName, columnName, ordinal, isNullable, dataType, precision, scale, tableType, rowCount, bytes, clusteringKey] = row.map((v) => (v === null || v === undefined ? null : String(v)));
        if (!tableName || !columnName || !dataType) continue;
        stats.bytesRead += tableName.length + columnName.length + dataType.length;
        let table = tables.get(tableName);
        if (!table) {
          const type = (tableType ?? 'BASE TABLE').toUpperCase();
          const details: Record<string, unknown> = { kind: type.includes('VIEW') ? 'VIEW' : type.includes('EXTERNAL') ? 'EXTERNAL' : 'TABLE', tableType: type };
          if (rowCount !== null) details.rowCount = Number(rowCount);
          if (bytes !== null) details.bytes = Number(bytes);
          if (clusteringKey) details.clusteringKey = clusteringKey;
          table = { columns: [], details, warnings: [] };
          tables.set(tableName, table);
        }
        const mapped = mapSnowflakeType(dataType, precision === null ? null : Number(precision), scale === null ? null : Number(scale));
        if (!mapped.known) table.warnings.push(`Column ${columnName} has type ${dataType}, which Inlet reads as text`);
        table.columns.push({ name: columnName, type: mapped.type, nullable: isNullable !== 'NO', sourceType: mapped.sourceType, nested: mapped.nested, isPartition: false, ordinal: Number(ordinal ?? 0) });
      }
      return [...tables.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([name, t]) => ({
          name,
          columns: t.columns.sort((a, b) => a.ordinal - b.ordinal).map(({ ordinal: _o, ...c }) => c),
          partitionColumns: [],
          fileCount: null,
          totalBytes: null,
          schemaFile: null,
          warnings: t.warnings,
          ignoredReason: null,
          details: t.details,
        }));
    },

    async planRead(request: ReadRequest): Promise<ReadUnit[]> {
      // No request: the query itself finds out whether the table is still there.
      return [{ id: 'query', label: tableLabel(request.table), size: null }];
    },


    async *read(unit: ReadUnit, request: ReadRequest): AsyncIterable<RecordBatch> {
      if (request.columns.length === 0) throw new SourceError('internal', `No columns to read from ${unit.label}`);
      const { sql, binds } = readQuery(schemaPath, request);
      const batchSize = Math.max(1, request.batchSize);
      const session = await open();
      let rows: Readable | undefined;
      try {
        if (role) await session.run(`USE ROLE ${quoteSnowflakeIdentifier(role)}`, [], 'role');
        await session.run(`USE WAREHOUSE ${quoteSnowflakeIdentifier(warehouse)}`, [], 'warehouse');
        const result = await session.stream(sql, binds, request.table);
        rows = result.rows;
        const typeOf = (c: number) => result.columns[c]?.getType();
        try {
          yield* rowsToBatches(rows as AsyncIterable<unknown[]>, {
            columns: request.columns,
            converters: result.columns.map(cellConverter),
            cell: (row, c) => row[c],
            valueBytes: (v) => (typeof v === 'string' ? v.length + 4 : 8),
            invalid: (c) => `cannot be read as ${typeOf(c) ?? 'a value'}${typeOf(c) === 'fixed' ? ' (beyond the 64-bit integer range)' : ''}`,
          }, stats, batchSize);
        } catch (error) {
          throw explainSnowflakeError(error, ctx('stream', request.table));
        }
      } finally {
        rows?.destroy();
        await session.close();
      }
    },
  };
}

/** Connects to one Snowflake schema with a key pair, a programmatic access token or a password. */
export const snowflakeFactory: ConnectorFactory = {
  platform: 'SNOWFLAKE',
  ...snowflakeInput,
  create(settings, credentials, config) {
    return createSnowflakeConnector(settings as unknown as SnowflakeSettings, credentials, config);
  },
};
