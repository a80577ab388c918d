import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Channel, Role } from '@civitas/contracts';
import { aSubmitServiceRequestInput, errorCodes, waitFor } from '@civitas/testing';
import { startE2ePlatform, type E2ePlatform } from './platform.js';

const SUBMIT = `mutation($i: SubmitServiceRequestInput!) { submitServiceRequest(input: $i) { ticketNumber } }`;
const MY_REQUESTS = `query($first: Int, $after: String) {
  myRequests(first: $first, after: $after) {
    nodes { ticketNumber service { code name } status receivedAt changedAt closedAt }
    endCursor hasNextPage signInLinked
  }
}`;
/** Without the service's name: answered by citizens alone (routing may be stopped). */
const MY_REQUESTS_BARE = `{ myRequests { nodes { ticketNumber serviceCode status } } }`;

interface Page {
  nodes: {
    ticketNumber: string;
    service: { code: string; name: string };
    status: string;
    receivedAt: string;
    changedAt: string;
    closedAt: string | null;
  }[];
  endCursor: string | null;
  hasNextPage: boolean;
  signInLinked: boolean;
}

/*
 * `myRequests` through the gateway with the whole platform (issue 13, docs/adr/0096): two
 * residents who reported signed in, each sees their own requests only, one just acknowledged shows
 * as NEW at once, pages follow each other, and anonymous callers and staff are refused.
 */
