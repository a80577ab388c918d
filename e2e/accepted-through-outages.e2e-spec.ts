import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import nodemailer from 'nodemailer';
import { Role } from '@civitas/contracts';
import { aSubmitServiceRequestInput, errorCodes, waitFor } from '@civitas/testing';
import type { ProcessName } from '@civitas/tools';
import { startE2ePlatform, type E2ePlatform } from './platform.js';

const SUBMIT = `mutation Submit($input: SubmitServiceRequestInput!) {
  submitServiceRequest(input: $input) { ticketNumber }
}`;
const TRACK = `query($t: String!) { caseByTicket(ticketNumber: $t) { status department { code } } }`;
const SET_ATTRIBUTES = `mutation($attributes: [ServiceAttributeInput!]!) {
  setServiceAttributes(serviceCode: "graffiti", attributes: $attributes) { code }
}`;

/** Everything but the gateway and intake: a report must still be acknowledged (issue 12). */
const OUTAGE: ProcessName[] = ['routing', 'cases', 'citizens', 'analytics'];
/** How long the returning services have to route what was accepted while they were away. */
const ROUTED_WITHIN_MS = 90_000;

/**
 * Issue 12's target: a report is acknowledged whenever the gateway and intake are up, whatever
 * else is down, because intake validates against its own copy of the catalog, kept from routing's
 * `service-definition-changed` (docs/adr/0069); every ticket becomes a routed case once the
 * others return.
 */
describe('reports are accepted through any outage', () => {
  let e2e: E2ePlatform;
  let admin: string;
  let apiKey: string;

  beforeAll(async () => {
    // Intake's SMTP receiver binds a port the OS picks and announces it to the launcher.
    e2e = await startE2ePlatform({ SMTP_LISTEN_PORT: '0' });
    admin = await e2e.token(Role.Admin);
    const created = await e2e.call<{ createApiKey: { key: string } }>(
      'mutation { createApiKey(input: { name: "outage client" }) { key } }',
      {},
      admin,
    );
    expect(created.errors).toBeUndefined();
    apiKey = created.data!.createApiKey.key;
  }, 240_000);

  afterAll(async () => {
    await e2e?.dispose();
  });

  const graffitiVersionInIntake = () =>
    e2e.count('intake', `SELECT max(version) AS n FROM service_definition WHERE code = 'graffiti'`);

  const open311Post = async (form: Record<string, string>) => {
    const res = await fetch(`${e2e.platform.baseUrl('gateway')}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ api_key: apiKey, ...form }).toString(),
    });
    return { status: res.status, body: (await res.json()) as unknown };
  };

  it('takes a catalog change into intake, accepts reports by GraphQL, Open311 and e-mail with routing, cases, citizens and analytics down, and routes them all once they return', async () => {
    // Intake has its copy of the catalog (filled from routing at start-up)...
    await waitFor(async () => (await graffitiVersionInIntake()) >= 1, {
      what: "intake's copy of the catalog",
    });
    // ...and a change an administrator makes in routing reaches it.
    const set = await e2e.call(
      SET_ATTRIBUTES,
      {
        attributes: [
          {
            code: 'surface',
            datatype: 'singlevaluelist',
            required: true,
            order: 1,
            description: 'What is painted on?',
            values: [
              { key: 'wall', name: 'A wall' },
              { key: 'vehicle', name: 'A vehicle' },
            ],
          },
        ],
      },
      admin,
    );
    expect(set.errors).toBeUndefined();
    await waitFor(async () => (await graffitiVersionInIntake()) >= 2, {
      what: 'the new graffiti question in intake',
    });

    for (const name of OUTAGE) {
      await e2e.platform.stopService(name);
    }

    // Checked against the copy: the question routing added is required, routing being away.
    const unanswered = await e2e.call(SUBMIT, {
      input: aSubmitServiceRequestInput('graffiti').build(),
    });
    expect(errorCodes(unanswered)).toEqual(['INVALID_ATTRIBUTE']);
    expect(unanswered.errors![0].extensions!.fields).toEqual([
      { field: 'attributes.surface', reason: 'is required' },
    ]);

    const tickets: string[] = [];
    const graffiti = await e2e.call<{ submitServiceRequest: { ticketNumber: string } }>(SUBMIT, {
      input: aSubmitServiceRequestInput('graffiti')
        .describedAs('Tags all over the underpass')
        .withAnswers([{ code: 'surface', values: ['wall'] }])
        .withReporter({ email: 'ana@example.org' })
        .build(),
    });
    expect(graffiti.errors).toBeUndefined();
    tickets.push(graffiti.data!.submitServiceRequest.ticketNumber);

    const pothole = await e2e.call<{ submitServiceRequest: { ticketNumber: string } }>(SUBMIT, {
      input: aSubmitServiceRequestInput('pothole').describedAs('Deep pothole').build(),
    });
    expect(pothole.errors).toBeUndefined();
    tickets.push(pothole.data!.submitServiceRequest.ticketNumber);

    const viaOpen311 = await open311Post({
      service_code: 'missed-collection',
      address_string: '10 Main St',
      description: 'Recycling not collected',
      'attribute[collection_type][]': 'recycling',
    });
    expect(viaOpen311.status).toBe(200);
    tickets.push((viaOpen311.body as { service_request_id: string }[])[0].service_request_id);
    // An e-mail: routing cannot guess its service, so staff triage it under general-inquiry.
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: Number(new URL(e2e.platform.listenerUrl('intake', 'smtp')).port),
      secure: false,
      ignoreTLS: true,
    });
    const mailed = await transport.sendMail({
      from: 'Sam Lee <sam@example.org>',
      to: '311@city.example',
      subject: 'Broken bench',
      text: 'The bench in the square is broken.\nAddress: 2 Park Pl',
    });
    transport.close();
    tickets.push(/SR-\d{4}-\d{7}/.exec(mailed.response)?.[0] ?? mailed.response);

    const unknown = await open311Post({
      service_code: 'no-such-service',
      address_string: '1 Main St',
    });
    expect(unknown.status).toBe(404);

    expect(tickets).toHaveLength(4);
    for (const ticket of tickets) {
      expect(ticket).toMatch(/^SR-\d{4}-\d{7}$/);
    }

    for (const name of OUTAGE) {
      await e2e.platform.startService(name);
    }
    const departments = await Promise.all(
      tickets.map((ticket) =>
        waitFor(
          async () => {
            const found = (
              await e2e.call<{
                caseByTicket: { status: string; department: { code: string } | null } | null;
              }>(TRACK, { t: ticket }, admin)
            ).data?.caseByTicket;
            return found?.status === 'OPEN' && found.department ? found.department.code : undefined;
          },
          { what: `case ${ticket} routed`, timeoutMs: ROUTED_WITHIN_MS, intervalMs: 250 },
        ),
      ),
    );
    expect(departments).toEqual(['public-works', 'streets', 'sanitation', 'customer-service']);
  });
});
