/**
 * One check of every text the API takes in, before any resolver sees it: each field's coerced arguments are walked
 * (input objects and lists included) and a string or ID with a control character (NUL breaks PostgreSQL; the rest
 * hide text in logs and the UI) or past its length limit is refused with BAD_USER_INPUT naming its path
 * (`s3.schemaPrefix`, `columns.3`). List sizes (`limit`/`first`) are lowered to their maximum here too, so a
 * resolver never sees a larger one. New arguments are covered without a line of code; only a field that needs more
 * room (a key file, a private key) is named below.
 */
import {
  GraphQLID,
  GraphQLString,
  defaultFieldResolver,
  getNullableType,
  isInputObjectType,
  isListType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLFieldResolver,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { InputError } from '../errors.js';
import { listArgumentMax } from './limits.js';

/** Characters any text may hold: no C0/C1 control characters (so no NUL), no DEL. */
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
/** The same, but tab, newline and carriage return are allowed: for texts that are files (PEM keys, JSON key files). */
const CONTROL_EXCEPT_LINES = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** How long a text may be, by input field name; everything else gets `DEFAULT_MAX_LENGTH`. */
const MAX_LENGTH: Record<string, number> = {
  name: 200,
  roleArn: 2_048,
  serviceAccountKey: 20_000,
  privateKey: 20_000,
};
const DEFAULT_MAX_LENGTH = 1_000;
/** Texts that are files and so hold lines. */
const MULTILINE = new Set(['serviceAccountKey', 'privateKey']);
/** Items in one list argument (a table's columns, at most). */
const MAX_LIST_ITEMS = 10_000;

/** Wraps every resolver (and subscription) that takes arguments so that its arguments are checked first. */
export function guardInputs(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (!field.args.length) continue;
      const check = (args: Record<string, unknown>) => checkArguments(type.name, field.name, field.args, args);
      const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context, info) => resolve(source, check(args), context, info);
      const subscribe = field.subscribe;
      if (subscribe) field.subscribe = (source, args, context, info) => subscribe(source, check(args), context, info);
    }
  }
  return schema;
}

/** Checks one field's arguments; returns them with list sizes lowered to their maximum. */
export function checkArguments(typeName: string, fieldName: string, defs: readonly GraphQLArgument[], args: Record<string, unknown>): Record<string, unknown> {
  let out = args;
  for (const def of defs) {
    const value = args[def.name];
    if (value === undefined || value === null) continue;
    // The single `input` argument is the form itself: paths inside it read `s3.bucketName`, as the services name them.
    checkValue(value, def.type, def.name === 'input' ? '' : def.name, def.name);
    if ((def.name === 'limit' || def.name === 'first' || def.name === 'last') && typeof value === 'number') {
      const max = listArgumentMax(typeName, fieldName);
      if (value > max) out = { ...out, [def.name]: max };
    }
  }
  return out;
}

function checkValue(value: unknown, type: GraphQLInputType, path: string, name: string): void {
  if (value === undefined || value === null) return;
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    if (!Array.isArray(value)) return checkValue(value, nullable.ofType, path, name);
    if (value.length > MAX_LIST_ITEMS) throw new InputError(path, `${label(path, name)} has ${value.length} items; the limit is ${MAX_LIST_ITEMS}`);
    value.forEach((item, i) => checkValue(item, nullable.ofType, join(path, String(i)), name));
    return;
  }
  if (isInputObjectType(nullable)) {
    if (typeof value !== 'object') return;
    for (const field of Object.values(nullable.getFields())) {
      checkValue((value as Record<string, unknown>)[field.name], field.type, join(path, field.name), field.name);
    }
    return;
  }
  if ((nullable === GraphQLString || nullable === GraphQLID) && typeof value === 'string') checkText(value, path, name);
}

function checkText(text: string, path: string, name: string): void {
  const max = MAX_LENGTH[name] ?? DEFAULT_MAX_LENGTH;
  if (text.length > max) throw new InputError(path, `${label(path, name)} is ${text.length} characters long; the limit is ${max}`);
  const bad = (MULTILINE.has(name) ? CONTROL_EXCEPT_LINES : CONTROL).exec(text);
  if (bad) {
    const code = `U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    throw new InputError(path, `${label(path, name)} contains a control character (${code}) at position ${bad.index + 1}; remove it`);
  }
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);
const label = (path: string, name: string) => path || name;
