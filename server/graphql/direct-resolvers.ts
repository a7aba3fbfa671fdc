/**
 * Calls queries and field resolvers straight from graphql-js instead of through type-graphql's per-call handler.
 *
 * For every call, type-graphql's handler sorts the method's parameter list, copies the parent object into a new
 * instance of its GraphQL class (`@Root() imp: Import` makes a fresh `Import` of all its properties), and awaits each
 * `@Arg` (its validation hook is async even when validation is off), so a resolver with an argument always answers
 * with a promise. A list of 50 imports makes four such calls per item: 200 copies of an import and 50 promises per
 * page (bench:api). Here each resolver's parameters are read once, at start, from type-graphql's own metadata into
 * a list of plain readers, and the method is called with them: same arguments, no copy, no promise of its own.
 *
 * Only what needs nothing more is called directly: parameters that are the parent, the context, the info or an
 * argument of a scalar or enum type (which type-graphql hands over unchanged), and no middlewares or roles (Inlet
 * has none). Anything else (an input object argument, which type-graphql turns into its class; `@Args`; custom
 * decorators) keeps type-graphql's handler. The parent is passed as the object the parent field answered, not as a
 * copy in the GraphQL class: Inlet's GraphQL classes declare fields only, no methods or getters a resolver could need.
 */
import { GraphQLScalarType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { getMetadataStorage } from 'type-graphql';

type Reader = (root: unknown, args: Record<string, unknown>, context: Record<string, unknown>, info: unknown) => unknown;

interface ParamMetadata {
  kind: string;
  index: number;
  name?: string;
  propertyName?: string;
  getType?: () => unknown;
  validateFn?: unknown;
  validateSettings?: unknown;
}

interface ResolverMetadata {
  target: new () => Record<string, (...args: unknown[]) => unknown>;
  methodName: string;
  schemaName: string;
  kind?: string;
  params?: ParamMetadata[];
  middlewares?: unknown[];
  roles?: unknown[];
  getObjectType?: () => unknown;
}

/** Types type-graphql passes through unchanged (convertToType returns scalars, enums and these as they are). */
const PLAIN = new Set<unknown>([String, Number, Boolean, Date]);

function reader(param: ParamMetadata): Reader | null {
  switch (param.kind) {
    case 'root':
      return param.propertyName ? (root) => (root as Record<string, unknown> | null)?.[param.propertyName!] : (root) => root;
    case 'context':
      return param.propertyName ? (_r, _a, context) => context[param.propertyName!] : (_r, _a, context) => context;
    case 'info':
      return (_r, _a, _c, info) => info;
    case 'arg': {
      if (param.validateFn || (param.validateSettings !== undefined && param.validateSettings !== false)) return null;
      const type = param.getType?.();
      // A class (an input object type) is turned into an instance by type-graphql: left to it. An enum is a plain object.
      const plain = type instanceof GraphQLScalarType || PLAIN.has(type) || (typeof type === 'object' && type !== null);
      if (!plain) return null;
      const name = param.name!;
      return (_r, args) => args[name];
    }
    default:
      return null;
  }
}

/** One instance per resolver class, as type-graphql's default container keeps. */
const instances = new Map<unknown, Record<string, (...args: unknown[]) => unknown>>();

/** The direct resolver of one method, or null when it needs type-graphql's handler. */
function direct(def: ResolverMetadata): GraphQLFieldResolver<unknown, Record<string, unknown>> | null {
  if (def.middlewares?.length || def.roles?.length || def.target.length > 0) return null;
  const params = [...(def.params ?? [])].sort((a, b) => a.index - b.index);
  const readers: Reader[] = [];
  for (const param of params) {
    const read = reader(param);
    if (!read) return null;
    readers.push(read);
  }
  let instance = instances.get(def.target);
  if (!instance) instances.set(def.target, (instance = new def.target()));
  const method = instance[def.methodName];
  if (typeof method !== 'function') return null;
  switch (readers.length) {
    case 0:
      return () => method.call(instance);
    case 1: {
      const [a] = readers as [Reader];
      return (root, args, context, info) => method.call(instance, a(root, args, context, info));
    }
    case 2: {
      const [a, b] = readers as [Reader, Reader];
      return (root, args, context, info) => method.call(instance, a(root, args, context, info), b(root, args, context, info));
    }
    default:
      return (root, args, context, info) => method.apply(instance, readers.map((read) => read(root, args, context, info)));
  }
}

/**
 * Replaces type-graphql's handler with a direct call on every query and external field resolver that allows it
 * (run on the schema buildSchema just made, before anything wraps its resolvers). Returns how many were replaced.
 */
export function directResolvers(schema: GraphQLSchema): number {
  const storage = getMetadataStorage() as unknown as { queries: ResolverMetadata[]; fieldResolvers: ResolverMetadata[]; objectTypes: { target: unknown; name: string }[] };
  const typeNames = new Map(storage.objectTypes.map((t) => [t.target, t.name]));
  let replaced = 0;
  const replace = (typeName: string | undefined, def: ResolverMetadata) => {
    const type = typeName ? schema.getType(typeName) : undefined;
    const field = type && 'getFields' in type ? (type.getFields() as Record<string, { resolve?: unknown }>)[def.schemaName] : undefined;
    if (!field) return;
    const resolve = direct(def);
    if (!resolve) return;
    field.resolve = resolve;
    replaced++;
  };
  const query = schema.getQueryType()?.name;
  for (const def of storage.queries) replace(query, def);
  // Field resolvers declared on the object type's own class ("internal") read the parent as that class: left alone.
  for (const def of storage.fieldResolvers) if (def.kind === 'external') replace(typeNames.get(def.getObjectType?.()), def);
  return replaced;
}
