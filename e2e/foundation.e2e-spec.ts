import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '@civitas/contracts';
import { aSubmitServiceRequestInput, errorCodes, graphql, waitFor } from '@civitas/testing';
import { startE2ePlatform, type E2ePlatform } from './platform.js';

const SUBMIT = `mutation Submit($input: SubmitServiceRequestInput!) {
  submitServiceRequest(input: $input) { ticketNumber submissionId serviceNotice }
}`;
const TRACK = `query Track($t: String!) {
  caseByTicket(ticketNumber: $t) {
    ticketNumber status priority dueAt createdAt
    service { code name }
    department { code name }
    reporter { id }
  }
}`;

interface Tracked {
  caseByTicket: {
    ticketNumber: string;
    status: string;
    priority: string | null;
    dueAt: string | null;
    service: { code: string; name: string };
    department: { code: string; name: string } | null;
    reporter: { id: string } | null;
  } | null;
}

/** Ana's report of a pothole in the bus lane, on the web. */
const ana = () =>
  aSubmitServiceRequestInput('pothole')
    .describedAs('Deep pothole in the bus lane')
    .via('WEB')
    .at({ latitude: 40.7128, longitude: -74.006, address: '1 Centre St' })
    .withReporter({
      firstName: 'Ana',
      lastName: 'Ruiz',
      email: 'ana@example.org',
      phone: '+12125550100',
    });

/**
 * The foundation issue's acceptance, through the gateway with every service a separate process:
 * submit, track (fields from cases, routing and citizens), catalog, tokens, bad input, a service
 * killed between submit and consumption, and subgraphs refusing direct calls.
 */
