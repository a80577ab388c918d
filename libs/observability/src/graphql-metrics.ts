import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import client, { type Registry } from 'prom-client';

/**
 * GraphQL operations counted and timed, as `<prefix>_operations_total` and
 * `<prefix>_duration_seconds`, by operation type, first root field and outcome. Root fields come
 * from the schema, so the labels stay bounded; operation names, which clients choose, are never a
 * label. A document that does not parse or validate is `invalid`.
 */
export function graphqlMetricsPlugin<TContext extends BaseContext>(
  registry: Registry,
  prefix: string,
  where: string,
): ApolloServerPlugin<TContext> {
  const operations = new client.Counter({
    name: `${prefix}_operations_total`,
    help: `GraphQL operations answered by ${where}`,
    labelNames: ['type', 'field', 'outcome'],
    registers: [registry],
  });
  const duration = new client.Histogram({
    name: `${prefix}_duration_seconds`,
    help: `Time to answer a GraphQL operation at ${where}`,
    labelNames: ['type', 'field'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return {
    async requestDidStart() {
      const stop = duration.startTimer();
      return {
        async willSendResponse(ctx) {
          const type = ctx.operation?.operation ?? 'invalid';
          const first = ctx.operation?.selectionSet.selections.find((s) => s.kind === 'Field');
          const field = first?.kind === 'Field' ? first.name.value : '';
          const outcome = ctx.errors?.length ? 'error' : 'ok';
          operations.inc({ type, field, outcome });
          stop({ type, field });
        },
      };
    },
  };
}
