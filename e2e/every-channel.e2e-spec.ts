import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '@civitas/contracts';
import { aSubmitServiceRequestInput, graphql, waitFor } from '@civitas/testing';
import nodemailer from 'nodemailer';
import { startE2ePlatform, type E2ePlatform } from './platform.js';

const TRACK =
  'query($t: String!) { caseByTicket(ticketNumber: $t) { channel priority reporter { id } } }';

/**
 * Issue 3's check: the same person reporting by Open311, by e-mail and through an agent's phone
 * entry, each time with their details written differently, is one resident with three cases.
 */
describe('one resident across Open311, e-mail and a phone call', () => {
  let e2e: E2ePlatform;
  let smtpPort: number;

  beforeAll(async () => {
    // Intake's SMTP receiver binds a port the OS picks and announces it to the launcher.
    e2e = await startE2ePlatform({ SMTP_LISTEN_PORT: '0' });
    smtpPort = Number(new URL(e2e.platform.listenerUrl('intake', 'smtp')).port);
  });

  afterAll(async () => {
    await e2e?.dispose();
  });

  const asAdmin = async () => ({ authorization: `Bearer ${await e2e.token(Role.Admin)}` });

  const reporterOf = (ticket: string) =>
    waitFor(
      async () => {
        const found = (
          await graphql<{
            caseByTicket: {
              channel: string;
              priority: string | null;
              reporter: { id: string } | null;
            } | null;
          }>(e2e.platform.gatewayUrl, TRACK, { t: ticket }, await asAdmin())
        ).data?.caseByTicket;
        return found?.priority && found.reporter ? found : undefined;
      },
      { what: `case ${ticket} routed with a reporter` },
    );

  it('links all three reports to one resident', async () => {
    // 1. A 311 app posts through Open311 with an API key an admin issued.
    const created = await graphql<{ createApiKey: { key: string } }>(
      e2e.platform.gatewayUrl,
      'mutation { createApiKey(input: { name: "city app" }) { key } }',
      {},
      await asAdmin(),
    );
    const apiKey = created.data!.createApiKey.key;
    const open311 = await fetch(`${e2e.platform.baseUrl('gateway')}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        api_key: apiKey,
        service_code: 'pothole',
        lat: '40.7128',
        long: '-74.006',
        description: 'Deep pothole in the bus lane',
        email: 'ana.ruiz@example.org',
        first_name: 'Ana',
        last_name: 'Ruiz',
        phone: '+1 212 555 0100',
        media_url: 'https://photos.example.org/pothole.jpg',
      }).toString(),
    });
    expect(open311.status).toBe(200);
    const [{ service_request_id: open311Ticket }] = (await open311.json()) as {
      service_request_id: string;
    }[];

    // The request is readable as soon as it is acknowledged (docs/adr/0070), with its photo link.
    const request = await waitFor(
      async () => {
        const read = await fetch(
          `${e2e.platform.baseUrl('gateway')}/open311/v2/requests/${open311Ticket}.json`,
        );
        return read.status === 200
          ? ((await read.json()) as { media_url: string | null; email?: string }[])[0]
          : undefined;
      },
      { what: `Open311 request ${open311Ticket}` },
    );
    expect(request.media_url).toBe('https://photos.example.org/pothole.jpg');
    expect(request.email).toBeUndefined();

    // 2. The same person e-mails 311, the address written with capitals.
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: smtpPort,
      secure: false,
      ignoreTLS: true,
    });
    const sent = await transport.sendMail({
      from: 'Ana Ruiz <Ana.Ruiz@Example.org>',
      to: '311@city.example',
      subject: 'Missed trash collection',
      text: 'Our trash was not picked up this week.\nAddress: 5 Elm St',
    });
    const emailTicket = /SR-\d{4}-\d{7}/.exec(sent.response)?.[0];
    expect(emailTicket).toBeDefined();

    // 3. She calls; the agent finds her by phone (written another way) and files a report.
    const agent = { authorization: `Bearer ${await e2e.token(Role.Agent)}` };
    const found = await graphql<{ findCitizensByContact: { id: string }[] }>(
      e2e.platform.gatewayUrl,
      'query($p: String!) { findCitizensByContact(phone: $p, purpose: "incoming call") { id } }',
      { p: '(212) 555-0100' },
      agent,
    );
    const phoneSubmit = await graphql<{ submitServiceRequest: { ticketNumber: string } }>(
      e2e.platform.gatewayUrl,
      'mutation($i: SubmitServiceRequestInput!) { submitServiceRequest(input: $i) { ticketNumber } }',
      {
        i: aSubmitServiceRequestInput('streetlight-out')
          .via('PHONE')
          .atAddress('5 Elm St')
          .withReporter({ phone: '212-555-0100' })
          .build(),
      },
      agent,
    );
    expect(phoneSubmit.errors).toBeUndefined();

    const byOpen311 = await reporterOf(open311Ticket);
    const byEmail = await reporterOf(emailTicket!);
    const byPhone = await reporterOf(phoneSubmit.data!.submitServiceRequest.ticketNumber);
    expect([byOpen311.channel, byEmail.channel, byPhone.channel]).toEqual([
      'OPEN311',
      'EMAIL',
      'PHONE',
    ]);
    expect(byEmail.reporter!.id).toBe(byOpen311.reporter!.id);
    expect(byPhone.reporter!.id).toBe(byOpen311.reporter!.id);
    expect(found.data!.findCitizensByContact.map((c) => c.id)).toEqual([byOpen311.reporter!.id]);
    expect(await e2e.count('citizens', 'SELECT count(*) AS n FROM citizen')).toBe(1);
    // Who entered each: the API client, nobody (the e-mail's sender is the reporter), the agent.
    expect(
      await e2e.count(
        'intake',
        "SELECT count(*) AS n FROM submission WHERE channel = 'OPEN311' AND submitted_by_client IS NOT NULL",
      ),
    ).toBe(1);
    expect(
      await e2e.count(
        'intake',
        "SELECT count(*) AS n FROM submission WHERE channel = 'PHONE' AND submitted_by_sub = 'e2e-agent'",
      ),
    ).toBe(1);
  });
});
