import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '@civitas/contracts';
import { graphql, waitFor } from '@civitas/testing';
import { startE2ePlatform, type E2ePlatform } from './platform.js';

const SUBMIT = `mutation Submit($input: SubmitServiceRequestInput!) {
  submitServiceRequest(input: $input) { ticketNumber }
}`;
const TRACK = `query Track($t: String!) {
  caseByTicket(ticketNumber: $t) { status department { code } reporter { id } }
}`;
const CHANGE = `mutation Change($input: ChangeCaseStatusInput!) { changeCaseStatus(input: $input) { status } }`;

interface Tracked {
  caseByTicket: {
    status: string;
    department: { code: string } | null;
    reporter: { id: string } | null;
  } | null;
}

/**
 * The platform on the nats-server `npm start` runs when none is there (docs/adr/0046): each
 * service is its own NATS user with only the permissions generated from the contracts, and a
 * request still goes all the way (events, durables, requests and replies, dead-letter stream).
 */
describe('the platform with a NATS user per service', () => {
  let e2e: E2ePlatform;
  let gateway: string;

  beforeAll(async () => {
    e2e = await startE2ePlatform({}, { ownNats: true });
    gateway = e2e.platform.gatewayUrl;
  });

  afterAll(async () => {
    await e2e?.dispose();
  });

  it('submits, resolves, routes, opens and works a case with no permission refused', async () => {
    const submitted = await graphql<{ submitServiceRequest: { ticketNumber: string } }>(
      gateway,
      SUBMIT,
      {
        input: {
          serviceCode: 'pothole',
          description: 'Deep pothole by the school gate',
          channel: 'WEB',
          location: { latitude: 40.7128, longitude: -74.006, address: '1 Centre St' },
          reporter: { firstName: 'Paz', lastName: 'Ortega', email: 'paz.ortega@example.org' },
        },
      },
    );
    expect(submitted.errors).toBeUndefined();
    const ticket = submitted.data!.submitServiceRequest.ticketNumber;
    // intake -> cases (asks citizens) -> routing -> cases: every hop over the permissioned bus.
    // The reporter is shown to staff only (docs/adr/0041), so an agent tracks it.
    const agent = { authorization: `Bearer ${await e2e.token(Role.Agent)}` };
    const opened = await waitFor(
      async () => {
        const found = (await graphql<Tracked>(gateway, TRACK, { t: ticket }, agent)).data
          ?.caseByTicket;
        return found?.status === 'OPEN' && found.reporter ? found : undefined;
      },
      { what: `${ticket} opened with its reporter` },
    );
    expect(opened.department?.code).toBe('streets');

    const token = await e2e.token(Role.Caseworker, { departments: ['streets'] });
    const changed = await graphql<{ changeCaseStatus: { status: string } }>(
      gateway,
      CHANGE,
      { input: { ticketNumber: ticket, status: 'IN_PROGRESS', publicNote: 'Crew on the way' } },
      { authorization: `Bearer ${token}` },
    );
    expect(changed.errors).toBeUndefined();
    // Analytics folds the events in through its own durables.
    const analyst = await e2e.token(Role.Analyst);
    await waitFor(
      async () =>
        (
          await graphql<{ caseCounts: { key: string; count: number }[] }>(
            gateway,
            '{ caseCounts(groupBy: DEPARTMENT) { key count } }',
            {},
            { authorization: `Bearer ${analyst}` },
          )
        ).data?.caseCounts.some((c) => c.key === 'streets' && c.count === 1),
      { what: 'the case counted by analytics' },
    );
    // The server logs every refused publish or subscription: none, from any service.
    expect(e2e.platform.logs('nats').filter((line) => /Violation/.test(line))).toEqual([]);
    expect(e2e.platform.logs('nats').join('\n')).toMatch(/Listening for client connections/);
  });
});
