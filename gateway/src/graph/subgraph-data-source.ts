import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { encodeIdentity } from '@civitas/auth';
import {
  ANONYMOUS,
  HEADER_CORRELATION_ID,
  HEADER_GATEWAY_SECRET,
  HEADER_IDENTITY,
} from '@civitas/contracts';
import type { GatewayContext } from './gateway-context.js';
import type { TimeBudget } from './limits/time-budget.js';

/**
 * A subgraph fetch carrying the shared secret, the verified identity and the correlation id.
 * Nothing from the caller's own headers is forwarded: subgraphs believe only what the gateway says.
 */
export class CivitasSubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    url: string,
    private readonly gatewaySecret: string,
    private readonly budget?: TimeBudget,
  ) {
    super({ url });
  }

  /** A subgraph that answers after the operation's time budget is not waited for. */
  override process(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): ReturnType<RemoteGraphQLDataSource<GatewayContext>['process']> {
    const work = super.process(options);
    const context = 'context' in options ? (options.context as object | undefined) : undefined;
    return this.budget ? this.budget.within(context, work) : work;
  }

  override willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = options.request.http?.headers;
    if (!headers) {
      return;
    }
    // Health checks and schema loading run without an operation context.
    const context =
      'context' in options ? (options.context as Partial<GatewayContext> | undefined) : undefined;
    headers.set(HEADER_GATEWAY_SECRET, this.gatewaySecret);
    headers.set(HEADER_IDENTITY, encodeIdentity(context?.identity ?? ANONYMOUS));
    if (context?.correlationId) {
      headers.set(HEADER_CORRELATION_ID, context.correlationId);
    }
  }
}
