import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Channel, Role } from '@civitas/contracts';
import {
  aSubmitServiceRequestInput,
  errorCodes,
  graphql,
  plaintextFound,
  waitFor,
} from '@civitas/testing';
import { BACKEND_SERVICES } from '@civitas/tools';
import { startE2ePlatform, type E2ePlatform } from './platform.js';

const SUBMIT = `mutation($i: SubmitServiceRequestInput!) { submitServiceRequest(input: $i) { ticketNumber } }`;

const CITIZEN_360 = `query($id: ID!) {
  citizen(id: $id, purpose: "caller asking about their requests") {
    id firstName lastName email
    contactPoints { kind value }
    cases { ticketNumber status channel timeline { kind summary } }
    submissions { ticketNumber channel receivedAt }
  }
}`;

interface Citizen360 {
  id: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  contactPoints: { kind: string; value: string }[] | null;
  cases:
    | { ticketNumber: string; status: string; channel: string; timeline: { kind: string }[] }[]
    | null;
  submissions: { ticketNumber: string; channel: string; receivedAt: string }[] | null;
}

/** The citizen 360 through the gateway: one query, answered by citizens, cases and intake together. */
describe('citizen 360 (whole platform through the gateway)', () => {
  let e2e: E2ePlatform;
  const tokens: Record<string, string> = {};

  const as = (who: string) => ({ authorization: `Bearer ${tokens[who]}` });
  const call = <T>(query: string, variables: Record<string, unknown>, who?: string) =>
    graphql<T>(e2e.platform.gatewayUrl, query, variables, who ? as(who) : {});

  beforeAll(async () => {
    e2e = await startE2ePlatform();
    tokens.agent = await e2e.token(Role.Agent, { sub: 'agent-e2e' });
    tokens.analyst = await e2e.token(Role.Analyst, { sub: 'analyst-e2e' });
  });

  afterAll(async () => {
    await e2e?.dispose();
  });

  it('shows staff one resident with every contact and case across channels, and refuses an analyst', async () => {
    // A resident reports on the web; later an agent logs their call, details written differently.
    const web = await call<{ submitServiceRequest: { ticketNumber: string } }>(SUBMIT, {
      i: aSubmitServiceRequestInput('streetlight-out')
        .via(Channel.WEB)
        .atAddress('5 Elm Street')
        .withReporter({ firstName: 'Rosa', lastName: 'Parks', email: 'Rosa.Parks@Example.org' })
        .build(),
    });
    expect(web.errors).toBeUndefined();
    const phone = await call<{ submitServiceRequest: { ticketNumber: string } }>(
      SUBMIT,
      {
        i: aSubmitServiceRequestInput('sidewalk-repair')
          .via(Channel.PHONE)
          .atAddress('5 Elm St')
          .withReporter({
            firstName: 'ROSA',
            email: 'rosa.parks@example.ORG',
            phone: '(334) 555-0101',
          })
          .build(),
      },
      'agent',
    );
    expect(phone.errors).toBeUndefined();
    const tickets = [web, phone].map((r) => r.data!.submitServiceRequest.ticketNumber).sort();

    // The agent finds her by e-mail, then opens the 360 once both cases are in.
    let id = '';
    let view: Citizen360 | null = null;
    await waitFor(
      async () => {
        const found = await call<{ searchCitizens: { id: string }[] }>(
          'query { searchCitizens(query: "rosa.parks@example.org") { id } }',
          {},
          'agent',
        );
        id = found.data?.searchCitizens[0]?.id ?? '';
        if (!id) {
          return false;
        }
        const res = await call<{ citizen: Citizen360 }>(CITIZEN_360, { id }, 'agent');
        view = res.data?.citizen ?? null;
        return (view?.cases?.length ?? 0) === 2 && (view?.submissions?.length ?? 0) === 2;
      },
      { what: 'both contacts to reach the 360' },
    );
    const seen = view as unknown as Citizen360;
    expect(seen).toMatchObject({
      id,
      firstName: 'Rosa',
      lastName: 'Parks',
      email: 'rosa.parks@example.org',
    });
    expect(seen.contactPoints).toEqual([
      { kind: 'EMAIL', value: 'rosa.parks@example.org' },
      { kind: 'PHONE', value: '+13345550101' },
    ]);
    expect(seen.cases!.map((c) => c.ticketNumber).sort()).toEqual(tickets);
    expect(seen.cases!.every((c) => c.timeline.some((t) => t.kind === 'OPENED'))).toBe(true);
    expect(seen.submissions!.map((s) => s.channel).sort()).toEqual(['PHONE', 'WEB']);

    const analyst = await call<{ citizen: Citizen360 | null }>(CITIZEN_360, { id }, 'analyst');
    expect(analyst.data?.citizen ?? null).toBeNull();
    expect(errorCodes(analyst)).toContain('FORBIDDEN');
  });
  it('recognises a reporter who gives only a name and postal address, written differently, as one resident; a weaker match goes to review', async () => {
    const reporterOf = (ticketNumber: string) =>
      waitFor(
        async () =>
          (
            await call<{ caseByTicket: { reporter: { id: string } | null } | null }>(
              'query($t: String!) { caseByTicket(ticketNumber: $t) { reporter { id } } }',
              { t: ticketNumber },
              'agent',
            )
          ).data?.caseByTicket?.reporter?.id,
        { what: `the reporter of ${ticketNumber}` },
      );
    const submit = async (reporter: Record<string, string>, channel = Channel.WEB) => {
      const res = await call<{ submitServiceRequest: { ticketNumber: string } }>(
        SUBMIT,
        {
          i: aSubmitServiceRequestInput('streetlight-out')
            .via(channel)
            .atAddress('30 Harbour Rd')
            .withReporter(reporter)
            .build(),
        },
        channel === Channel.WEB ? undefined : 'agent',
      );
      expect(res.errors).toBeUndefined();
      return reporterOf(res.data!.submitServiceRequest.ticketNumber);
    };

    // On the web, in Spanish; then on the phone to an agent, spelt another way, no e-mail or phone.
    const first = await submit({
      firstName: 'Robert',
      lastName: 'Okafor',
      postalAddress: '12 North Main Street, Apt 4',
      preferredLanguage: 'es',
    });
    const second = await submit(
      { firstName: 'Bob', lastName: 'OKAFOR', postalAddress: '12 N. Main St' },
      Channel.PHONE,
    );
    expect(second).toBe(first);
    const resident = await call<{
      citizen: {
        firstName: string;
        lastName: string;
        preferredLanguage: string | null;
        contactPoints: { kind: string; value: string }[];
      };
    }>(
      'query($id: ID!) { citizen(id: $id, purpose: "caller") { firstName lastName preferredLanguage contactPoints { kind value } } }',
      { id: first },
      'agent',
    );
    expect(resident.data!.citizen).toMatchObject({
      firstName: 'Robert',
      lastName: 'Okafor',
      preferredLanguage: 'es',
    });
    expect(resident.data!.citizen.contactPoints.map((c) => c.kind)).toEqual(['POSTAL']);

    // Only an initial for the given name: below the link threshold, within the review band.
    const third = await submit({
      firstName: 'R.',
      lastName: 'Okafor',
      postalAddress: '12 N Main St',
    });
    expect(third).not.toBe(first);
    const matches = await call<{
      possibleMatches: { score: number; citizen: { id: string }; candidate: { id: string } }[];
    }>('query { possibleMatches { score citizen { id } candidate { id } } }', {}, 'agent');
    expect(matches.errors).toBeUndefined();
    const review = matches.data!.possibleMatches.find((m) => m.citizen.id === third);
    expect(review?.candidate.id).toBe(first);
    expect(review!.score).toBeGreaterThanOrEqual(0.6);
    expect(review!.score).toBeLessThan(0.9);
  });
  it('leaves no resident detail in clear in any database: a pg_dump of all five holds none', async () => {
    const reporter = {
      firstName: 'Wilhelmina',
      lastName: 'Quartermaine',
      email: 'W.Quartermaine@example.net',
      phone: '(415) 555-0199',
      postalAddress: '77 Quarry Lane, Flat 2',
      organisationName: 'Quartermaine Bakery',
    };
    const res = await call<{ submitServiceRequest: { ticketNumber: string } }>(
      SUBMIT,
      {
        i: {
          serviceCode: 'graffiti',
          channel: Channel.PHONE,
          description: 'Tags on the bus shelter',
          location: { address: '3 Harbour Rd' },
          reporter,
        },
      },
      'agent',
    );
    expect(res.errors).toBeUndefined();
    const ticket = res.data!.submitServiceRequest.ticketNumber;
    // Resolved, stored by citizens, read by staff (audited): every store has had its turn.
    const id = await waitFor(
      async () =>
        (
          await call<{ caseByTicket: { reporter: { id: string } | null } | null }>(
            'query($t: String!) { caseByTicket(ticketNumber: $t) { reporter { id } } }',
            { t: ticket },
            'agent',
          )
        ).data?.caseByTicket?.reporter?.id,
      { what: `the reporter of ${ticket}` },
    );
    const read = await call<{ citizen: Citizen360 }>(CITIZEN_360, { id }, 'agent');
    expect(read.data!.citizen.lastName).toBe('Quartermaine');

    const dump = BACKEND_SERVICES.map((service) =>
      execFileSync('pg_dump', ['--data-only', e2e.databaseUrlOf(service)], {
        encoding: 'utf8',
        maxBuffer: 256 * 1024 * 1024,
      }),
    )
      .join('\n')
      .toLowerCase();
    // The dump is of the right databases: the ticket is in intake, cases and analytics.
    expect(dump.split(ticket.toLowerCase()).length - 1).toBeGreaterThanOrEqual(3);
    // Long, distinctive values: a dump of ciphertext and decimal tokens cannot hold them by chance.
    expect(
      plaintextFound(dump, [
        'wilhelmina',
        'quartermaine',
        'w.quartermaine@example.net',
        '+14155550199',
        '(415) 555-0199',
        'quarry lane',
      ]),
    ).toEqual([]);
  });
});
