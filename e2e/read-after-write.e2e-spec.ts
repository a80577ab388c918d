import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '@civitas/contracts';
import { aSubmitServiceRequestInput, graphql, waitFor } from '@civitas/testing';
import { startE2ePlatform, type E2ePlatform } from './platform.js';

const SUBMIT = `mutation($i: SubmitServiceRequestInput!) {
  submitServiceRequest(input: $i) { ticketNumber submissionId }
}`;
const TRACK = `query($t: String!) {
  caseByTicket(ticketNumber: $t) {
    id ticketNumber status description service { code name } department { code }
  }
}`;
const STATUS = `query($t: String!) { ticketStatus(ticketNumber: $t) { ticketNumber status private } }`;

interface Tracked {
  id: string;
  ticketNumber: string;
  status: string;
  description: string | null;
  service: { code: string; name: string };
  department: { code: string } | null;
}

/**
 * Read after write (issue 12, docs/adr/0070), through the gateway with every service a process:
 * a ticket is readable the moment intake acknowledges it. Citizens is stopped, so cases cannot
 * resolve the reporter and open the case: every read below happens before the case exists (the
 * test checks cases' table), as it would for the 50-350 ms a live case takes to open.
 */
describe('a ticket is readable the moment it is acknowledged (whole platform)', () => {
  let e2e: E2ePlatform;
  let open311: string;
  let apiKey: string;

  beforeAll(async () => {
    // Each service its own NATS user (ADR 0046): cases may ask intake with the generated rights.
    e2e = await startE2ePlatform({}, { ownNats: true });
    open311 = `${e2e.platform.baseUrl('gateway')}/open311/v2`;
    const created = await graphql<{ createApiKey: { key: string } }>(
      e2e.platform.gatewayUrl,
      'mutation { createApiKey(input: { name: "read-after-write app" }) { key } }',
      {},
      { authorization: `Bearer ${await e2e.token(Role.Admin)}` },
    );
    apiKey = created.data!.createApiKey.key;
    // Cases' consumer of submission-accepted waits for citizens (it retries): no case opens.
    await e2e.platform.stopService('citizens');
  });

  afterAll(async () => {
    await e2e?.dispose();
  });

  const casesFor = (ticket: string) =>
    e2e.count('cases', 'SELECT count(*) AS n FROM service_case WHERE ticket_number = $1', [ticket]);

  const get = async (path: string) => {
    const res = await fetch(`${open311}${path}`);
    return { status: res.status, json: (await res.json()) as Record<string, unknown>[] };
  };

  it('Open311: GET requests/{id}.json right after the POST answers the request, status open, never 404', async () => {
    const res = await fetch(`${open311}/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        api_key: apiKey,
        service_code: 'graffiti',
        lat: '40.7128',
        long: '-74.006',
        address_string: '1 Centre St',
        description: 'Tag on the courthouse door',
        email: 'read.after.write@example.org',
        first_name: 'Ruth',
      }).toString(),
    });
    expect(res.status).toBe(200);
    const [{ service_request_id: ticket }] = (await res.json()) as {
      service_request_id: string;
    }[];

    const one = await get(`/requests/${ticket}.json`);
    expect(one.status).toBe(200);
    expect(one.json).toEqual([
      expect.objectContaining({
        service_request_id: ticket,
        status: 'open',
        service_code: 'graffiti',
        service_name: 'Graffiti removal',
        description: 'Tag on the courthouse door',
        agency_responsible: null,
        address: '1 Centre St',
        lat: 40.7128,
        long: -74.006,
        requested_datetime: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      }),
    ]);
    expect(JSON.stringify(one.json)).not.toMatch(/Ruth|read\.after\.write/);
    const listed = await get(`/requests.json?service_request_id=${ticket}`);
    expect(listed.status).toBe(200);
    expect(listed.json.map((r) => [r.service_request_id, r.status])).toEqual([[ticket, 'open']]);
    // The reads above came before the case: it does not exist yet.
    expect(await casesFor(ticket)).toBe(0);

    expect((await get('/requests/SR-2026-9999999.json')).status).toBe(404);
  });

  it('GraphQL: caseByTicket right after submitServiceRequest answers the ticket (NEW), and the case opened later is the same Case', async () => {
    const submitted = await e2e.call<{
      submitServiceRequest: { ticketNumber: string; submissionId: string };
    }>(SUBMIT, {
      i: aSubmitServiceRequestInput('graffiti')
        .describedAs('Tag on the bridge')
        .withReporter({ email: 'bridge.reporter@example.org' })
        .build(),
    });
    expect(submitted.errors).toBeUndefined();
    const { ticketNumber, submissionId } = submitted.data!.submitServiceRequest;

    const tracked = await e2e.call<{ caseByTicket: Tracked | null }>(TRACK, { t: ticketNumber });
    expect(tracked.errors).toBeUndefined();
    expect(tracked.data?.caseByTicket).toEqual({
      id: submissionId,
      ticketNumber,
      status: 'NEW',
      description: 'Tag on the bridge',
      service: { code: 'graffiti', name: 'Graffiti removal' },
      department: null,
    });
    expect(await casesFor(ticketNumber)).toBe(0);

    // A private one: its status to anyone holding the ticket, the rest to staff only.
    const secret = await e2e.call<{ submitServiceRequest: { ticketNumber: string } }>(SUBMIT, {
      i: aSubmitServiceRequestInput('graffiti')
        .asPrivate()
        .withReporter({ email: 'private.reporter@example.org' })
        .build(),
    });
    const hidden = secret.data!.submitServiceRequest.ticketNumber;
    expect((await e2e.call(TRACK, { t: hidden })).data).toEqual({ caseByTicket: null });
    const resident = await e2e.token(Role.Resident, { sub: 'login|someone' });
    expect((await e2e.call(TRACK, { t: hidden }, resident)).data).toEqual({ caseByTicket: null });
    expect((await e2e.call(STATUS, { t: hidden })).data).toEqual({
      ticketStatus: { ticketNumber: hidden, status: 'NEW', private: true },
    });
    const agent = await e2e.token(Role.Agent);
    expect(
      (await e2e.call<{ caseByTicket: Tracked | null }>(TRACK, { t: hidden }, agent)).data
        ?.caseByTicket?.status,
    ).toBe('NEW');
    expect(await casesFor(hidden)).toBe(0);

    // Citizens back: the case opens and is routed, under the id the ticket was read with.
    await e2e.platform.startService('citizens');
    const routed = await waitFor(
      async () => {
        const found = (await e2e.call<{ caseByTicket: Tracked | null }>(TRACK, { t: ticketNumber }))
          .data?.caseByTicket;
        return found?.status === 'OPEN' && found.department ? found : undefined;
      },
      { what: `case ${ticketNumber} routed` },
    );
    expect(routed).toMatchObject({ id: submissionId, status: 'OPEN' });
    expect(await casesFor(ticketNumber)).toBe(1);
  });
});