describe("a resident's own requests (whole platform through the gateway)", () => {
  let e2e: E2ePlatform;
  const tokens: Record<string, string> = {};
  const mine: Record<string, string[]> = { olga: [], pavel: [], rita: [] };

  const list = (who: string, variables: Record<string, unknown> = {}) =>
    e2e.call<{ myRequests: Page }>(MY_REQUESTS, variables, tokens[who]);

  /** Reports as the signed-in resident, with her e-mail (so cases names her the reporter). */
  const report = async (who: string, serviceCode: string) => {
    const res = await e2e.call<{ submitServiceRequest: { ticketNumber: string } }>(
      SUBMIT,
      {
        i: aSubmitServiceRequestInput(serviceCode)
          .via(Channel.WEB)
          .withReporter({ firstName: who, email: `${who}@example.org` })
          .build(),
      },
      tokens[who],
    );
    expect(res.errors).toBeUndefined();
    mine[who].push(res.data!.submitServiceRequest.ticketNumber);
    return res.data!.submitServiceRequest.ticketNumber;
  };

  /** The contact centre links her sign-in, with a second person's approval (ADR 0040). */
  const link = async (who: string) => {
    const id = await waitFor(
      async () =>
        (
          await e2e.call<{ searchCitizens: { id: string }[] }>(
            'query($q: String!) { searchCitizens(query: $q) { id } }',
            { q: `${who}@example.org` },
            tokens.agent,
          )
        ).data?.searchCitizens[0]?.id,
      { what: `${who}'s record` },
    );
    const asked = await e2e.call<{ requestLoginLink: { id: string } }>(
      'mutation($c: ID!, $s: String!) { requestLoginLink(citizenId: $c, sub: $s, reason: "walk-in, ID seen") { id } }',
      { c: id, s: `login|${who}` },
      tokens.agent,
    );
    const decided = await e2e.call<{ decideLoginLink: { status: string } }>(
      'mutation($r: ID!) { decideLoginLink(id: $r, approve: true) { status } }',
      { r: asked.data!.requestLoginLink.id },
      tokens.admin,
    );
    expect(decided.data?.decideLoginLink.status).toBe('APPROVED');
  };

  beforeAll(async () => {
    e2e = await startE2ePlatform();
    tokens.agent = await e2e.token(Role.Agent, { sub: 'agent-my-requests' });
    tokens.admin = await e2e.token(Role.Admin, { sub: 'admin-my-requests' });
    for (const who of ['olga', 'pavel', 'quinn', 'rita']) {
      tokens[who] = await e2e.token(Role.Resident, { sub: `login|${who}` });
    }
  });

  afterAll(async () => {
    await e2e?.dispose();
  });

  it('shows each resident their own requests only, newest first, with the service’s name', async () => {
    await report('olga', 'pothole');
    await report('pavel', 'pothole');
    await report('olga', 'streetlight-out');
    await report('olga', 'pothole');
    await link('olga');
    await link('pavel');

    for (const who of ['olga', 'pavel']) {
      const page = await waitFor(
        async () => {
          const res = await list(who);
          expect(res.errors).toBeUndefined();
          const p = res.data!.myRequests;
          return p.nodes.length === mine[who].length && p.nodes.every((n) => n.status !== 'NEW')
            ? p
            : undefined;
        },
        { what: `${who}'s requests routed` },
      );
      expect(page.nodes.map((n) => n.ticketNumber)).toEqual([...mine[who]].reverse());
      expect(page.signInLinked).toBe(true);
      expect(page.hasNextPage).toBe(false);
    }
    const olga = (await list('olga')).data!.myRequests.nodes;
    expect(olga[1]).toMatchObject({
      ticketNumber: mine.olga[1],
      service: { code: 'streetlight-out', name: expect.any(String) },
      status: 'OPEN',
      closedAt: null,
    });
    expect(olga[0].service).toEqual({ code: 'pothole', name: 'Pothole' });
    expect(Date.parse(olga[0].changedAt)).toBeGreaterThanOrEqual(Date.parse(olga[0].receivedAt));
  });

  it('shows a report the moment intake acknowledges it, as NEW', async () => {
    // Routing away: whether its case is open yet or not, nothing moves it past NEW meanwhile.
    await e2e.platform.stopService('routing');
    try {
      const ticket = await report('olga', 'pothole');
      const res = await e2e.call<{
        myRequests: { nodes: { ticketNumber: string; serviceCode: string; status: string }[] };
      }>(MY_REQUESTS_BARE, {}, tokens.olga);
      expect(res.errors).toBeUndefined();
      expect(res.data!.myRequests.nodes[0]).toEqual({
        ticketNumber: ticket,
        serviceCode: 'pothole',
        status: 'NEW',
      });
    } finally {
      await e2e.platform.startService('routing');
    }
    // Routed once routing is back: the same row moves on.
    await waitFor(async () => (await list('olga')).data?.myRequests.nodes[0]?.status === 'OPEN', {
      what: 'the new report routed',
    });
  });

  it('pages with first and after, each request once', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const res = await list('olga', { first: 2, after });
      expect(res.errors).toBeUndefined();
      seen.push(...res.data!.myRequests.nodes.map((n) => n.ticketNumber));
      after = res.data!.myRequests.hasNextPage ? res.data!.myRequests.endCursor : null;
      pages += 1;
    } while (after);
    expect(pages).toBe(2);
    expect(seen).toEqual([...mine.olga].reverse());

    const tooMany = await list('olga', { first: 101 });
    expect(errorCodes(tooMany)).toEqual(['BAD_USER_INPUT']);
    expect(tooMany.errors![0].extensions!.fields).toEqual([
      { field: 'first', reason: 'must be between 1 and 100' },
    ]);
  });

  it('answers a resident not linked yet with an empty list, and refuses anonymous callers and staff', async () => {
    const quinn = await list('quinn');
    expect(quinn.errors).toBeUndefined();
    expect(quinn.data!.myRequests).toEqual({
      nodes: [],
      endCursor: null,
      hasNextPage: false,
      signInLinked: false,
    });
    expect(errorCodes(await e2e.call(MY_REQUESTS, {}))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await list('agent'))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await list('admin'))).toEqual(['FORBIDDEN']);
  });

  it('keeps a report sent signed in without contact in her list once its case is open: her sign-in says who reported it', async () => {
    await report('rita', 'pothole');
    await link('rita');
    const res = await e2e.call<{ submitServiceRequest: { ticketNumber: string } }>(
      SUBMIT,
      { i: aSubmitServiceRequestInput('streetlight-out').via(Channel.WEB).build() },
      tokens.rita,
    );
    expect(res.errors).toBeUndefined();
    const bare = res.data!.submitServiceRequest.ticketNumber;
    // Both opened and routed, and both still hers: the case of the one without contact names her.
    const page = await waitFor(
      async () => {
        const p = (await list('rita')).data?.myRequests;
        return p?.nodes.length === 2 && p.nodes.every((n) => n.status === 'OPEN') ? p : undefined;
      },
      { what: "rita's two requests opened and routed" },
    );
    expect(page.nodes.map((n) => n.ticketNumber)).toEqual([bare, mine.rita[0]]);
  });
});
