import { Foundation1730000000001 } from './001-foundation.js';
import { Imports1730000000002 } from './002-imports.js';
import { SchemaChanges1730000000003 } from './003-schema-changes.js';
import { Instance1730000000010 } from './004-instance.js';
import { Events1730000000020 } from './005-events.js';

/** Migrations in order; add new ones at the end, never edit one that has shipped. */
export const migrations = [Foundation1730000000001, Imports1730000000002, SchemaChanges1730000000003, Instance1730000000010, Events1730000000020];
