import type { ApolloServerPlugin } from '@apollo/server';
import { describeError, type JsonLogger } from '@civitas/observability';
import type { GraphQLError } from 'graphql';
import { UNEXPECTED_CODES } from './format-gateway-error.js';
import type { GatewayContext } from './gateway-context.js';

/** What a subgraph's failed HTTP answer leaves on the error (`extensions.response`). */
interface SubgraphResponse {
  status?: unknown;
}

function isUnexpected(code: unknown): boolean {
  return typeof code !== 'string' || UNEXPECTED_CODES.has(code);
}

/**
 * The other half of `formatGatewayError` (docs/adr/0049): every unexpected error — a subgraph's
 * internal error, a subgraph that cannot be reached or answers with an HTTP error, a failure of
 * the gateway's own — is logged once with the request's correlation id, the subgraph and field it
 * came from, and its class (text redacted; the stack outside production); and its answer carries
 * that correlation id as `extensions.correlationId`, so whoever reports it can be found in the
 * gateway's log and, under the same id, in the subgraph's.
 */
export function unexpectedErrorsPlugin(
  logger: JsonLogger,
  production: boolean,
): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors as readonly GraphQLError[]) {
            if (!isUnexpected(error.extensions?.code)) {
              continue;
            }
            const response = error.extensions?.response as SubgraphResponse | undefined;
            const serviceName = error.extensions?.serviceName;
            logger.error({
              msg: 'unexpected error answering a request',
              correlationId: contextValue.correlationId,
              path: error.path?.join('.'),
              serviceName,
              subgraphStatus: typeof response?.status === 'number' ? response.status : undefined,
              // A subgraph's error is described in its own log under the same correlation id;
              // its text, which may quote what was sent, is not repeated here.
              error:
                typeof serviceName === 'string'
                  ? { class: 'subgraph error', code: error.extensions?.code }
                  : describeError(
                      error.originalError instanceof Error ? error.originalError : error,
                      { stack: !production },
                    ),
            });
          }
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') {
            return;
          }
          const { errors } = response.body.singleResult;
          if (!errors?.some((e) => isUnexpected(e.extensions?.code))) {
            return;
          }
          response.body.singleResult.errors = errors.map((e) =>
            isUnexpected(e.extensions?.code)
              ? { ...e, extensions: { ...e.extensions, correlationId: contextValue.correlationId } }
              : e,
          );
        },
      };
    },
  };
}
