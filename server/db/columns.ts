import { Column, type ColumnOptions } from 'typeorm';

/**
 * Column helpers that store the same way on SQLite and PostgreSQL. Times are ISO-8601 UTC text: it sorts and compares
 * correctly as text in both databases and needs no per-dialect entity types.
 */
const isoTransformer = {
  to: (value: Date | null | undefined) => (value ? value.toISOString() : value ?? null),
  from: (value: string | null) => (value ? new Date(value) : null),
};

export const TimeColumn = (options: ColumnOptions = {}) => Column({ type: 'text', transformer: isoTransformer, ...options });
export const TextColumn = (options: ColumnOptions = {}) => Column({ type: 'text', ...options });
export const IntColumn = (options: ColumnOptions = {}) => Column({ type: 'integer', ...options });
export const FloatColumn = (options: ColumnOptions = {}) => Column({ type: 'double precision', ...options });
export const BoolColumn = (options: ColumnOptions = {}) => Column({ type: 'boolean', ...options });
/** The transformer of every JSON column (db/rows.ts recognizes them by it). */
export const jsonTransformer = { to: (v: unknown) => (v === undefined ? null : JSON.stringify(v)), from: (v: string | null) => (v == null ? null : JSON.parse(v)) };
/** JSON kept as text: portable, and never queried inside. */
export const JsonColumn = (options: ColumnOptions = {}) => Column({ type: 'text', transformer: jsonTransformer, ...options });
