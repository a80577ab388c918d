import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MetricsEndpoint } from '../health/metrics-endpoint.js';
import { startTestGatewayOver, type TestGateway } from '../testing/test-gateway.js';

const SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Query { held: String ping: String }
`;

/** Answers `held` only once the test releases it, so requests stay in flight at the gateway. */
class Gate {
  private waiting: (() => void)[] = [];
  arrived = 0;
  wait(): Promise<string> {
    this.arrived++;
    return new Promise((resolve) => this.waiting.push(() => resolve('released')));
  }
  release(): void {
    this.waiting.splice(0).forEach((open) => open());
  }
}

describe('the gateway sheds load past MAX_IN_FLIGHT (docs/adr/0075)', () => {
  const gate = new Gate();
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startTestGatewayOver(
      [
        {
          name: 'cases',
          sdl: SDL,
          resolvers: { Query: { held: () => gate.wait(), ping: () => 'pong' } },
        },
      ],
      {
        MAX_IN_FLIGHT: '2',
        METRICS_PORT: '0',
      },
    );
  });

  afterAll(async () => {
    gate.release();
    await gateway?.close();
  });

  const graphql = (query: string) =>
    fetch(`${gateway.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });

  const until = async (condition: () => boolean) => {
    while (!condition()) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };

  it('refuses the request past the limit at once, in each API’s format, and admits again once answers are sent', async () => {
    let heldAnswered = false;
    const held = [graphql('{ held }'), graphql('{ held }')];
    void Promise.all(held).then(() => (heldAnswered = true));
    await until(() => gate.arrived === 2);

    const refused = await graphql('{ ping }');
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    const body = (await refused.json()) as {
      errors: { message: string; extensions: { code: string } }[];
    };
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].extensions.code).toBe('OVERLOADED');
    expect(body.errors[0].message).toMatch(/busy; try again in 1 second/);

    const open311 = await fetch(`${gateway.base}/open311/discovery.json`);
    expect(open311.status).toBe(503);
    expect(open311.headers.get('retry-after')).toBe('1');
    const errors = (await open311.json()) as { code: number; description: string }[];
    expect(errors).toEqual([{ code: 503, description: expect.stringMatching(/busy/) }]);
    const xml = await fetch(`${gateway.base}/open311/v2/services.xml`);
    expect(xml.status).toBe(503);
    expect(await xml.text()).toContain('<code>503</code>');

    expect((await fetch(`${gateway.base}/health/live`)).status).toBe(200);
    const metricsUrl = gateway.app.get(MetricsEndpoint).url!;
    const metrics = await (await fetch(metricsUrl)).text();
    expect(metrics).toMatch(/civitas_gateway_shed_total\{path="\/graphql",service="gateway"\} 1\b/);
    expect(metrics).toMatch(/civitas_gateway_shed_total\{path="\/open311",service="gateway"\} 2\b/);

    // Nothing above waited for the held answers.
    expect(heldAnswered).toBe(false);
    gate.release();
    for (const answer of await Promise.all(held)) {
      expect(answer.status).toBe(200);
      expect(await answer.json()).toEqual({ data: { held: 'released' } });
    }

    const again = await graphql('{ ping }');
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ data: { ping: 'pong' } });
    expect((await fetch(`${gateway.base}/open311/discovery.json`)).status).toBe(200);
  });

  it('gives the slot back when a client goes away before its answer', async () => {
    const before = gate.arrived;
    const aborts = [new AbortController(), new AbortController()];
    const gone = aborts.map((a) =>
      fetch(`${gateway.base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ held }' }),
        signal: a.signal,
      }).catch(() => 'aborted'),
    );
    await until(() => gate.arrived === before + 2);
    expect((await graphql('{ ping }')).status).toBe(503);
    aborts.forEach((a) => a.abort());
    expect(await Promise.all(gone)).toEqual(['aborted', 'aborted']);
    // The gateway notices the closed sockets on its next turn; poll rather than time it.
    let status = 503;
    while (status === 503) {
      status = (await graphql('{ ping }')).status;
    }
    expect(status).toBe(200);
    gate.release();
  });
});
