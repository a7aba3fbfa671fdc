/**
 * Query limits and introspection, through a real server (HTTP and graphql-ws): every hostile query of the corpus
 * is refused before it runs, naming the limit, while the server keeps answering others; the admin UI's own
 * operations stay within the limits; introspection is off in production unless INLET_INTROSPECTION=true.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { Kind, parse, print, validate, specifiedRules, type DefinitionNode, type GraphQLObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalBus } from '../../server/events/bus.js';
import { checkArguments } from '../../server/graphql/input-guard.js';
import { QUERY_LIMITS, limitRules } from '../../server/graphql/limits.js';
import { createSchema } from '../../server/graphql/schema.js';
import { startInlet, type TestInlet } from '../helpers/inlet.js';
import { HOSTILE_QUERIES } from './corpus/hostile-queries.js';

let inlet: TestInlet;

beforeAll(async () => {
  inlet = await startInlet();
});
afterAll(async () => {
  await inlet?.close();
});

/** Runs a query over graphql-ws and resolves with its errors (or none). */
function overWebSocket(client: ReturnType<TestInlet['ws']>, query: string): Promise<{ errors?: any[]; data?: unknown }> {
  return new Promise((resolve) => {
    let result: { errors?: any[]; data?: unknown } = {};
    client.subscribe(
      { query },
      {
        next: (value) => void (result = value as typeof result),
        error: (error) => resolve({ errors: Array.isArray(error) ? error : [error] }),
        complete: () => resolve(result),
      },
    );
  });
}

describe('hostile queries', () => {
  it.each(HOSTILE_QUERIES.map((q) => [q.name, q] as const))('refuses %s over HTTP', async (_name, hostile) => {
    const result = await inlet.gql(hostile.query);
    expect(result.data ?? null).toBeNull();
    expect(result.errors?.[0]?.extensions?.code).toBe(hostile.code);
    if (hostile.limit) {
      expect(result.errors?.[0]?.extensions?.limit).toBe(hostile.limit);
      expect(result.errors?.[0]?.message).toMatch(/limit/);
    }
  });

  it.each(HOSTILE_QUERIES.map((q) => [q.name, q] as const))('refuses %s over graphql-ws', async (_name, hostile) => {
    const result = await overWebSocket(inlet.ws(), hostile.query);
    expect(result.errors?.[0]?.extensions?.code).toBe(hostile.code);
    if (hostile.limit) expect(result.errors?.[0]?.extensions?.limit).toBe(hostile.limit);
  });

  it('keeps answering other requests while every hostile query arrives at once', async () => {
    const hostile = HOSTILE_QUERIES.flatMap((q) => [inlet.gql(q.query), inlet.gql(q.query)]);
    const plain = await inlet.ok(`{ viewer { isAdmin workspace { name } } }`);
    expect(plain.viewer.isAdmin).toBe(true);
    const answers = await Promise.all(hostile);
    expect(answers.every((a) => a.errors?.length && !a.data)).toBe(true);
    expect(answers.some((a) => a.errors?.[0]?.extensions?.code === 'INTERNAL_SERVER_ERROR')).toBe(false);
    expect((await inlet.ok(`{ connections { edges { node { id } } } }`)).connections.edges).toEqual([]);
  });

  it('lowers a list size past its maximum instead of fetching it', async () => {
    const fields = (await createSchema(new LocalBus())).getType('Import') as GraphQLObjectType;
    const runs = fields.getFields().runs!.args;
    expect(checkArguments('Import', 'runs', runs, { first: 1_000_000 })).toEqual({ first: 200 });
    expect(checkArguments('Import', 'runs', runs, { first: 30 })).toEqual({ first: 30 });
    const events = (await createSchema(new LocalBus())).getQueryType()!.getFields().recentEvents!.args;
    expect(checkArguments('Query', 'recentEvents', events, { limit: 1_000_000 })).toEqual({ limit: QUERY_LIMITS.maxListArgument });
    expect(checkArguments('Import', 'preview', fields.getFields().preview!.args, { limit: 5_000 })).toEqual({ limit: 1_000 });
  });
});

describe("the admin UI's own operations", () => {
  const root = path.resolve(__dirname, '../../client/src');
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? (name === 'gql' ? [] : files(full)) : [full];
    });
  const sources = files(root);
  const documents = sources.filter((f) => f.endsWith('.graphql')).map((f) => readFileSync(f, 'utf8'));
  const all = parse(documents.join('\n'));
  const fragments = all.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
  const operations = all.definitions.filter((d): d is Extract<DefinitionNode, { kind: Kind.OPERATION_DEFINITION }> => d.kind === Kind.OPERATION_DEFINITION);

  it('stay within every limit, each sent with every fragment (what a client could add to it)', async () => {
    const schema = await createSchema(new LocalBus());
    expect(operations.length).toBeGreaterThan(20);
    for (const operation of operations) {
      const text = [print(operation), ...fragments.map((f) => print(f))].join('\n');
      expect(text.length, operation.name?.value).toBeLessThan(QUERY_LIMITS.maxQueryLength);
      const document = parse(text, { maxTokens: QUERY_LIMITS.maxTokens });
      const errors = validate(schema, document, [...specifiedRules.filter((r) => r.name !== 'NoUnusedFragmentsRule'), ...limitRules()]);
      expect(errors.map((e) => e.message), operation.name?.value).toEqual([]);
    }
  });

  it('never introspect (so production can turn introspection off)', () => {
    const code = sources.filter((f) => /\.(tsx?|graphql)$/.test(f)).map((f) => readFileSync(f, 'utf8'));
    expect(code.filter((text) => /__schema|__type\b|getIntrospectionQuery|introspectionFromSchema/.test(text))).toEqual([]);
  });
});

describe('introspection', () => {
  const INTROSPECT = `{ __schema { queryType { name } } }`;

  it('is on outside production (as in these tests)', async () => {
    expect((await inlet.ok(INTROSPECT)).__schema.queryType.name).toBe('Query');
  });

  it('is off in production, over HTTP and graphql-ws, and the API still answers', async () => {
    const production = await startInlet({ NODE_ENV: 'production' });
    try {
      const http = await production.gql(INTROSPECT);
      expect(http.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(http.errors?.[0]?.message).toMatch(/introspection/i);
      const ws = await overWebSocket(production.ws(), INTROSPECT);
      expect(ws.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect((await production.ok(`{ viewer { isAdmin __typename } }`)).viewer).toEqual({ isAdmin: true, __typename: 'Viewer' });
      // No HTML explorer page either: a browser opening /graphql gets the JSON refusal of a request without a query.
      const page = await fetch(`${production.url}/graphql`, { headers: { accept: 'text/html' } });
      expect(page.headers.get('content-type')).toMatch(/json/);
      expect(page.status).toBe(400);
    } finally {
      await production.close();
    }
  });

  it('is on in production with INLET_INTROSPECTION=true', async () => {
    const production = await startInlet({ NODE_ENV: 'production', INLET_INTROSPECTION: 'true' });
    try {
      expect((await production.ok(INTROSPECT)).__schema.queryType.name).toBe('Query');
      expect((await overWebSocket(production.ws(), INTROSPECT)).errors).toBeUndefined();
    } finally {
      await production.close();
    }
  });
});
