import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind } from 'graphql';

/**
 * A document whose operation cannot be chosen (several without `operationName`, or no operation
 * of that name) is the caller's mistake: 400 naming what to send. Apollo leaves it to the
 * executor, and the gateway's executor answers it as a 500. So is an operation of a kind the
 * schema has no root type for (`subscription`): the query planner would answer it with a 500.
 */
export function operationResolutionPlugin(): ApolloServerPlugin<object> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request, schema }) {
          if (operation) {
            if (!schema.getRootType(operation.operation)) {
              throw new GraphQLError(`This API has no ${operation.operation} operations`, {
                extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } },
              });
            }
            return;
          }
          const names = document.definitions
            .filter((d) => d.kind === Kind.OPERATION_DEFINITION)
            .map((d) => d.name?.value ?? '(anonymous)');
          const message = request.operationName
            ? `The document has no operation named "${request.operationName.slice(0, 100)}" (it has ${names.join(', ') || 'none'})`
            : names.length === 0
              ? 'The document has no operation to run'
              : `The document has ${names.length} operations (${names.join(', ')}); name the one to run in operationName`;
          throw new GraphQLError(message, {
            extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } },
          });
        },
      };
    },
  };
}
