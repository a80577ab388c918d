import client from 'prom-client';

/**
 * The Nest token of the process's registry (provided by a subgraph's SubgraphModule): the bus and
 * the GraphQL plugin register their metrics on it, and `/metrics` serves it.
 */
export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');

/** One Prometheus registry per process, with Node's default metrics and the service label. */
export function createMetricsRegistry(service: string): client.Registry {
  const registry = new client.Registry();
  registry.setDefaultLabels({ service });
  client.collectDefaultMetrics({ register: registry });
  return registry;
}

export { client as prometheus };