describe('the platform end to end', () => {
  let e2e: E2ePlatform;
  let gateway: string;

  beforeAll(async () => {
    e2e = await startE2ePlatform();
    gateway = e2e.platform.gatewayUrl;
  });

  afterAll(async () => {
    await e2e?.dispose();
  });

  /** Reporter references are for staff who serve residents (docs/adr/0041): an agent tracks. */
  const asAgent = async () => ({ authorization: `Bearer ${await e2e.token(Role.Agent)}` });

  const routed = async (ticket: string, headers: Record<string, string> = {}) =>
    waitFor(
      async () => {
        const found = (await graphql<Tracked>(gateway, TRACK, { t: ticket }, headers)).data
          ?.caseByTicket;
        // Routed in routing (department) and recorded by cases (priority).
        return found?.department && found.priority ? found : undefined;
      },
      { what: `case ${ticket} routed` },
    );

  it('submits anonymously, answers a ticket at once, and tracks the routed case across subgraphs', async () => {
    const res = await graphql<{ submitServiceRequest: { ticketNumber: string } }>(gateway, SUBMIT, {
      input: ana().withIdempotencyKey('e2e-optional-client-key').build(),
    });
    expect(res.errors).toBeUndefined();
    const ticket = res.data!.submitServiceRequest.ticketNumber;
    expect(ticket).toMatch(/^SR-\d{4}-\d{7}$/);
    const found = await routed(ticket);
    expect(found).toMatchObject({
      ticketNumber: ticket,
      status: 'OPEN',
      priority: 'NORMAL',
      service: { code: 'pothole', name: 'Pothole' },
      department: { code: 'streets' },
    });
    // Anonymous tracking never says who reported it; staff who serve residents see the resident.
    expect(found.reporter).toBeNull();
    expect((await routed(ticket, await asAgent())).reporter?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Date(found.dueAt!).getTime()).toBeGreaterThan(Date.now());

    const again = await graphql<{ submitServiceRequest: { ticketNumber: string } }>(
      gateway,
      SUBMIT,
      {
        input: ana().withIdempotencyKey('e2e-optional-client-key').build(),
      },
    );
    expect(again.data!.submitServiceRequest.ticketNumber).toBe(ticket);
    expect(await e2e.count('intake', 'SELECT count(*) AS n FROM submission')).toBe(1);
  });

  it('the same person reporting again, with the e-mail written differently, is the same resident', async () => {
    const first = await graphql<{ submitServiceRequest: { ticketNumber: string } }>(
      gateway,
      SUBMIT,
      { input: ana().build() },
    );
    const second = await graphql<{ submitServiceRequest: { ticketNumber: string } }>(
      gateway,
      SUBMIT,
      {
        input: ana().forService('graffiti').withReporter({ email: ' ANA@Example.org ' }).build(),
      },
    );
    const agent = await asAgent();
    const [a, b] = await Promise.all([
      routed(first.data!.submitServiceRequest.ticketNumber, agent),
      routed(second.data!.submitServiceRequest.ticketNumber, agent),
    ]);
    expect(a.reporter?.id).toBeDefined();
    expect(b.reporter?.id).toBe(a.reporter?.id);
    expect(await e2e.count('citizens', 'SELECT count(*) AS n FROM citizen')).toBe(1);
  });

  it('answers null for a ticket that does not exist', async () => {
    expect(
      (await graphql<Tracked>(gateway, TRACK, { t: 'SR-1999-0000000' })).data?.caseByTicket,
    ).toBeNull();
  });

  it('lists the catalog without a token', async () => {
    const res = await graphql<{ services: { code: string; department: { code: string } }[] }>(
      gateway,
      '{ services { code name group keywords department { code name } } }',
    );
    expect(res.data!.services.length).toBeGreaterThanOrEqual(12);
  });

  it('refuses bad input with a code naming the problem, through the gateway, and stores nothing', async () => {
    const before = await e2e.count('intake', 'SELECT count(*) AS n FROM submission');
    const cases = [
      [ana().forService('teleport').build(), 'UNKNOWN_SERVICE_CODE'],
      [ana().without('location').build(), 'LOCATION_REQUIRED'],
      [ana().describedAs('x'.repeat(4001)).build(), 'BAD_USER_INPUT'],
      [ana().withReporter({ email: 'not-an-email' }).build(), 'BAD_USER_INPUT'],
    ] as const;
    for (const [input, code] of cases) {
      const res = await graphql(gateway, SUBMIT, { input });
      expect(errorCodes(res)).toEqual([code]);
    }
    expect(await e2e.count('intake', 'SELECT count(*) AS n FROM submission')).toBe(before);
  });

  it('needs a token for everything but submitting, the catalog and tracking', async () => {
    const anonymous = await graphql(gateway, '{ caseCounts { key count } }');
    expect(errorCodes(anonymous)).toEqual(['UNAUTHENTICATED']);
    const resident = await graphql(
      gateway,
      '{ caseCounts { key count } }',
      {},
      { authorization: `Bearer ${await e2e.token(Role.Resident)}` },
    );
    expect(errorCodes(resident)).toEqual(['FORBIDDEN']);
    const analyst = await graphql<{ caseCounts: { key: string; count: number }[] }>(
      gateway,
      '{ caseCounts(groupBy: DEPARTMENT) { key count } }',
      {},
      { authorization: `Bearer ${await e2e.token(Role.Analyst)}` },
    );
    expect(analyst.errors).toBeUndefined();
    const bad = await graphql(
      gateway,
      '{ services { code } }',
      {},
      { authorization: 'Bearer not-a-token' },
    );
    expect(bad.status).toBe(401);
    expect(errorCodes(bad)).toEqual(['UNAUTHENTICATED']);
  });

  it('a submission accepted while cases is killed becomes exactly one case once cases is back', async () => {
    await e2e.platform.stopService('cases', 'SIGKILL');
    const res = await graphql<{
      submitServiceRequest: { ticketNumber: string; submissionId: string };
    }>(gateway, SUBMIT, {
      input: ana().forService('missed-collection').without('reporter').build(),
    });
    const { ticketNumber, submissionId } = res.data!.submitServiceRequest;
    const ready = await fetch(`${e2e.platform.baseUrl('gateway')}/health/ready`);
    expect(ready.status).toBe(503);
    await e2e.platform.startService('cases');
    const found = await routed(ticketNumber);
    expect(found.department?.code).toBe('sanitation');
    expect(
      await e2e.count('cases', 'SELECT count(*) AS n FROM service_case WHERE submission_id = $1', [
        submissionId,
      ]),
    ).toBe(1);
    expect((await fetch(`${e2e.platform.baseUrl('gateway')}/health/ready`)).status).toBe(200);
  });

  it('a subgraph refuses a call that did not come through the gateway', async () => {
    const direct = await graphql(
      e2e.platform.serviceUrl('cases'),
      '{ caseByTicket(ticketNumber: "SR-2026-0000001") { id } }',
      {},
      {
        'x-civitas-identity': Buffer.from(
          JSON.stringify({ sub: 'me', roles: ['admin'], departments: [] }),
        ).toString('base64url'),
      },
    );
    expect(direct.status).toBe(401);
    expect(errorCodes(direct)).toEqual(['UNAUTHENTICATED']);
    const withSecret = await graphql(
      e2e.platform.serviceUrl('routing'),
      '{ services { code } }',
      {},
      e2e.gatewayHeadersWithSecret(),
    );
    expect(withSecret.status).toBe(200);
  });
});
