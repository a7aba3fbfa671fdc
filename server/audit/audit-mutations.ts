/**
 * The one mechanism that records mutations: every field of the schema's Mutation type is wrapped, outermost (around
 * the input guard and type-graphql's own resolver), so a new mutation is audited without a line of code, a refused
 * one is recorded with the code its caller got, and HTTP and graphql-ws are the same. What is kept: the operation
 * (field name), the target id (the `id` argument, or the id of what the mutation created or changed), the outcome.
 * Never the arguments themselves: they hold credentials, keys and secrets.
 *
 * The entry is written before the mutation runs, as PENDING, and its outcome when the mutation answers: no change is
 * made without its entry (an entry that cannot be written refuses the mutation), and an entry a stopped server left
 * PENDING says the mutation may or may not have taken effect. Writing the entry in the mutation's own transaction
 * instead would need every service to take the caller's transaction, and one transaction around a whole resolver
 * would hold SQLite's one connection across its network calls (a connection's validation, a webhook test).
 */
import { GraphQLError, defaultFieldResolver, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import type { Context } from '../graphql/context.js';
import { domainErrorOf, toGraphQLError } from '../graphql/errors.js';

const MAX_TARGET = 200;

export function auditMutations(schema: GraphQLSchema): GraphQLSchema {
  const mutation = schema.getMutationType();
  if (!mutation) return schema;
  for (const field of Object.values(mutation.getFields())) {
    const resolve: GraphQLFieldResolver<unknown, Context> = field.resolve ?? defaultFieldResolver;
    const action = field.name;
    field.resolve = async (source, args, context, info) => {
      const entry = await context.services.audit.begin(context.principal, action, targetOf(args, null));
      try {
        const result = await resolve(source, args, context, info);
        await context.services.audit.end(entry, 'ok', targetOf(args, result));
        return result;
      } catch (error) {
        await context.services.audit.end(entry, codeOf(error), entry.targetId);
        throw error;
      }
    };
  }
  return schema;
}

/** The code the caller gets for an error (graphql/errors.ts decides; anything unknown is INTERNAL_SERVER_ERROR). */
function codeOf(error: unknown): string {
  const domain = domainErrorOf(error);
  if (domain) return String(toGraphQLError(domain).extensions.code);
  const code = error instanceof GraphQLError ? error.extensions?.code : undefined;
  return typeof code === 'string' && /^[A-Z_]{1,64}$/.test(code) ? code : 'INTERNAL_SERVER_ERROR';
}

/** An id worth keeping: not empty, not too long, and without control characters (PostgreSQL's text refuses NUL; the
 * entry is written before the input guard refuses such an argument, and must not turn that refusal into an error). */
const idOf = (value: unknown): string | null =>
  typeof value === 'string' && value.length > 0 && value.length <= MAX_TARGET && !/\p{C}/u.test(value) ? value : null;

/** The `id` argument; else the id of the result or of the first object in it (CreatedApiKey.apiKey); else an `…Id` argument. */
function targetOf(args: Record<string, unknown>, result: unknown): string | null {
  const direct = idOf(args.id);
  if (direct) return direct;
  if (result && typeof result === 'object') {
    const own = idOf((result as { id?: unknown }).id);
    if (own) return own;
    for (const value of Object.values(result)) {
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        const nested = idOf((value as { id?: unknown }).id);
        if (nested) return nested;
      }
    }
  }
  for (const [name, value] of Object.entries(args)) if (name.endsWith('Id') && idOf(value)) return value as string;
  return null;
}
