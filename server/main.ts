import 'reflect-metadata';
import type { InletServer } from './app.js';
import { loadConfig } from './config.js';
import { assertDataDirWritable, StartupError } from './health/data-dir.js';
import { log } from './log.js';

/** `npm start`: boots Inlet and stops cleanly on SIGINT/SIGTERM; a server that cannot start says why and exits 1. */
let config: ReturnType<typeof loadConfig>;
let server: InletServer;
try {
  config = loadConfig();
  // Checked before the server's modules load, so a server that cannot start says so at once.
  assertDataDirWritable(config);
  const { startServer } = await import('./app.js');
  server = await startServer(config);
} catch (error) {
  // Start-up failures are the operator's to fix: the message says what and how; a stack trace only for our bugs.
  const known = error instanceof StartupError || (error as Error)?.constructor?.name === 'ConfigError';
  process.stderr.write(`\n  Inlet cannot start: ${(error as Error)?.message ?? String(error)}\n\n`);
  if (!known) log.error('start-up failed', { stack: (error as Error)?.stack });
  process.exit(1);
}
log.info('Inlet is listening', { url: server.url, graphql: `${server.url}/graphql`, database: config.databaseUrl ? 'postgresql' : 'sqlite', dataDir: config.dataDir });
if (server.createdAdminKey) {
  // Printed once, on first start only; it is stored hashed and cannot be shown again.
  process.stdout.write(`\n  Admin API key (shown once, store it now):\n\n    ${server.createdAdminKey}\n\n`);
}
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    log.info('stopping', { signal });
    server.close().then(() => process.exit(0), () => process.exit(1));
  });
}
