import { SourceError } from '../errors.js';
import type { Connector, ReadRequest, ReadUnit } from '../connector.js';
import { columnarBatch, constantVector, type CellValue, type RecordBatch } from '../formats/format.js';
import { formatFor } from '../formats/index.js';
import { parseValue, INVALID } from '../formats/values.js';
import { checkSchemaPrefix, discoverTables, listTableFiles, listTables, type LayoutOptions } from './layout.js';
import { locationOf, type ObjectStore } from './object-store.js';

/** A bucket connector: any ObjectStore × the layout rules × the connection's file format. */
export function fileConnector(store: ObjectStore, layout: LayoutOptions): Connector {
  const format = formatFor(layout.dataFormat);
  return {
    stats: store.stats,
    validate: () => checkSchemaPrefix(store, layout),
    discover: (previous) => discoverTables(store, layout, format, previous),

    async planRead(request: ReadRequest): Promise<ReadUnit[]> {
      const table = (await listTables(store, layout)).find((t) => t.name === request.table);
      if (!table) throw new SourceError('not-found', `Table ${request.table} is no longer under ${locationOf(store, layout.schemaPrefix)}`);
      const listed = await listTableFiles(store, layout, table);
      return listed.files.map((f) => ({
        id: `${f.object.key}@${f.object.version ?? f.object.size}`,
        label: locationOf(store, f.object.key),
        size: f.object.size,
        key: f.object.key,
        version: f.object.version,
        // fromEntries defines own properties, so a partition named `__proto__` stays a key.
        partitionValues: Object.fromEntries(f.partitions),
      }));
    },

    async *read(unit: ReadUnit, request: ReadRequest): AsyncIterable<RecordBatch> {
      // Partition columns come from the folder names; the rest from the file. Names are looked up as own keys only:
      // a file column named `constructor` or `__proto__` is not taken for a partition that every object inherits.
      const partitions = new Map(Object.entries(unit.partitionValues ?? {}));
      const fileColumns = request.columns.filter((c) => !partitions.has(c));
      const fromFile = request.columns.map((c) => (partitions.has(c) ? -1 : fileColumns.indexOf(c)));
      const partitionCells: CellValue[] = request.columns.map((c) => {
        const raw = partitions.get(c);
        if (raw == null || raw === '') return null;
        const type = Object.hasOwn(request.types, c) ? request.types[c]! : 'STRING';
        const value = parseValue(type, raw);
        if (value === INVALID) throw new SourceError('user', `Partition value ${c}=${raw} in ${unit.label} cannot be read as ${type}`);
        return value as CellValue;
      });
      const object = { key: unit.key!, size: unit.size ?? 0, version: unit.version };
      for await (const batch of format.read(store, object, { ...request, columns: fileColumns })) {
        if (fileColumns.length === request.columns.length) {
          yield batch;
          continue;
        }
        if (batch.columns) {
          const { length, vectors } = batch.columns;
          const columns = fromFile.map((index, i) => (index < 0 ? constantVector(partitionCells[i]!, length) : vectors[index]!));
          yield columnarBatch(columns, length, batch);
          continue;
        }
        const rows = batch.rows.map((row: CellValue[]) => fromFile.map((index, i) => (index < 0 ? partitionCells[i]! : row[index]!)));
        yield { ...batch, rows };
      }
    },
  };
}
