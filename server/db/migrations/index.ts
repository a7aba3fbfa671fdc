import { Foundation1730000000001 } from './001-foundation.js';

/** Migrations in order; add new ones at the end, never edit one that has shipped. */
export const migrations = [Foundation1730000000001];
