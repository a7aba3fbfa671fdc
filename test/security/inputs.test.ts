/**
 * Every text input of the API against control characters and unbounded lengths, through a real server on SQLite and
 * PostgreSQL (where NUL used to be an INTERNAL_SERVER_ERROR): each is refused with BAD_USER_INPUT naming its path,
 * and nothing is stored. Texts that are files (keys) keep their line breaks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInlet, type TestInlet } from '../helpers/inlet.js';
import { HOSTILE_TEXTS, LINE_BREAKS, MULTILINE_PATHS, OPERATIONS, TEXT_INPUTS } from './corpus/control-char-inputs.js';

let inlet: TestInlet;

beforeAll(async () => {
  inlet = await startInlet();
});
afterAll(async () => {
  await inlet?.close();
});

/** The operation's valid variables with `text` at `path` (dots; numbers index lists). */
function variablesWith(operation: keyof typeof OPERATIONS, path: string, text: string): Record<string, unknown> {
  const variables = OPERATIONS[operation].variables() as Record<string, unknown>;
  const keys = path.split('.');
  let node = variables as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[keys.at(-1)!] = text;
  return variables;
}

const stored = async () => {
  const data = await inlet.ok(`{ connections { totalCount } imports { totalCount } workspaces { id } apiKeys { id } }`);
  return { connections: data.connections.totalCount, imports: data.imports.totalCount, workspaces: data.workspaces.length, apiKeys: data.apiKeys.length };
};

describe('text inputs', () => {
  const cases = TEXT_INPUTS.flatMap(([operation, path, field]) => HOSTILE_TEXTS.map(([what, text]) => [`${operation} ${path}`, what, operation, path, field, text] as const));

  it.each(cases)('%s refuses %s, naming the field', async (_label, _what, operation, path, field, text) => {
    const result = await inlet.gql(OPERATIONS[operation].query, variablesWith(operation, path, text));
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(result.errors?.[0]?.message).toMatch(/control character|characters long/);
  });

  it('stored nothing from any refused input', async () => {
    expect(await stored()).toEqual({ connections: 0, imports: 0, workspaces: 1, apiKeys: 1 });
  });

  const oneLine = TEXT_INPUTS.filter(([, path]) => !MULTILINE_PATHS.has(path.split('.').at(-1)!));
  it.each(oneLine.flatMap(([operation, path, field]) => LINE_BREAKS.map(([what, text]) => [`${operation} ${path}`, what, operation, path, field, text] as const)))(
    '%s refuses a %s',
    async (_label, _what, operation, path, field, text) => {
      const result = await inlet.gql(OPERATIONS[operation].query, variablesWith(operation, path, text));
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    },
  );

  it('keeps line breaks in key files (a PEM private key, a JSON key file)', async () => {
    const pem = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\r\n\tabc\n-----END PRIVATE KEY-----\n';
    const snowflake = await inlet.gql(OPERATIONS.createSnowflake.query, variablesWith('createSnowflake', 'input.snowflake.credentials.privateKey', pem));
    // The key is not a real one: the connector may refuse it, but not the edge for its line breaks.
    expect(JSON.stringify(snowflake.errors ?? [])).not.toMatch(/control character/);
    const key = '{\n\t"type": "service_account",\r\n\t"project_id": "p"\n}';
    const gcs = await inlet.gql(OPERATIONS.createGcs.query, variablesWith('createGcs', 'input.gcs.credentials.serviceAccountKey', key));
    expect(JSON.stringify(gcs.errors ?? [])).not.toMatch(/control character/);
  });

  it('accepts the longest text a field allows and refuses one more character', async () => {
    const at = await inlet.gql(OPERATIONS.catalog.query, { search: 'x'.repeat(1_000) });
    expect(at.errors).toBeUndefined();
    const over = await inlet.gql(OPERATIONS.catalog.query, { search: 'x'.repeat(1_001) });
    expect(over.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'search' });
    const name = await inlet.gql(OPERATIONS.createWorkspace.query, { name: 'n'.repeat(201) });
    expect(name.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
  });
});
