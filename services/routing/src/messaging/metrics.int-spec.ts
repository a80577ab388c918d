import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GetServiceDefinition } from '@civitas/contracts';
import { metricSample, startServiceHarness, type ServiceHarness } from '@civitas/testing';
import { ROUTING_APP } from '../app.module.js';
import { seedCatalog } from '../catalog/index.js';
import type { RoutingConfig } from '../config/routing.config.js';
import { ROUTING_CONSUMERS } from './consumers.js';

/** What Prometheus reads from a running service (docs/adr/0074): its GraphQL, its bus. */
describe('routing: metrics an operator scrapes', () => {
  let routing: ServiceHarness<RoutingConfig>;
  const scrape = async () => (await fetch(routing.url.replace(/\/graphql$/, '/metrics'))).text();

  beforeAll(async () => {
    routing = await startServiceHarness({ ...ROUTING_APP, seed: seedCatalog });
  });

  afterAll(() => routing?.dispose());

  it('counts and times GraphQL operations by root field, and requests over NATS by subject and outcome', async () => {
    expect((await routing.query('{ services { code } }')).errors).toBeUndefined();
    expect((await routing.query('{ services { code } }')).errors).toBeUndefined();
    await routing.ask(GetServiceDefinition, { serviceCode: 'pothole' }, { as: 'analytics' });
    const refused = await routing.request(
      GetServiceDefinition,
      { serviceCode: 'pothole' },
      { as: 'citizens' },
    );
    expect(refused.ok).toBe(false);

    const text = await scrape();
    expect(
      metricSample(text, 'civitas_graphql_operations_total', {
        service: 'routing',
        type: 'query',
        field: 'services',
        outcome: 'ok',
      }),
    ).toBe(2);
    expect(
      metricSample(text, 'civitas_graphql_duration_seconds_count', {
        type: 'query',
        field: 'services',
      }),
    ).toBe(2);
    expect(
      metricSample(text, 'civitas_bus_requests_total', {
        subject: GetServiceDefinition.subject,
        outcome: 'ok',
      }),
    ).toBe(1);
    expect(
      metricSample(text, 'civitas_bus_requests_total', {
        subject: GetServiceDefinition.subject,
        outcome: 'FORBIDDEN',
      }),
    ).toBe(1);
  });

  it("shows every consumer's lag and dead letters, and the outbox backlog", async () => {
    const text = await scrape();
    for (const consumer of ROUTING_CONSUMERS) {
      expect(
        metricSample(text, 'civitas_bus_consumer_lag_messages', { consumer: consumer.durable }),
      ).toBe(0);
      expect(
        metricSample(text, 'civitas_bus_dead_letters_messages', { consumer: consumer.durable }),
      ).toBe(0);
    }
    expect(metricSample(text, 'civitas_bus_outbox_backlog_messages')).toBe(0);
  });
});
