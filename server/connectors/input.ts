import { badInput } from '../errors.js';

/** A platform's input object, as GraphQL delivered it. */
export type Input = Record<string, unknown>;

/** A required string from an input, trimmed; `field` is the input path named in the error. */
export function requiredString(input: Input, key: string, field: string, label: string): string {
  const value = input[key];
  if (typeof value !== 'string' || value.trim() === '') throw badInput(field, `${label} is required`);
  return value.trim();
}

/** An optional string from an input, trimmed; null when missing or blank. */
export function optionalString(input: Input, key: string): string | null {
  const value = input[key];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}
