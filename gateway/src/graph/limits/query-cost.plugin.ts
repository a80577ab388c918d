import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { LimitCode } from './limit-code.js';
import { queryCost, type QueryCostOptions } from './query-cost.js';
import type { VariableCoercion } from './variable-coercion.js';

/**
 * Refuses an operation whose cost (`queryCost`) is over `maxCost`, before any subgraph is called.
 * A plugin rather than a validation rule because the cost depends on the variables
 * (`cases(first: $n)`), which validation does not see.
 */
export function queryCostPlugin(
  maxCost: number,
  options: QueryCostOptions,
  coercion: VariableCoercion,
): ApolloServerPlugin<object> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          // Variables that do not fit: the cost estimate would coerce them again, without a cap on
          // its errors; execution or VariableCoercion refuses them with their own clear errors.
          if (!operation || coercion.errorsOf(schema, operation, request).length > 0) {
            return;
          }
          let cost: number;
          try {
            cost = queryCost(schema, document, operation?.name?.value, request.variables, options);
          } catch {
            // Variables that do not fit: execution refuses them with its own clear error.
            return;
          }
          if (cost > maxCost) {
            throw new GraphQLError(
              Number.isFinite(cost)
                ? `Operation may return up to ${cost} objects; the limit is ${maxCost}. Ask for smaller pages (first, limit, pageSize) or fewer nested lists`
                : `Operation expands to more than ${options.maxNodes} selections; the limit on its cost is ${maxCost}`,
              { extensions: { code: LimitCode.QueryTooComplex, http: { status: 400 } } },
            );
          }
        },
      };
    },
  };
}
