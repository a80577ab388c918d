import {
  GraphQLError,
  getNamedType,
  getNullableType,
  isInputObjectType,
  isLeafType,
  isListType,
  type DocumentNode,
  type GraphQLField,
  type GraphQLSchema,
} from 'graphql';
import { getComplexity, type ComplexityEstimatorArgs } from 'graphql-query-complexity';

/** Argument names that bound how many items a list field returns, directly or in an input. */
const PAGE_ARGUMENTS = ['first', 'last', 'limit', 'pageSize'] as const;

export interface QueryCostOptions {
  /** The size assumed for a list whose field takes no page argument. */
  defaultListSize: number;
  /**
   * How many selections the estimate may visit (fragments expanded at each spread) before it
   * stops: the walk itself must stay bounded whatever the document.
   */
  maxNodes: number;
}

/**
 * The most objects an operation can return: each object field counts 1, a list multiplies what
 * is under it by its page size (`first`, `limit`, `pageSize`, in the arguments or in an input
 * argument, defaults included), else by `defaultListSize`. Scalars cost nothing: their number is
 * bounded by the objects times the document's size. Introspection is not counted (it is off in
 * production). Infinity when the walk passes `maxNodes`. Variables that do not fit the operation
 * throw their GraphQLError (execution would refuse them the same way).
 */
export function queryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown> | undefined,
  options: QueryCostOptions,
): number {
  try {
    return getComplexity({
      schema,
      query: document,
      operationName,
      variables,
      maxQueryNodes: options.maxNodes,
      estimators: [(args) => fieldCost(args, options.defaultListSize)],
    });
  } catch (error) {
    if (error instanceof GraphQLError && error.message === TOO_MANY_NODES) {
      return Infinity;
    }
    throw error;
  }
}

/** What graphql-query-complexity throws when the walk passes `maxQueryNodes`. */
const TOO_MANY_NODES = 'Query exceeds the maximum allowed number of nodes.';

function fieldCost(
  { field, args, childComplexity }: ComplexityEstimatorArgs,
  defaultListSize: number,
): number {
  if (field.name.startsWith('__')) {
    return 0;
  }
  const own = isLeafType(getNamedType(field.type)) ? 0 : 1;
  if (!isListType(getNullableType(field.type))) {
    return own + childComplexity;
  }
  return (pageSize(field, args) ?? defaultListSize) * (own + childComplexity);
}

function pageSize(
  field: GraphQLField<unknown, unknown>,
  args: Record<string, unknown>,
): number | undefined {
  const direct = sizeIn(args);
  if (direct !== undefined) {
    return direct;
  }
  for (const argument of field.args) {
    const type = getNamedType(argument.type);
    if (!isInputObjectType(type)) {
      continue;
    }
    const given = (args[argument.name] ?? {}) as Record<string, unknown>;
    const defaults = Object.fromEntries(
      Object.values(type.getFields()).map((f) => [f.name, f.defaultValue]),
    );
    const size = sizeIn({ ...defaults, ...given });
    if (size !== undefined) {
      return size;
    }
  }
  return undefined;
}

function sizeIn(values: Record<string, unknown>): number | undefined {
  for (const name of PAGE_ARGUMENTS) {
    const value = values[name];
    if (typeof value === 'number' && Number.isFinite(value)) {
      return Math.max(0, value);
    }
  }
  return undefined;
}
