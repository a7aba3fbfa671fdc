import { csvFormat } from './csv.js';
import type { FileFormat } from './format.js';
import { parquetFormat } from './parquet.js';

/** Every file format Inlet reads. */
export const formats: readonly FileFormat[] = [csvFormat, parquetFormat];

/** The format a connection's `dataFormat` names. */
export function formatFor(dataFormat: FileFormat['id']): FileFormat {
  const format = formats.find((f) => f.id === dataFormat);
  if (!format) throw new Error(`Unknown data format ${String(dataFormat)}`);
  return format;
}

/** The format whose extension the key has (case-insensitive), or undefined for other files. */
export function formatOfKey(key: string): FileFormat | undefined {
  return formats.find((f) => f.matches(key));
}
