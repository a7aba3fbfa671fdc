/**
 * What one operation may ask of the server, checked before it runs (HTTP and graphql-ws alike): its size in bytes
 * and tokens, its depth, aliases, directives and an estimated cost in which list fields multiply what they
 * contain. The schema has cycles (connection → imports → connection …): without these, a 200-byte query can ask
 * for millions of objects. The rules follow graphql-armor's (max-depth, max-aliases, max-tokens,
 * max-directives, cost-limit), written here so that fragments are flattened (cycles included) and lists multiply.
 */
import {
  GraphQLError,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  parse,
  type ASTNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
  type ValueNode,
} from 'graphql';

/** The limits; the defaults pass every operation of the admin UI with room to spare (see test/security). */
export interface QueryLimits {
  /** Characters of the query text. */
  maxQueryLength: number;
  /** Lexical tokens (names, punctuation, values); comments are not counted, so `maxQueryLength` bounds those. */
  maxTokens: number;
  /** Nested fields, fragments flattened. */
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  /** Estimated cost: each field costs 1, and a list of objects multiplies the cost of what it holds by its size. */
  maxCost: number;
  /** The size assumed for a list without a `limit`/`first` argument. */
  assumedListSize: number;
  /** The largest `limit`/`first` a list argument takes; larger values are lowered to it (`capListArguments`). */
  maxListArgument: number;
}

/** The limits Inlet runs with. */
export const QUERY_LIMITS: QueryLimits = {
  maxQueryLength: 32_768,
  maxTokens: 1_000,
  maxDepth: 8,
  maxAliases: 15,
  maxDirectives: 20,
  maxCost: 10_000,
  assumedListSize: 20,
  maxListArgument: 100,
};

/** Per-field maxima above the general one (a preview shows up to 1,000 rows of JSON, a leaf). */
const LIST_ARGUMENT_MAX: Record<string, number> = {
  'Import.preview': 1_000,
  // Relay connections (graphql/pagination.ts): a page holds up to MAX_PAGE_SIZE edges.
  'Query.connections': 200,
  'Query.imports': 200,
  'Import.runs': 200,
};

/** Names of arguments that size a list. */
const LIST_SIZE_ARGUMENTS = new Set(['limit', 'first', 'last']);

/** Which limit an operation hit; the edge answers BAD_USER_INPUT with `extensions.limit`. */
export class QueryLimitError extends GraphQLError {
  constructor(
    readonly limit: 'queryLength' | 'tokens' | 'depth' | 'aliases' | 'directives' | 'cost',
    message: string,
    nodes?: readonly ASTNode[],
  ) {
    super(message, { nodes });
    this.name = 'QueryLimitError';
  }
}

/** The largest value `Type.field(limit:)` takes. */
export function listArgumentMax(parentType: string, field: string, limits: QueryLimits = QUERY_LIMITS): number {
  return LIST_ARGUMENT_MAX[`${parentType}.${field}`] ?? limits.maxListArgument;
}

/** Refuses a query text that is too long, before it is parsed. */
export function checkQueryLength(query: string, limits: QueryLimits = QUERY_LIMITS): QueryLimitError | null {
  return query.length > limits.maxQueryLength
    ? new QueryLimitError('queryLength', `Query length ${query.length} exceeds the limit of ${limits.maxQueryLength} characters`)
    : null;
}

/** graphql-js's parser stops at `maxTokens`; this turns its syntax error into ours. */
export function tokenLimitError(error: { message: string }, limits: QueryLimits = QUERY_LIMITS): QueryLimitError | null {
  // graphql-js 16 writes "more that"; accept both spellings should it be fixed.
  return /Document contains more (?:than|that) \d+ tokens/.test(error.message)
    ? new QueryLimitError('tokens', `Query has more than ${limits.maxTokens} tokens, the limit`)
    : null;
}

/** Parses with the token limit (for graphql-ws; Apollo gets the same through `parseOptions`). */
export function parseLimited(query: string, limits: QueryLimits = QUERY_LIMITS): DocumentNode {
  try {
    return parse(query, { maxTokens: limits.maxTokens });
  } catch (error) {
    throw tokenLimitError(error as Error, limits) ?? error;
  }
}

/** The validation rules, to run after graphql-js's own (`specifiedRules`). */
export function limitRules(limits: QueryLimits = QUERY_LIMITS): ValidationRule[] {
  return [aliasAndDirectiveRule(limits), depthAndCostRule(limits)];
}

/** Counts aliases and directives over the whole document (a fragment's count once: it is text the server must hold). */
function aliasAndDirectiveRule(limits: QueryLimits): ValidationRule {
  return (context: ValidationContext) => {
    let aliases = 0;
    let directives = 0;
    return {
      Field(node) {
        if (node.alias) aliases++;
      },
      Directive() {
        directives++;
      },
      Document: {
        leave(node) {
          if (aliases > limits.maxAliases) context.reportError(new QueryLimitError('aliases', `Query has ${aliases} aliases; the limit is ${limits.maxAliases}`, [node]));
          if (directives > limits.maxDirectives) context.reportError(new QueryLimitError('directives', `Query has ${directives} directives; the limit is ${limits.maxDirectives}`, [node]));
        },
      },
    };
  };
}

interface Measure {
  depth: number;
  cost: number;
}

