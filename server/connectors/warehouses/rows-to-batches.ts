/**
 * The row → batch → reject loop every warehouse connector shares: converts each received row's cells with the
 * column's converter, sets a row aside as a reject (naming the column and the value) when a cell cannot be read,
 * counts the bytes received, and hands rows on in batches of at most `batchSize`.
 */
import type { IoStats } from '../files/object-store.js';
import type { CellValue, RecordBatch } from '../formats/format.js';
import { INVALID } from '../formats/values.js';

/** Reads one column's received value; `INVALID` when it cannot be read as the column's type. */
export type CellConverter = (value: unknown) => CellValue | typeof INVALID;

/** How a connector's result rows are read: the columns asked for and how each cell is found and converted. */
export interface RowShape<R> {
  /** The requested column names, in output order. */
  columns: readonly string[];
  /** One converter per column; a missing one reads as null. */
  converters: readonly (CellConverter | undefined)[];
  /** The value of column `c` in a received row. */
  cell(row: R, c: number): unknown;
  /** The bytes a received value counts for in `stats.bytesRead` (approximate: the source's wire size is unknown). */
  valueBytes(value: unknown): number;
  /** Why column `c` could not read its value, after the quoted value: e.g. `is not a valid INT64`. */
  invalid(c: number): string;
}

/**
 * Converts `rows` into record batches of at most `batchSize` rows (the last may be shorter; none is empty), the rows
 * numbered from `firstRow`. A row with a cell that cannot be read becomes a reject naming its first bad column.
 */
export async function* rowsToBatches<R>(
  rows: Iterable<R> | AsyncIterable<R>,
  shape: RowShape<R>,
  stats: IoStats,
  batchSize: number,
  firstRow = 1,
): AsyncGenerator<RecordBatch> {
  const width = shape.columns.length;
  const converters = shape.converters;
  let batch: CellValue[][] = [];
  let rejects: RecordBatch['rejects'] = [];
  let batchStart = firstRow;
  let rowNumber = firstRow - 1;
  for await (const raw of rows) {
    rowNumber++;
    const out: CellValue[] = new Array(width);
    let bad: string | null = null;
    for (let c = 0; c < width; c++) {
      const v = shape.cell(raw, c);
      stats.bytesRead += shape.valueBytes(v);
      const convert = converters[c];
      const value = convert ? convert(v) : null;
      if (value === INVALID) {
        bad ??= `column ${JSON.stringify(shape.columns[c])}: ${JSON.stringify(String(v).slice(0, 80))} ${shape.invalid(c)}`;
        out[c] = null;
      } else {
        out[c] = value;
      }
    }
    if (bad) rejects.push({ row: rowNumber, reason: bad });
    else batch.push(out);
    if (rowNumber - batchStart + 1 >= batchSize) {
      yield { rows: batch, firstRow: batchStart, rejects, bytesRead: stats.bytesRead };
      batch = [];
      rejects = [];
      batchStart = rowNumber + 1;
    }
  }
  if (rowNumber >= batchStart) yield { rows: batch, firstRow: batchStart, rejects, bytesRead: stats.bytesRead };
}
