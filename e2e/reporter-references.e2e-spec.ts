import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '@civitas/contracts';
import { aSubmitServiceRequestInput, graphql, queryRows, waitFor } from '@civitas/testing';
import { startE2ePlatform, type E2ePlatform } from './platform.js';

const SUBMIT = `mutation Submit($input: SubmitServiceRequestInput!) {
  submitServiceRequest(input: $input) { ticketNumber }
}`;
const LIST = `query List($pageSize: Int!) {
  serviceRequests(filter: { pageSize: $pageSize }) { ticketNumber reporter { id } }
}`;
const TRACK = 'query($t: String!) { caseByTicket(ticketNumber: $t) { ticketNumber } }';

interface Listed {
  serviceRequests: { ticketNumber: string; reporter: { id: string } | null }[];
}

/**
 * Issue 9, item 3, through the gateway with every service a process: reporter references only for
 * staff who serve residents, a private case hidden from everyone else, and the default page of
 * 1,000 with `reporter` answered (its entity fetch to citizens fits what citizens accepts).
 */
describe('reporter references and private cases (docs/adr/0041)', () => {
  let e2e: E2ePlatform;
  let gateway: string;
  let ticket: string;
  let reporterId: string;

  const as = async (role: Role) => ({ authorization: `Bearer ${await e2e.token(role)}` });

  beforeAll(async () => {
    // A page of 1,000 through three subgraphs takes about 2 s on an idle machine; the test is about
    // what comes back, so a loaded one must not run it past the default 5 s budget.
    e2e = await startE2ePlatform({ GRAPHQL_TIME_BUDGET_MS: '60000' });
    gateway = e2e.platform.gatewayUrl;
    const submitted = await graphql<{ submitServiceRequest: { ticketNumber: string } }>(
      gateway,
      SUBMIT,
      {
        input: aSubmitServiceRequestInput()
          .withReporter({ email: 'lena.private@example.org', firstName: 'Lena' })
          .build(),
      },
    );
    expect(submitted.errors).toBeUndefined();
    ticket = submitted.data!.submitServiceRequest.ticketNumber;
    reporterId = await waitFor(
      async () =>
        (
          await queryRows<{ reporter_id: string | null }>(
            e2e.databaseUrlOf('cases'),
            "SELECT reporter_id FROM service_case WHERE ticket_number = $1 AND status = 'OPEN'",
            [ticket],
          )
        )[0]?.reporter_id ?? undefined,
      { what: `case ${ticket} opened with its reporter` },
    );
    // 999 more cases of the same resident, as a busy city has: copies of the real one.
    await queryRows(
      e2e.databaseUrlOf('cases'),
      `INSERT INTO service_case
       SELECT (jsonb_populate_record(NULL::service_case, to_jsonb(c) || jsonb_build_object(
         'id', gen_random_uuid(), 'submission_id', gen_random_uuid(),
         'ticket_number', c.ticket_number || '-' || g))).*
       FROM service_case c, generate_series(1, 999) AS g WHERE c.ticket_number = $1`,
      [ticket],
    );
  });

  afterAll(async () => {
    await e2e?.dispose();
  });

  it('lists 1,000 requests with their reporter for staff, and without it for anyone else', async () => {
    const staff = await graphql<Listed>(gateway, LIST, { pageSize: 1000 }, await as(Role.Agent));
    expect(staff.errors).toBeUndefined();
    expect(staff.data!.serviceRequests).toHaveLength(1000);
    expect(new Set(staff.data!.serviceRequests.map((r) => r.reporter?.id))).toEqual(
      new Set([reporterId]),
    );
    for (const headers of [{}, await as(Role.Resident), await as(Role.Analyst)]) {
      const other = await graphql<Listed>(gateway, LIST, { pageSize: 1000 }, headers);
      expect(other.errors).toBeUndefined();
      expect(other.data!.serviceRequests).toHaveLength(1000);
      expect(other.data!.serviceRequests.every((r) => r.reporter === null)).toBe(true);
    }
  });

  it('hides a private case from everyone but staff who serve residents', async () => {
    await queryRows(
      e2e.databaseUrlOf('cases'),
      'UPDATE service_case SET private = true WHERE ticket_number = $1',
      [ticket],
    );
    for (const headers of [{}, await as(Role.Resident), await as(Role.Analyst)]) {
      const tracked = await graphql<{ caseByTicket: unknown }>(
        gateway,
        TRACK,
        { t: ticket },
        headers,
      );
      expect(tracked.errors).toBeUndefined();
      expect(tracked.data!.caseByTicket).toBeNull();
    }
    const staff = await graphql<{ caseByTicket: { ticketNumber: string } | null }>(
      gateway,
      TRACK,
      { t: ticket },
      await as(Role.Caseworker),
    );
    expect(staff.data!.caseByTicket?.ticketNumber).toBe(ticket);
    const listed = await graphql<Listed>(gateway, LIST, { pageSize: 1000 }, await as(Role.Agent));
    expect(listed.data!.serviceRequests.map((r) => r.ticketNumber)).not.toContain(ticket);
    const open311 = await fetch(
      `${e2e.platform.baseUrl('gateway')}/open311/v2/requests/${ticket}.json`,
    );
    expect(open311.status).toBe(404);
  });
});
