import path from 'node:path';
import { LocalBus } from '../events/bus.js';
import { createSchema } from './schema.js';

/** `npm run schema`: writes schema.graphql from the server code, without starting a server. */
const target = path.resolve(process.argv[2] ?? 'schema.graphql');
await createSchema(new LocalBus(), target);
console.log(`wrote ${target}`);
