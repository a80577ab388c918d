import { describe, expect, it } from '@jest/globals';
import { Supergraph } from '@apollo/federation-internals';
import { parse } from 'graphql';
import { loadConfig } from '@civitas/config';
import { GatewayConfig } from '../../config/gateway.config.js';
import { SERVICE_REQUESTS, SERVICES_WITH_ATTRIBUTES } from '../../open311/graph/operations.js';
import { readSupergraph } from '../supergraph.js';
import { queryCost } from './query-cost.js';

const config = loadConfig(GatewayConfig, {
  GATEWAY_SECRET: 'gateway-secret-for-tests-0123456789',
  AUTH_DEV_SIGNING_KEY: 'dev-signing-key-for-tests-0123456789',
});
/** The schema clients see: the committed supergraph's API schema. */
const schema = Supergraph.build(readSupergraph(config.SUPERGRAPH_PATH))
  .apiSchema()
  .toGraphQLJSSchema();
const options = { defaultListSize: config.QUERY_COST_LIST_SIZE, maxNodes: 20_000 };

const cost = (query: string, variables?: Record<string, unknown>) =>
  queryCost(schema, parse(query), undefined, variables, options);

describe('queryCost over the real schema with the default limits', () => {
  it('multiplies nested lists by their default page sizes', () => {
    // cases(first: Int! = 100): one case, its reporter, 100 cases, their reporters, 100 × 100 cases
    expect(
      cost(
        '{ caseByTicket(ticketNumber: "T") { reporter { cases { reporter { cases { id } } } } } }',
      ),
    ).toBe(1 + 1 + 100 * (1 + 1 + 100));
  });

  it('reads page sizes from arguments, variables and input defaults', () => {
    expect(cost('{ serviceRequests { ticketNumber } }')).toBe(1000);
    expect(cost('{ serviceRequests(filter: { pageSize: 20 }) { ticketNumber } }')).toBe(20);
    expect(
      cost(
        'query Q($f: ServiceRequestFilterInput) { serviceRequests(filter: $f) { ticketNumber } }',
        {
          f: { pageSize: 5 },
        },
      ),
    ).toBe(5);
    expect(cost('{ failedNotifications(first: 3) { id } }')).toBe(3);
  });

  it("refuses an agent's nested reporter/cases lists", () => {
    expect(
      cost('{ serviceRequests { reporter { cases { reporter { cases { id } } } } } }'),
    ).toBeGreaterThan(config.MAX_QUERY_COST);
    expect(
      cost(
        '{ caseByTicket(ticketNumber: "T") { reporter { cases { reporter { cases { reporter { cases { id } } } } } } } }',
      ),
    ).toBeGreaterThan(config.MAX_QUERY_COST);
  });

  it('lets the Open311 facade ask for its largest page', () => {
    const largest = cost(SERVICE_REQUESTS, { filter: { pageSize: 1000 } });
    expect(largest).toBeLessThanOrEqual(config.MAX_QUERY_COST);
    expect(cost(SERVICES_WITH_ATTRIBUTES)).toBeLessThanOrEqual(config.MAX_QUERY_COST);
  });

  it('stops walking a document whose fragments expand without bound', () => {
    const n = 25;
    const fragments = Array.from(
      { length: n },
      (_, i) => `fragment F${i} on Query { ...F${i + 1} ... on Query { ...F${i + 1} } }`,
    );
    const query = `query Q { ...F0 } ${fragments.join(' ')} fragment F${n} on Query { services { code } }`;
    expect(cost(query)).toBe(Infinity);
  });
});