/** Depth and estimated cost of each operation, fragments flattened (a fragment cycle counts once; NoFragmentCycles refuses it). */
function depthAndCostRule(limits: QueryLimits): ValidationRule {
  return (context: ValidationContext) => ({
    OperationDefinition(operation) {
      const schema = context.getSchema();
      const root = operation.operation === 'query' ? schema.getQueryType() : operation.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
      if (!root) return;
      const fragments = new Map<string, FragmentDefinitionNode>();
      for (const def of context.getDocument().definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
      const measured = new Map<string, Measure>();
      const m = measureSelections(operation.selectionSet, root, { limits, fragments, measured, visiting: new Set(), schema: context.getSchema() });
      const name = operation.name ? ` ${operation.name.value}` : '';
      if (m.depth > limits.maxDepth) context.reportError(new QueryLimitError('depth', `Query${name} depth ${m.depth} exceeds the limit of ${limits.maxDepth}`, [operation]));
      if (m.cost > limits.maxCost) {
        context.reportError(new QueryLimitError('cost', `Query${name} estimated cost ${m.cost} exceeds the limit of ${limits.maxCost} (lists multiply what they hold: ask for fewer nested lists or a lower limit)`, [operation]));
      }
    },
  });
}

interface Walk {
  limits: QueryLimits;
  fragments: Map<string, FragmentDefinitionNode>;
  /** Fragments already measured: a fragment spread many times is measured once (no exponential walk). */
  measured: Map<string, Measure>;
  visiting: Set<string>;
  schema: ReturnType<ValidationContext['getSchema']>;
  introspection?: boolean;
  /** Inside a Relay connection (`XConnection`): the size of its page, which its `edges` list has. */
  pageSize?: number;
}

function measureSelections(set: SelectionSetNode, type: GraphQLCompositeType, walk: Walk): Measure {
  let depth = 0;
  let cost = 0;
  for (const selection of set.selections) {
    let m: Measure;
    if (selection.kind === Kind.FIELD) m = measureField(selection, type, walk);
    else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const condition = selection.typeCondition ? walk.schema.getType(selection.typeCondition.name.value) : type;
      m = isCompositeType(condition) ? measureSelections(selection.selectionSet, condition, walk) : { depth: 0, cost: 0 };
    } else {
      const name = selection.name.value;
      const fragment = walk.fragments.get(name);
      if (!fragment || walk.visiting.has(name)) continue;
      const key = `${walk.introspection ? '__' : ''}${name}`;
      const known = walk.measured.get(key);
      if (known) m = known;
      else {
        const condition = walk.schema.getType(fragment.typeCondition.name.value);
        walk.visiting.add(name);
        m = isCompositeType(condition) ? measureSelections(fragment.selectionSet, condition, walk) : { depth: 0, cost: 0 };
        walk.visiting.delete(name);
        walk.measured.set(key, m);
      }
    }
    depth = Math.max(depth, m.depth);
    cost += m.cost;
  }
  return { depth, cost };
}

function measureField(node: FieldNode, parent: GraphQLCompositeType, walk: Walk): Measure {
  const name = node.name.value;
  if (name === '__typename') return { depth: 0, cost: 0 };
  const inIntrospection = walk.introspection || name === '__schema' || name === '__type';
  const def = fieldOf(parent, name);
  if (!def) return { depth: 1, cost: 1 };
  const named = getNamedType(def.type);
  // A Relay connection field (`first`, answering `{ edges pageInfo totalCount }`) sizes the `edges` list inside it.
  const isPage = isObjectType(named) && Boolean(named.getFields().edges && named.getFields().pageInfo);
  const pageSize = isPage ? listSize(node, parent, def, walk.limits) : undefined;
  const inner = node.selectionSet && isCompositeType(named) ? measureSelections(node.selectionSet, named, { ...walk, introspection: inIntrospection, pageSize }) : { depth: 0, cost: 0 };
  // The introspection query nests `ofType` seven deep to unwrap [T!]!: those levels are one type, not depth.
  const own = inIntrospection && name === 'ofType' ? 0 : 1;
  const isList = isListType(getNullableType(def.type));
  // Introspection lists are the schema's own size; they cost their fields, not a multiple.
  const times = isList && node.selectionSet && !inIntrospection ? (name === 'edges' && walk.pageSize !== undefined ? walk.pageSize : listSize(node, parent, def, walk.limits)) : 1;
  return { depth: own + inner.depth, cost: 1 + times * inner.cost };
}

function fieldOf(parent: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  if (name === '__schema') return SchemaMetaFieldDef;
  if (name === '__type') return TypeMetaFieldDef;
  return isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
}

/** The size a list field is taken to have: its `limit`/`first` literal (capped), the cap for a variable, its default, or the assumption. */
function listSize(node: FieldNode, parent: GraphQLCompositeType, def: GraphQLField<unknown, unknown>, limits: QueryLimits): number {
  const cap = listArgumentMax(parent.name, def.name, limits);
  for (const arg of node.arguments ?? []) {
    if (!LIST_SIZE_ARGUMENTS.has(arg.name.value)) continue;
    const value: ValueNode = arg.value;
    if (value.kind === Kind.INT) return Math.min(Math.max(0, Number(value.value)), cap);
    return cap;
  }
  const sized = def.args.find((a) => LIST_SIZE_ARGUMENTS.has(a.name));
  if (sized && typeof sized.defaultValue === 'number') return Math.min(sized.defaultValue, cap);
  return limits.assumedListSize;
}
