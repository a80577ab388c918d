import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BusMetrics, type BusOptions } from '@civitas/messaging';
import { createMetricsRegistry, graphqlMetricsPlugin, shedCounter } from '@civitas/observability';
import type { DataSource } from 'typeorm';
import type { NatsConnection } from '@nats-io/transport-node';
import { findRepoRoot } from '../platform/repo-root.js';

interface Dashboard {
  uid: string;
  templating: { list: { name: string; type: string }[] };
  panels: { title: string; targets: { expr: string }[] }[];
}

const dashboard = JSON.parse(
  readFileSync(join(findRepoRoot(), 'deploy/grafana/civitas-dashboard.json'), 'utf8'),
) as Dashboard;

/** Every metric the platform's code registers, as a service and the gateway register them. */
function registeredMetrics(): Map<string, string> {
  const registry = createMetricsRegistry('any');
  graphqlMetricsPlugin(registry, 'civitas_graphql', 'a subgraph');
  graphqlMetricsPlugin(registry, 'civitas_gateway_graphql', 'the gateway');
  shedCounter(registry, 'civitas_gateway');
  const options = { service: 'cases', namespace: '', consumers: [] } as unknown as BusOptions;
  new BusMetrics({} as DataSource, {} as NatsConnection, options, registry);
  return new Map(registry.getMetricsAsArray().map((m) => [m.name, String(m.type)]));
}

/** The metric names an expression reads (a histogram's series by the histogram's name). */
function metricsIn(expr: string): string[] {
  return [...expr.matchAll(/\b((?:civitas|process)_[a-z_]+)\b/g)].map(([, name]) =>
    name.replace(/_(bucket|count|sum)$/, ''),
  );
}

describe('the Grafana dashboard in deploy/grafana', () => {
  const registered = registeredMetrics();

  it('reads only metrics the platform registers, so no panel stays empty after a rename', () => {
    const unknown = dashboard.panels.flatMap((panel) =>
      panel.targets.flatMap((t) =>
        metricsIn(t.expr)
          .filter((name) => !registered.has(name))
          .map((name) => `${panel.title}: ${name}`),
      ),
    );
    expect(unknown).toEqual([]);
  });

  it("shows every metric of Civitas's own, so a new one is not left off the dashboard", () => {
    const shown = new Set(
      dashboard.panels.flatMap((p) => p.targets.flatMap((t) => metricsIn(t.expr))),
    );
    const missing = [...registered.keys()].filter(
      (name) => name.startsWith('civitas_') && !shown.has(name),
    );
    expect(missing).toEqual([]);
  });

  it('asks which Prometheus to read rather than naming one, so it imports into any Grafana', () => {
    expect(dashboard.uid).toBe('civitas-platform');
    expect(dashboard.templating.list).toContainEqual(
      expect.objectContaining({ name: 'datasource', type: 'datasource' }),
    );
    const histograms = [...registered].filter(([, type]) => type === 'histogram');
    expect(histograms.length).toBeGreaterThan(0);
    // A quantile of a histogram is taken over its buckets' rates, never over a raw counter.
    for (const panel of dashboard.panels) {
      for (const { expr } of panel.targets) {
        if (expr.includes('histogram_quantile')) {
          expect(expr).toMatch(/_bucket\[\$__rate_interval\]/);
        }
      }
    }
  });
});
