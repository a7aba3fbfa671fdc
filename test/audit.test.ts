/**
 * The audit log through the public API: every mutation field of the served schema (read by introspection, so a new
 * mutation is covered, or fails here, without editing this file) is called and must leave exactly one entry naming
 * it; refused mutations keep the code their caller got; a credential planted in createConnection is never in the
 * audit table or any answer; workspaces see only their own entries; paging walks many entries without gaps.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLInputType,
  type IntrospectionQuery,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREATE_CONNECTION, s3Input, settled } from './helpers/fixtures.js';
import { startInlet, testDatabase, type TestInlet } from './helpers/inlet.js';
import { startS3, type LocalS3 } from './helpers/s3.js';

let inlet: TestInlet;
let s3: LocalS3;
let workspaceId: string;
let adminKeyId: string;

const AUDIT = `query($first: Int, $after: String, $action: String, $apiKeyId: ID) {
  auditLog(first: $first, after: $after, action: $action, apiKeyId: $apiKeyId) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id at apiKeyId apiKeyName workspaceId action targetId outcome } } } }`;

async function auditLog(vars: Record<string, unknown> = {}, key = inlet.adminKey) {
  return (await inlet.ok(AUDIT, vars, key)).auditLog;
}

/** Every entry for `filter`, walking the pages. */
async function allEntries(filter: Record<string, unknown>, first = 50, key = inlet.adminKey) {
  const out: any[] = [];
  let after: string | null = null;
  for (let pages = 0; pages < 1000; pages++) {
    const page: any = await auditLog({ ...filter, first, after }, key);
    out.push(...page.edges.map((e: any) => e.node));
    if (!page.pageInfo.hasNextPage) return { entries: out, totalCount: page.totalCount };
    after = page.pageInfo.endCursor;
  }
  throw new Error('too many pages');
}

/** A value of an input type that passes GraphQL's own coercion: required fields only, ids that do not exist. */
function sample(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return sample(type.ofType);
  if (isListType(type)) return [sample(type.ofType)];
  if (isEnumType(type)) return type.getValues()[0]!.value;
  if (isInputObjectType(type)) {
    const out: Record<string, unknown> = {};
    for (const f of Object.values(type.getFields())) if (isNonNullType(f.type)) out[f.name] = sample(f.type);
    return out;
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'ID':
        return randomUUID();
      case 'Int':
        return 1;
      case 'Float':
        return 0.5;
      case 'Boolean':
        return true;
      default:
        return `audit-${randomBytes(3).toString('hex')}`;
    }
  }
  throw new Error(`no sample for ${String(type)}`);
}

const SECRET = `planted-secret-${randomBytes(12).toString('hex')}`;

beforeAll(async () => {
  s3 = await startS3();
  await s3.createBucket('audited');
  inlet = await startInlet();
  const viewer = (await inlet.ok('{ viewer { workspace { id } apiKeyId } }')).viewer;
  workspaceId = viewer.workspace.id;
  adminKeyId = viewer.apiKeyId;
});

afterAll(async () => {
  await inlet?.close();
  await s3?.close();
});

