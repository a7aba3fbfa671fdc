// Events into Parquet in C++ (native/event-columns, built by `npm install`): a source that can hand over the day's
// stored bodies as UTF-8 bytes (EventPage) has each page parsed once in the addon, and each part's rows encoded there
// into the same leaf groups the JavaScript columns would give (parquet-schema.ts's eventColumns, same rules), which
// column-writer.ts then writes. No JS object per event, no string per value. Without the addon (no compiler when
// installing), `nativeEvents` is null and the export parses and encodes events in JavaScript as before.
import { createRequire } from 'node:module';
import type { SchemaElement } from 'hyparquet';
import type { LeafGroup, LeafSpec } from './column-writer.js';
import { leavesOf } from './column-writer.js';
import { eventColumns, schemaOf, type PropertyKind } from './parquet-schema.js';
import type { RowEncoder } from './parts.js';
import type { EventPage } from './types.js';

interface Addon {
  parsePage(bytes: Uint8Array, count: number): [object, Uint32Array];
  adoptPage(address: bigint, bytes: Uint8Array, reader: number): object;
  pageKinds(page: object, rows: Int32Array): (string | number)[];
  createEncoder(leaves: { type: number; maxDef: number; maxRep: number; statistics: boolean; dictionary: boolean }[], properties: [string, number][] | null): object;
  encoderAddRows(encoder: object, page: object, rows: Int32Array, from: number, to: number): void;
  releasePage(page: object): void;
  encoderTake(encoder: object): LeafGroup[];
  setTimeParser(fn: (text: string) => number): void;
}

const loaded = createRequire(import.meta.url)('inlet-event-columns') as { addon: Addon | null; loadError: string | null };
/** INLET_NATIVE_EVENTS=false turns the addon off (the tests compare both writers). */
const addon = process.env.INLET_NATIVE_EVENTS === 'false' ? null : loaded.addon;
addon?.setTimeParser((text) => Date.parse(text));

/**
 * A page parsed by the addon: its events' types and sizes (bytes of JSON), and the handle a part's encoder reads the
 * rows from. `release()` frees it once its rows are written (else the garbage collector does, later).
 */
export interface ParsedPage {
  readonly types: string[];
  readonly ends: Uint32Array;
  readonly handle: object;
  size(row: number): number;
  release(): void;
}

const LEAF_TYPES: Partial<Record<NonNullable<SchemaElement['type']>, number>> = { BYTE_ARRAY: 0, INT64: 1, INT32: 2, DOUBLE: 3, BOOLEAN: 4 };
const KIND_CODES: Record<PropertyKind, number> = { BOOLEAN: 0, INT64: 1, DOUBLE: 2, STRING: 3, JSON: 4 };

/** The events' encoder of one part, for property kinds fixed when it opens (as eventColumns(kinds)). */
class NativeEventEncoder implements RowEncoder<never> {
  readonly schema: SchemaElement[];
  readonly leaves: LeafSpec[];
  private readonly encoder: object;

  constructor(private readonly native: Addon, kinds: Map<string, PropertyKind> | null) {
    const columns = eventColumns(kinds);
    this.schema = schemaOf(columns);
    this.leaves = columns.flatMap((c) => leavesOf(c.elements, c.statistics !== false, c.dictionary !== false));
    const properties = kinds && kinds.size ? [...kinds].map(([name, kind]): [string, number] => [name, KIND_CODES[kind]]) : null;
    this.encoder = native.createEncoder(
      this.leaves.map((l) => ({ type: LEAF_TYPES[l.element.type!]!, maxDef: l.maxDef, maxRep: l.maxRep, statistics: l.statistics, dictionary: l.dictionary })),
      properties,
    );
  }

  size(): number {
    throw new Error('the native events encoder takes rows of parsed pages (addRows)');
  }

  add(): void {
    throw new Error('the native events encoder takes rows of parsed pages (addRows)');
  }

  addRows(page: ParsedPage, rows: Int32Array, from: number, to: number): void {
    this.native.encoderAddRows(this.encoder, page.handle, rows, from, to);
  }

  take(): LeafGroup[] {
    return this.native.encoderTake(this.encoder);
  }
}

export interface NativeEvents {
  /** A page, parsed here or (`page.parsed`) adopted (a body that is not a JSON object throws, naming its type). */
  parse(page: EventPage): ParsedPage;
  /** Per top-level property of some rows of a page: its kinds as parquet-schema.ts's bits. */
  kinds(page: ParsedPage, rows: Int32Array): Map<string, number>;
  encoder(kinds: Map<string, PropertyKind> | null): NativeEventEncoder;
}

export type { NativeEventEncoder };

export const nativeEvents: NativeEvents | null = addon
  ? {
      parse(page) {
        let handle: object;
        let ends: Uint32Array;
        try {
          if (page.parsed) [handle, ends] = [addon.adoptPage(page.parsed.address, page.bytes, page.parsed.reader), page.parsed.ends];
          else [handle, ends] = addon.parsePage(page.bytes, page.types.length);
        } catch (error) {
          page.release?.();
          const at = /event body (\d+) /.exec((error as Error).message);
          const type = at ? page.types[Number(at[1])] : undefined;
          throw new Error(`an event${type ? ` of type ${type}` : ''} in the log is not valid JSON: ${(error as Error).message}`);
        }
        const { types } = page;
        const release = () => {
          addon.releasePage(handle);
          page.release?.();
        };
        return { types, ends, handle, size: (row) => ends[row]! - (row ? ends[row - 1]! : 0), release };
      },
      kinds(page, rows) {
        const out = new Map<string, number>();
        const flat = addon.pageKinds(page.handle, rows);
        for (let i = 0; i < flat.length; i += 2) out.set(flat[i] as string, flat[i + 1] as number);
        return out;
      },
      encoder: (kinds) => new NativeEventEncoder(addon, kinds),
    }
  : null;

/** Why events are encoded in JavaScript, when they are. */
export const nativeEventsUnavailable = addon ? null : process.env.INLET_NATIVE_EVENTS === 'false' ? 'INLET_NATIVE_EVENTS=false' : loaded.loadError;
