import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Channel, Role } from '@civitas/contracts';
import { aSubmitServiceRequestInput, errorCodes, graphql, waitFor } from '@civitas/testing';
import { startE2ePlatform, type E2ePlatform } from './platform.js';

const SUBMIT = `mutation($i: SubmitServiceRequestInput!) { submitServiceRequest(input: $i) { ticketNumber } }`;

interface MyData {
  citizens: { profile: { firstName: string; email: string } };
  intake: {
    submissions: { ticketNumber: string; payload: { reporter: { email: string } } | null }[];
  };
  cases: { cases: { ticketNumber: string; timeline: { kind: string }[] }[] };
}

/** A resident's rights through the gateway: their own data from three services, then erasure. */
describe("residents' rights (whole platform through the gateway)", () => {
  let e2e: E2ePlatform;
  const tokens: Record<string, string> = {};

  const call = <T>(query: string, variables: Record<string, unknown>, who?: string) =>
    graphql<T>(
      e2e.platform.gatewayUrl,
      query,
      variables,
      who ? { authorization: `Bearer ${tokens[who]}` } : {},
    );

  const totalCases = async () => {
    const res = await call<{ caseCounts: { count: number }[] }>(
      '{ caseCounts { count } }',
      {},
      'analyst',
    );
    return res.data!.caseCounts.reduce((n, c) => n + c.count, 0);
  };

  beforeAll(async () => {
    e2e = await startE2ePlatform();
    tokens.agent = await e2e.token(Role.Agent, { sub: 'agent-rights' });
    tokens.analyst = await e2e.token(Role.Analyst, { sub: 'analyst-rights' });
    tokens.admin = await e2e.token(Role.Admin, { sub: 'admin-rights' });
    tokens.resident = await e2e.token(Role.Resident, { sub: 'login|nadia' });
  });

  afterAll(async () => {
    await e2e?.dispose();
  });

  it('lets a linked resident download everything held about them, then erase it; counts stay', async () => {
    const web = await call<{ submitServiceRequest: { ticketNumber: string } }>(SUBMIT, {
      i: aSubmitServiceRequestInput('streetlight-out')
        .via(Channel.WEB)
        .atAddress('31 Willow Court')
        .withReporter({ firstName: 'Nadia', lastName: 'Okonkwo', email: 'nadia.o@example.org' })
        .build(),
    });
    expect(web.errors).toBeUndefined();
    const ticket = web.data!.submitServiceRequest.ticketNumber;

    // An agent finds her and links her sign-in once her case is open.
    let id = '';
    await waitFor(
      async () => {
        const found = await call<{ searchCitizens: { id: string; cases: unknown[] | null }[] }>(
          'query { searchCitizens(query: "nadia.o@example.org") { id cases { ticketNumber } } }',
          {},
          'agent',
        );
        id = found.data?.searchCitizens[0]?.id ?? '';
        return (found.data?.searchCitizens[0]?.cases?.length ?? 0) === 1;
      },
      { what: 'her case to open' },
    );
    // Without a code, linking needs a second person's approval (ADR 0040).
    const asked = await call<{ requestLoginLink: { id: string } }>(
      'mutation($c: ID!) { requestLoginLink(citizenId: $c, sub: "login|nadia", reason: "walk-in, ID seen") { id } }',
      { c: id },
      'agent',
    );
    expect(asked.errors).toBeUndefined();
    const linked = await call<{ decideLoginLink: { status: string } }>(
      'mutation($r: ID!) { decideLoginLink(id: $r, approve: true) { status } }',
      { r: asked.data!.requestLoginLink.id },
      'admin',
    );
    expect(linked.data?.decideLoginLink).toEqual({ status: 'APPROVED' });

    const me = await call<{ me: { id: string; firstName: string } }>(
      'query { me { id firstName } }',
      {},
      'resident',
    );
    expect(me.data?.me).toEqual({ id, firstName: 'Nadia' });

    let data: MyData | null = null;
    await waitFor(
      async () => {
        const res = await call<{ requestMyData: MyData }>(
          'query { requestMyData }',
          {},
          'resident',
        );
        data = res.data?.requestMyData ?? null;
        return (data?.intake.submissions.length ?? 0) === 1;
      },
      { what: 'intake to know her submission' },
    );
    const mine = data as unknown as MyData;
    expect(mine.citizens.profile).toMatchObject({
      firstName: 'Nadia',
      email: 'nadia.o@example.org',
    });
    expect(mine.intake.submissions[0]).toMatchObject({
      ticketNumber: ticket,
      payload: { reporter: { email: 'nadia.o@example.org' } },
    });
    expect(mine.cases.cases).toEqual([
      expect.objectContaining({ ticketNumber: ticket, timeline: expect.any(Array) }),
    ]);

    const before = await totalCases();
    expect(before).toBeGreaterThan(0);
    const erased = await call<{ eraseMe: { citizenId: string } }>(
      'mutation { eraseMe { citizenId } }',
      {},
      'resident',
    );
    expect(erased.data?.eraseMe.citizenId).toBe(id);

    // Staff see a tombstone; cases no longer name her; analytics counts are unchanged.
    await waitFor(
      async () => {
        const res = await call<{
          citizen: { firstName: string | null; cases: unknown[] | null } | null;
        }>(
          'query($id: ID!) { citizen(id: $id, purpose: "erasure check") { firstName cases { ticketNumber } } }',
          { id },
          'agent',
        );
        return res.data?.citizen?.firstName === null && res.data.citizen.cases?.length === 0;
      },
      { what: 'erasure to reach cases' },
    );
    expect(await totalCases()).toBe(before);
    expect(errorCodes(await call('query { me { id } }', {}, 'resident'))).toEqual([
      'RESIDENT_NOT_LINKED',
    ]);
    expect(
      await e2e.count(
        'cases',
        'SELECT count(*) AS n FROM service_case WHERE ticket_number = $1 AND reporter_id IS NULL',
        [ticket],
      ),
    ).toBe(1);
  });
});
