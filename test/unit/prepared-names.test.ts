import { describe, expect, it } from 'vitest';
import { PreparedNames } from '../../server/ingest/prepared-names.js';
import { toDollar } from '../../server/ingest/sql.js';

/** Which statements PostgreSQL is asked to keep prepared (server/ingest/prepared-names.ts). */
describe('prepared statement names', () => {
  it('names a text from its second use, with $n placeholders, the same name every time and in every process', () => {
    const sql = 'SELECT "i"."id" FROM "import" "i" WHERE "i"."workspaceId" = ? AND "i"."status" = ? LIMIT 51';
    const names = new PreparedNames(toDollar);
    expect(names.nameOf(sql)).toBeNull();
    const named = names.nameOf(sql)!;
    expect(named.text).toBe('SELECT "i"."id" FROM "import" "i" WHERE "i"."workspaceId" = $1 AND "i"."status" = $2 LIMIT 51');
    expect(named.name).toMatch(/^inlet_[0-9a-f]{24}$/);
    expect(names.nameOf(sql)).toBe(named);
    const other = new PreparedNames(toDollar);
    other.nameOf(sql);
    expect(other.nameOf(sql)!.name).toBe(named.name);
    other.nameOf(`${sql} `);
    expect(other.nameOf(`${sql} `)!.name).not.toBe(named.name);
  });

  it('names at most 200 texts, so that each connection keeps a bounded number prepared; the rest run unnamed', () => {
    const names = new PreparedNames(toDollar);
    const text = (i: number) => `SELECT ${i} WHERE ? = ?`;
    for (let i = 0; i < 250; i++) names.nameOf(text(i));
    const named = Array.from({ length: 250 }, (_, i) => names.nameOf(text(i)));
    expect(named.filter(Boolean)).toHaveLength(200);
    expect(named.slice(200).every((n) => n === null)).toBe(true);
    // The ones named stay named.
    expect(names.nameOf(text(0))).toBe(named[0]);
  });

  it('forgets texts seen once when too many were, and names a text seen twice after that', () => {
    const names = new PreparedNames(toDollar);
    names.nameOf('SELECT 1');
    for (let i = 0; i < 2000; i++) names.nameOf(`SELECT ${i + 2}`);
    expect(names.nameOf('SELECT 1')).toBeNull();
    expect(names.nameOf('SELECT 1')).not.toBeNull();
  });
});
