import 'reflect-metadata';
import { startServer } from './app.js';
import { loadConfig } from './config.js';
import { log } from './log.js';

/** `npm start`: boots Inlet and stops cleanly on SIGINT/SIGTERM. */
const config = loadConfig();
const server = await startServer(config);
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
