import { Foundation1730000000001 } from './001-foundation.js';
import { Imports1730000000002 } from './002-imports.js';
import { SchemaChanges1730000000003 } from './003-schema-changes.js';
import { Jobs1730000000004 } from './004-jobs.js';

/** Migrations in order; add new ones at the end, never edit one that has shipped. */
export const migrations = [Foundation1730000000001, Imports1730000000002, SchemaChanges1730000000003, Jobs1730000000004];