describe('the audit log', () => {
  it('records every mutation of the schema once, with who, what, when and the outcome', async () => {
    const { data } = await inlet.gql<IntrospectionQuery>(getIntrospectionQuery());
    const schema = buildClientSchema(data!);
    const fields = Object.values(schema.getMutationType()!.getFields());
    expect(fields.length).toBeGreaterThan(15);
    // Real calls where a generic one would not reach the resolver (one-of inputs), or to see a success.
    const { createConnection } = await inlet.ok(CREATE_CONNECTION, { input: { ...s3Input(s3, { bucketName: 'audited' }, { accessKeyId: 'S3RVER', secretAccessKey: SECRET }), name: 'audited' } });
    // Validated in the background (the prefix is empty: INACTIVE, which changes nothing here).
    await settled(inlet, createConnection.id);
    const special: Record<string, { query: string; variables: Record<string, unknown> }> = {
      rotateConnectionCredentials: {
        query: `mutation($id: ID!, $input: ConnectionCredentialsInput!) { rotateConnectionCredentials(id: $id, input: $input) { id } }`,
        variables: { id: createConnection.id, input: { aws: { accessKeyId: 'S3RVER', secretAccessKey: SECRET } } },
      },
    };
    const seen = new Map<string, string>();
    const calls: string[] = [];
    for (const field of fields) {
      if (field.name === 'createConnection') continue; // made above, with the planted secret
      const call = special[field.name];
      let result;
      if (call) {
        result = await inlet.gql(call.query, call.variables);
      } else {
        const declared = field.args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
        const passed = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
        const variables = Object.fromEntries(field.args.filter((a) => isNonNullType(a.type)).map((a) => [a.name, sample(a.type)]));
        const named = getNamedType(field.type);
        const selection = 'getFields' in named ? ` { __typename }` : '';
        result = await inlet.gql(`mutation${declared ? `(${declared})` : ''} { ${field.name}${passed ? `(${passed})` : ''}${selection} }`, variables);
      }
      seen.set(field.name, result.errors?.[0]?.extensions?.code ?? 'ok');
      calls.push(field.name);
    }
    await inlet.idle();
    const { entries } = await allEntries({}, 200);
    for (const field of fields) {
      const mine = entries.filter((e) => e.action === field.name);
      // createConnection once; everything else at least once (rotate also validates, which is no mutation).
      expect(mine.length, `audit entries for ${field.name}`).toBeGreaterThanOrEqual(1);
      if (field.name !== 'createConnection') expect(mine[0].outcome, field.name).toBe(seen.get(field.name));
      for (const e of mine) expect(e).toMatchObject({ apiKeyId: adminKeyId, apiKeyName: expect.any(String), workspaceId });
    }
    const created = entries.find((e) => e.action === 'createConnection');
    expect(created).toMatchObject({ outcome: 'ok', targetId: createConnection.id });
    expect(entries.find((e) => e.action === 'rotateConnectionCredentials')).toMatchObject({ outcome: 'ok', targetId: createConnection.id });
    // Newest first.
    const times = entries.map((e) => Date.parse(e.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('keeps the code a refused mutation got, from the input guard, the services and access checks', async () => {
    const missing = randomUUID();
    const notFound = await inlet.gql(`mutation($id: ID!) { deleteImport(id: $id) }`, { id: missing });
    expect(notFound.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const guard = await inlet.gql(`mutation($n: String!) { createWorkspace(name: $n) { id } }`, { n: 'bad\u0000name' });
    expect(guard.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const { createApiKey } = await inlet.ok(`mutation($w: ID!) { createApiKey(workspaceId: $w, name: "plain key", scope: WORKSPACE) { key apiKey { id } } }`, { w: workspaceId });
    const forbidden = await inlet.gql(`mutation { createWorkspace(name: "not allowed") { id } }`, {}, createApiKey.key);
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    expect((await auditLog({ action: 'deleteImport', first: 1 })).edges[0].node).toMatchObject({ action: 'deleteImport', targetId: missing, outcome: 'NOT_FOUND', apiKeyId: adminKeyId });
    const workspaces = (await allEntries({ action: 'createWorkspace' })).entries;
    expect(workspaces.slice(0, 2).map((e) => [e.outcome, e.apiKeyId, e.apiKeyName])).toEqual([
      ['FORBIDDEN', createApiKey.apiKey.id, 'plain key'],
      ['BAD_USER_INPUT', adminKeyId, expect.any(String)],
    ]);
    const created = (await auditLog({ action: 'createApiKey', first: 1 })).edges[0].node;
    // The created key's id is the target; the key itself is nowhere.
    expect(created).toMatchObject({ outcome: 'ok', targetId: createApiKey.apiKey.id });
    const rows = await inlet.server.services.db.query(`SELECT * FROM audit_entry`);
    expect(JSON.stringify(rows)).not.toContain(createApiKey.key);
  });

  it('never holds a credential: not in the audit table, not in any answer', async () => {
    const rows = await inlet.server.services.db.query(`SELECT * FROM audit_entry`);
    expect(rows.length).toBeGreaterThan(20);
    expect(JSON.stringify(rows)).not.toContain(SECRET);
    expect(JSON.stringify(await allEntries({}, 200))).not.toContain(SECRET);
    for (const body of inlet.responses) expect(body).not.toContain(SECRET);
  });

  it('shows a workspace its own entries only, and filters by key', async () => {
    const { createWorkspace } = await inlet.ok(`mutation { createWorkspace(name: "other team") { id } }`);
    const { createApiKey } = await inlet.ok(`mutation($w: ID!) { createApiKey(workspaceId: $w, name: "other key") { key apiKey { id } } }`, { w: createWorkspace.id });
    await inlet.gql(`mutation { pauseImport(id: "${randomUUID()}") { id } }`, {}, createApiKey.key);
    const theirs = await allEntries({}, 50, createApiKey.key);
    expect(theirs.entries.map((e) => [e.action, e.outcome, e.workspaceId, e.apiKeyName])).toEqual([['pauseImport', 'NOT_FOUND', createWorkspace.id, 'other key']]);
    const ours = await allEntries({}, 200);
    expect(ours.entries.some((e) => e.workspaceId !== workspaceId)).toBe(false);
    expect((await allEntries({ apiKeyId: createApiKey.apiKey.id })).totalCount).toBe(0);
    const byAdmin = await allEntries({ apiKeyId: adminKeyId }, 200);
    expect(byAdmin.entries.every((e) => e.apiKeyId === adminKeyId)).toBe(true);
    expect(byAdmin.totalCount).toBeGreaterThan(0);
  });

  it('pages over many entries newest first, without duplicates or gaps', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 130; i++) {
      const id = randomUUID();
      ids.push(id);
      await inlet.gql(`mutation($id: ID!) { resumeImport(id: $id) { id } }`, { id });
    }
    const walked = await allEntries({ action: 'resumeImport' }, 17);
    const before = walked.entries.filter((e) => !ids.includes(e.targetId)).length; // the first test's call
    expect(walked.totalCount).toBe(ids.length + before);
    expect(walked.entries).toHaveLength(walked.totalCount);
    expect(new Set(walked.entries.map((e) => e.id)).size).toBe(walked.totalCount);
    const mine = walked.entries.filter((e) => ids.includes(e.targetId)).map((e) => e.targetId);
    expect(new Set(mine)).toEqual(new Set(ids));
    // Newest first (entries of the same millisecond in id order).
    const times = walked.entries.map((e) => Date.parse(e.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const bad = await inlet.gql(AUDIT, { after: 'not-a-cursor' });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});

describe('an entry and its mutation', () => {
  /** A database that refuses one kind of write to the audit table (a trigger): a failed write, or a server stopped, at that point. */
  async function refuseAudit(statement: 'INSERT' | 'UPDATE' | null) {
    const db = inlet.server.services.db;
    if (testDatabase === 'postgres') {
      if (statement) {
        await db.query(`CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected fault: no audit write'; END $$`);
        await db.query(`CREATE TRIGGER refuse_audit BEFORE ${statement} ON "audit_entry" FOR EACH ROW EXECUTE FUNCTION refuse_audit()`);
      } else {
        await db.query(`DROP TRIGGER refuse_audit ON "audit_entry"`);
        await db.query(`DROP FUNCTION refuse_audit()`);
      }
    } else if (statement) {
      await db.query(`CREATE TRIGGER refuse_audit BEFORE ${statement} ON "audit_entry" BEGIN SELECT RAISE(ABORT, 'injected fault: no audit write'); END`);
    } else await db.query(`DROP TRIGGER refuse_audit`);
  }
  const workspacesNamed = (name: string) => inlet.server.services.db.query(`SELECT "id" FROM "workspace" WHERE "name" = '${name}'`);

  it('an entry that cannot be written refuses the mutation: no change without its entry', async () => {
    const name = `unaudited-${randomBytes(4).toString('hex')}`;
    const before = (await auditLog({ action: 'createWorkspace' })).totalCount;
    await refuseAudit('INSERT');
    try {
      const result = await inlet.gql(`mutation($n: String!) { createWorkspace(name: $n) { id } }`, { n: name });
      expect(result.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      await refuseAudit(null);
    }
    expect(await workspacesNamed(name)).toEqual([]);
    expect((await auditLog({ action: 'createWorkspace' })).totalCount).toBe(before);
  });

  it('a mutation whose outcome was never written (its server stopped there) keeps its entry, PENDING', async () => {
    const name = `pending-${randomBytes(4).toString('hex')}`;
    await refuseAudit('UPDATE');
    let created: { id: string };
    try {
      created = (await inlet.ok(`mutation($n: String!) { createWorkspace(name: $n) { id } }`, { n: name })).createWorkspace;
    } finally {
      await refuseAudit(null);
    }
    expect(await workspacesNamed(name)).toEqual([{ id: created.id }]);
    expect((await auditLog({ action: 'createWorkspace', first: 1 })).edges[0].node).toMatchObject({ action: 'createWorkspace', outcome: 'PENDING', apiKeyId: adminKeyId });
  });
});
