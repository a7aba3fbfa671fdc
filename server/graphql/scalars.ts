import { GraphQLScalarType, Kind } from 'graphql';

/** ISO-8601 UTC times. Accepts Dates and ISO strings (events arrive as JSON) and always answers `…Z`. */
export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: 'An ISO-8601 date and time in UTC, e.g. 2025-01-01T06:30:00.000Z',
  serialize(value) {
    const date = value instanceof Date ? value : new Date(String(value));
    if (Number.isNaN(date.getTime())) throw new TypeError(`not a date: ${String(value)}`);
    return date.toISOString();
  },
  parseValue(value) {
    const date = new Date(String(value));
    if (Number.isNaN(date.getTime())) throw new TypeError('DateTime must be an ISO-8601 string');
    return date;
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new TypeError('DateTime must be an ISO-8601 string');
    return new Date(ast.value);
  },
});

export { GraphQLJSON as JSONScalar } from 'graphql-scalars';
