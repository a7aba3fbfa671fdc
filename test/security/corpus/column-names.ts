/**
 * Hostile column names: every key of `Object.prototype` (and a few names that mean something to JavaScript or to the
 * code that stores columns). Each is used as a file column and as a Hive partition folder name by
 * test/security/columns.test.ts, on CSV and Parquet. A new name is one line.
 */
export const HOSTILE_COLUMN_NAMES: readonly string[] = [
  'constructor',
  'toString',
  'toLocaleString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  '__proto__',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
  // A value with a `then` is a thenable: awaiting an object keyed by column names would call it.
  'then',
  'prototype',
  'length',
  // The storage columns are named c0, c1, …: a source column may be named so too.
  'c0',
];
