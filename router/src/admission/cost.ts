import type { ApolloServerPlugin } from '@apollo/server';
import { OperationLimitCode } from '@trading/platform';
import { getNullableType, GraphQLError, isListType, type GraphQLSchema } from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';

/** The page size a list field has when neither `first` nor `last` is given (see pageRequest in @trading/platform). */
const DEFAULT_PAGE_SIZE = 20;
/** The largest page any list serves: a larger `first` or `last` is refused by the subgraph, not charged. */
const MAX_PAGE_SIZE = 100;
/** What an unpaged list (holdings, positions) is assumed to hold. */
const UNPAGED_LIST_SIZE = 10;
/** Candle lists (`last`, or a `from`/`to` range, no `first`): their default length, their longest, and how many cost one item. */
const DEFAULT_SERIES_LENGTH = 100;
const MAX_SERIES_LENGTH = 1000;
const SERIES_ITEMS_PER_UNIT = 10;

/**
 * What a field costs: 1 plus its children, multiplied by how many items it can return. A paged list (a field with
 * `first`) costs its `first` or its `last`, whichever it is given (the larger if both: the subgraph refuses that), so
 * `orders(last: 100)` costs what `orders(first: 100)` does, ten times `orders(first: 10)`; a connection's `edges` do
 * not count again.
 * A series of small values (`candles(last: N)`: a few stored items hold hundreds) costs one item per ten values, and
 * a range without `last` as much as its longest.
 */
const listSizeEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  const own = 1 + childComplexity;
  if (field.args.some((arg) => arg.name === 'first')) {
    const asked = [args.first, args.last].filter((size): size is number => typeof size === 'number' && size > 0);
    return own * (asked.length ? Math.min(Math.max(...asked), MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE);
  }
  if (field.args.some((arg) => arg.name === 'last')) {
    const length =
      typeof args.last === 'number' && args.last > 0
        ? Math.min(args.last, MAX_SERIES_LENGTH)
        : args.from != null
          ? MAX_SERIES_LENGTH
          : DEFAULT_SERIES_LENGTH;
    return own * Math.ceil(length / SERIES_ITEMS_PER_UNIT);
  }
  if (isListType(getNullableType(field.type)) && field.name !== 'edges') return own * UNPAGED_LIST_SIZE;
  return undefined;
};

/** The estimated cost of an operation with its variables (exported for tests and docs). */
export function operationCost(
  schema: GraphQLSchema,
  document: Parameters<typeof getComplexity>[0]['query'],
  variables?: Record<string, unknown>,
  operationName?: string,
): number {
  return getComplexity({
    schema,
    query: document,
    ...(variables ? { variables } : {}),
    ...(operationName ? { operationName } : {}),
    estimators: [listSizeEstimator, simpleEstimator({ defaultComplexity: 1 })],
  });
}

/**
 * Refuses an operation whose estimated cost exceeds `maxCost` with MAX_COST_EXCEEDED, before anything is planned.
 * It runs once variables are known (a validation rule would not see `first: $n`).
 */
export function costPlugin(maxCost: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request, operationName }) {
          let cost: number;
          try {
            cost = operationCost(schema, document, request.variables, operationName ?? undefined);
          } catch {
            // Variables that do not fit their types: the gateway refuses them as BAD_USER_INPUT before any fetch.
            return;
          }
          if (cost > maxCost) {
            throw new GraphQLError(`Operation cost limit of ${maxCost} exceeded, estimated ${cost}.`, {
              extensions: { code: OperationLimitCode.MAX_COST_EXCEEDED, cost, maxCost, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
