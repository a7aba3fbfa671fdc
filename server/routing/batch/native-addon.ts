// The native addon of the batch export (native/event-columns, built by `npm install` with node-gyp, like
// native/malloc-trim): loaded once here, for native-events.ts (events into Parquet leaf groups) and column-writer.ts
// (Snappy). Without it (no compiler when installing, or INLET_NATIVE_EVENTS=false) `eventColumnsAddon` is null and the
// export runs in JavaScript as before.
import { createRequire } from 'node:module';
import type { LeafGroup } from './column-writer.js';

export interface EventColumnsAddon {
  parsePage(bytes: Uint8Array, count: number): [object, Uint32Array];
  adoptPage(address: bigint, bytes: Uint8Array, reader: number): object;
  pageKinds(page: object, rows: Int32Array): (string | number)[];
  createEncoder(leaves: { type: number; maxDef: number; maxRep: number; statistics: boolean; dictionary: boolean }[], properties: [string, number][] | null): object;
  encoderAddRows(encoder: object, page: object, rows: Int32Array, from: number, to: number): void;
  releasePage(page: object): void;
  encoderTake(encoder: object): LeafGroup[];
  setTimeParser(fn: (text: string) => number): void;
  snappy(bytes: Uint8Array): Uint8Array;
  dropReader(reader: number): number;
}

const loaded = createRequire(import.meta.url)('inlet-event-columns') as { addon: EventColumnsAddon | null; loadError: string | null };

/** The addon, or null: INLET_NATIVE_EVENTS=false turns it off (the tests compare both writers). */
export const eventColumnsAddon = process.env.INLET_NATIVE_EVENTS === 'false' ? null : loaded.addon;
eventColumnsAddon?.setTimeParser((text) => Date.parse(text));

/** Why the export runs in JavaScript, when it does. */
export const eventColumnsUnavailable = eventColumnsAddon ? null : process.env.INLET_NATIVE_EVENTS === 'false' ? 'INLET_NATIVE_EVENTS=false' : loaded.loadError;
