import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Channel, Role } from '@civitas/contracts';
import { aChangeCaseStatusInput, aSubmitServiceRequestInput, waitFor } from '@civitas/testing';
import { startE2ePlatform, type E2ePlatform } from './platform.js';

const SPLIT = `mutation($i: SplitCaseInput!) { splitCase(input: $i) { ticketNumber status } }`;
const CHANGE = `mutation($i: ChangeCaseStatusInput!) { changeCaseStatus(input: $i) { status } }`;
const TRACK = `query($t: String!) {
  caseByTicket(ticketNumber: $t) { status children { ticketNumber status } }
}`;
const FAMILY = `query($t: String!) {
  caseByTicket(ticketNumber: $t) {
    status
    parent { ticketNumber }
    children { ticketNumber status department { code } service { code } }
    timeline { kind summary }
  }
}`;

interface Family {
  caseByTicket: {
    status: string;
    parent: { ticketNumber: string } | null;
    children: {
      ticketNumber: string;
      status: string;
      department: { code: string } | null;
      service: { code: string };
    }[];
    timeline: { kind: string; summary: string }[];
  } | null;
}

/**
 * A resident reports two problems in one call; an agent splits it and each part goes to its own
 * department (docs/adr/0062), through the gateway with every service running.
 */
describe('splitting a case between departments (whole platform through the gateway)', () => {
  let e2e: E2ePlatform;
  const tokens: Record<string, string> = {};

  const call = <T>(query: string, variables: Record<string, unknown>, who?: string) =>
    e2e.call<T>(query, variables, who && tokens[who]);
  /** As the agent sees it. */
  const family = async (ticket: string) =>
    (await call<Family>(FAMILY, { t: ticket }, 'agent')).data!.caseByTicket!;

  beforeAll(async () => {
    e2e = await startE2ePlatform();
    tokens.agent = await e2e.token(Role.Agent, { sub: 'agent-split' });
    tokens.streets = await e2e.token(Role.Caseworker, {
      sub: 'cw-split-streets',
      departments: ['streets'],
    });
    tokens.parks = await e2e.token(Role.Caseworker, {
      sub: 'cw-split-parks',
      departments: ['parks'],
    });
  });

  afterAll(async () => {
    await e2e?.dispose();
  });

  it('splits one report into parts routed to two departments; the parent closes with the last', async () => {
    const { ticketNumber: parent } = await e2e.submitRouted(
      aSubmitServiceRequestInput('general-inquiry')
        .describedAs('A pothole outside number 12, and a branch down across the park path')
        .via(Channel.PHONE)
        .at({ latitude: 40.7128, longitude: -74.006, address: '12 School Lane' })
        .withReporter({ firstName: 'Ines', email: 'ines.split@example.org' })
        .build(),
      tokens.agent,
    );

    const split = await call(
      SPLIT,
      {
        i: {
          ticketNumber: parent,
          parts: [
            { serviceCode: 'pothole', description: 'Pothole outside number 12' },
            { serviceCode: 'tree-down', description: 'Branch across the park path' },
          ],
        },
      },
      'agent',
    );
    expect(split.errors).toBeUndefined();

    // Each part is opened and routed on its own, to the department of its service.
    const children = await waitFor(
      async () => {
        const found = await family(parent);
        return found.children.length === 2 &&
          found.children.every((c) => c.department && c.status === 'OPEN')
          ? found.children
          : undefined;
      },
      { what: `the parts of ${parent} routed` },
    );
    expect(children.map((c) => [c.service.code, c.department!.code, c.status])).toEqual([
      ['pothole', 'streets', 'OPEN'],
      ['tree-down', 'parks', 'OPEN'],
    ]);
    const [pothole, branch] = children;
    expect((await family(pothole.ticketNumber)).parent).toEqual({ ticketNumber: parent });
    expect((await family(parent)).timeline).toContainEqual({
      kind: 'SPLIT',
      summary: `Split into ${pothole.ticketNumber}, ${branch.ticketNumber}`,
    });
    // A retried split makes no second set of parts.
    expect(
      (
        await call(
          SPLIT,
          {
            i: {
              ticketNumber: parent,
              parts: [
                { serviceCode: 'pothole', description: 'Pothole outside number 12' },
                { serviceCode: 'tree-down', description: 'Branch across the park path' },
              ],
            },
          },
          'agent',
        )
      ).errors,
    ).toBeUndefined();
    expect(
      await e2e.count(
        'intake',
        'SELECT count(*) AS n FROM submission WHERE idempotency_key LIKE $1',
        ['split:%'],
      ),
    ).toBe(2);

    // Open311 readers find the parts from the parent, and the parent from a part.
    const open311 = `${e2e.platform.baseUrl('gateway')}/open311/v2/requests`;
    const [parentRequest] = (await (
      await fetch(`${open311}/${parent}.json?extensions=true`)
    ).json()) as { extended_attributes: Record<string, string> }[];
    expect(parentRequest.extended_attributes.split_into).toBe(
      `${pothole.ticketNumber},${branch.ticketNumber}`,
    );
    const [partRequest] = (await (
      await fetch(`${open311}/${branch.ticketNumber}.json?extensions=true`)
    ).json()) as { extended_attributes: Record<string, string> }[];
    expect(partRequest.extended_attributes.split_from).toBe(parent);

    // Each department closes its part; the parent closes by itself with the last.
    const closedPothole = await call(
      CHANGE,
      {
        i: aChangeCaseStatusInput(pothole.ticketNumber, 'CLOSED').withPublicNote('Filled').build(),
      },
      'streets',
    );
    expect(closedPothole.errors).toBeUndefined();
    expect((await family(parent)).status).toBe('OPEN');
    const closedBranch = await call(
      CHANGE,
      {
        i: aChangeCaseStatusInput(branch.ticketNumber, 'CLOSED').withPublicNote('Cleared').build(),
      },
      'parks',
    );
    expect(closedBranch.errors).toBeUndefined();

    // The resident tracking the parent's ticket, without signing in, sees every part's status.
    const tracked = (
      await call<{
        caseByTicket: { status: string; children: { ticketNumber: string; status: string }[] };
      }>(TRACK, { t: parent })
    ).data!.caseByTicket;
    expect(tracked.status).toBe('CLOSED');
    expect(tracked.children.map((c) => [c.ticketNumber, c.status])).toEqual([
      [pothole.ticketNumber, 'CLOSED'],
      [branch.ticketNumber, 'CLOSED'],
    ]);
  });
});
