import type { ApolloServerPlugin } from '@apollo/server';
import { prometheus } from '@civitas/observability';
import type { Registry } from 'prom-client';
import type { GatewayContext } from './gateway-context.js';

/** Operation counts and latency by operation type and outcome (no operation names: unbounded). */
export function metricsPlugin(registry: Registry): ApolloServerPlugin<GatewayContext> {
  const operations = new prometheus.Counter({
    name: 'civitas_gateway_graphql_operations_total',
    help: 'GraphQL operations answered by the gateway',
    labelNames: ['type', 'outcome'],
    registers: [registry],
  });
  const duration = new prometheus.Histogram({
    name: 'civitas_gateway_graphql_duration_seconds',
    help: 'Time to answer a GraphQL operation at the gateway',
    labelNames: ['type'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return {
    async requestDidStart() {
      const stop = duration.startTimer();
      return {
        async willSendResponse(ctx) {
          const type = ctx.operation?.operation ?? 'invalid';
          const outcome = ctx.errors?.length ? 'error' : 'ok';
          operations.inc({ type, outcome });
          stop({ type });
        },
      };
    },
  };
}
