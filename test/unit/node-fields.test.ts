/**
 * `nodeFields`: what a list fetches ahead for its items is what the operation asks of `edges { node { … } }`, however
 * it is written (fields, named fragments, inline fragments, aliases). graphql-js executes a real operation on a small
 * schema and the list field's resolver records what it saw.
 */
import { buildSchema, graphql } from 'graphql';
import { describe, expect, it } from 'vitest';
import { nodeFields } from '../../server/graphql/pagination.js';

const schema = buildSchema(`
  type Item { id: ID! name: String connection: Ref lastRun: Ref schemaChanges(status: String): [Ref!]! }
  type Ref { id: ID! }
  type Edge { node: Item! cursor: String! }
  type Page { edges: [Edge!]! totalCount: Int! }
  type Query { items: Page! }
`);

async function asked(source: string): Promise<string[]> {
  let seen: Set<string> | undefined;
  const result = await graphql({
    schema,
    source,
    rootValue: {
      items: (_args: unknown, _context: unknown, info: Parameters<typeof nodeFields>[0]) => {
        seen = nodeFields(info);
        return { edges: [], totalCount: 0 };
      },
    },
  });
  expect(result.errors).toBeUndefined();
  return [...seen!].sort();
}

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

  it('is empty when no node field is asked', async () => {
    expect(await asked(`{ items { totalCount } }`)).toEqual([]);
  });
});
