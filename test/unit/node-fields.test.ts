/**
 * `nodeFields`: what a list fetches ahead for its items is what the operation asks of `edges { node { … } }`, however
 * it is written (fields, named fragments, inline fragments, aliases). graphql-js executes a real operation on a small
 * schema and the list field's resolver records what it saw.
 */
import { buildSchema, graphql } from 'graphql';
import { describe, expect, it } from 'vitest';
import { nodeFieldArgs, nodeFields } from '../../server/graphql/pagination.js';

const schema = buildSchema(`
  type Item { id: ID! name: String connection: Ref lastRun: Ref schemaChanges(status: String, limit: Int = 5): [Ref!]! }
  type Ref { id: ID! }
  type Edge { node: Item! cursor: String! }
  type Page { edges: [Edge!]! totalCount: Int! }
  type Query { items: Page! }
`);

/** The node fields an operation asks, and the arguments of each selection of `schemaChanges`. */
async function run(source: string, variableValues?: Record<string, unknown>): Promise<{ fields: string[]; changesArgs: Record<string, unknown>[] }> {
  let seen: { fields: string[]; changesArgs: Record<string, unknown>[] } | undefined;
  const result = await graphql({
    schema,
    source,
    variableValues,
    rootValue: {
      items: (_args: unknown, _context: unknown, info: Parameters<typeof nodeFields>[0]) => {
        const fields = nodeFields(info);
        seen = { fields: [...fields.keys()].sort(), changesArgs: nodeFieldArgs(info, 'Item', 'schemaChanges', fields.get('schemaChanges') ?? []) };
        return { edges: [], totalCount: 0 };
      },
    },
  });
  expect(result.errors).toBeUndefined();
  return seen!;
}

const asked = async (source: string) => (await run(source)).fields;

describe('nodeFields', () => {
  it('names the fields asked of each node, and not those asked elsewhere', async () => {
    expect(await asked(`{ items { totalCount edges { cursor node { id connection { id } lastRun { id } } } } }`)).toEqual(['connection', 'id', 'lastRun']);
  });

  it('sees through named and inline fragments, at the page, the edge and the node, and through aliases', async () => {
    const source = `
      query { items { ...PageFields } }
      fragment PageFields on Page { edges { ... on Edge { node { ...ItemFields } } } }
      fragment ItemFields on Item { id ... on Item { changes: schemaChanges(status: "PENDING") { id } } last: lastRun { id } }`;
    expect(await asked(source)).toEqual(['id', 'lastRun', 'schemaChanges']);
  });

  it('gives the arguments of each selection of a field, aliases apart, with variables and defaults applied', async () => {
    const source = `
      query($s: String) { items { edges { node { id pending: schemaChanges(status: "PENDING") { id } all: schemaChanges(limit: 2) { id } ...More } } } }
      fragment More on Item { mine: schemaChanges(status: $s) { id } }`;
    expect((await run(source, { s: 'ACCEPTED' })).changesArgs).toEqual([{ status: 'PENDING', limit: 5 }, { limit: 2 }, { status: 'ACCEPTED', limit: 5 }]);
    expect((await run(`{ items { edges { node { id } } } }`)).changesArgs).toEqual([]);
  });

  it('is empty when no node field is asked', async () => {
    expect(await asked(`{ items { totalCount } }`)).toEqual([]);
  });
});
