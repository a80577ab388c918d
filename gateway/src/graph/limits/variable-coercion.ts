import type { ApolloServerPlugin, GraphQLRequest } from '@apollo/server';
import {
  getVariableValues,
  GraphQLError,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { LimitCode } from './limit-code.js';

/**
 * Coerces each request's variables once, stopping after `maxErrors` wrong values (graphql-js's
 * own executor stops at 50; Apollo's gateway coerces with no cap, one error with its stack trace
 * per wrong value). A request past the cap is refused with TOO_MANY_INVALID_VALUES before the
 * gateway or the cost estimate coerce it again; one under it goes on, and the gateway answers its
 * few errors as usual (BAD_USER_INPUT, each naming its value).
 */
export class VariableCoercion {
  private readonly errors = new WeakMap<GraphQLRequest, readonly GraphQLError[]>();

  constructor(readonly maxErrors: number) {}

  /** The coercion errors of the request's variables, at most `maxErrors` + 1 (the last: "too many"). */
  errorsOf(
    schema: GraphQLSchema,
    operation: OperationDefinitionNode,
    request: GraphQLRequest,
  ): readonly GraphQLError[] {
    let errors = this.errors.get(request);
    if (!errors) {
      errors =
        getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {}, {
          maxErrors: this.maxErrors,
        }).errors ?? [];
      this.errors.set(request, errors);
    }
    return errors;
  }

  plugin(): ApolloServerPlugin<object> {
    return {
      requestDidStart: async () => ({
        didResolveOperation: async ({ schema, operation, request }) => {
          if (!operation) {
            return;
          }
          const errors = this.errorsOf(schema, operation, request);
          if (errors.length <= this.maxErrors) {
            return;
          }
          const first = errors[0];
          const variable =
            first.nodes?.[0]?.kind === 'VariableDefinition'
              ? first.nodes[0].variable.name.value
              : undefined;
          throw new GraphQLError(
            `The variables have more than ${this.maxErrors} invalid values; the first: ${first.message}`,
            {
              extensions: {
                code: LimitCode.TooManyInvalidValues,
                ...(variable ? { variable } : {}),
                http: { status: 400 },
              },
            },
          );
        },
      }),
    };
  }
}
