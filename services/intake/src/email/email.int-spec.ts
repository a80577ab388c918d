import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  AttributeDatatype,
  ClassifyText,
  GetServiceCatalog,
  LogInteraction,
  type LogInteractionRequest,
} from '@civitas/contracts';
import { piiCipherFrom } from '@civitas/crypto';
import {
  peer,
  routingCatalog,
  startServiceHarness,
  startTestSmtpRelay,
  TEST_PII_HASH_KEY,
  TEST_PII_KEYS,
  waitFor,
  type ServiceHarness,
  type TestSmtpRelay,
} from '@civitas/testing';
import type { ParsedMail } from 'mailparser';
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import { INTAKE_APP } from '../app.module.js';
import type { IntakeConfig } from '../config/intake.config.js';
import { SmtpReceiver } from './smtp-receiver.js';

const EXISTING_TICKET = 'SR-2026-0000042';

interface SmtpFailure {
  responseCode?: number;
  response?: string;
}

/** A mailbox the organisation's relay refuses for good (550 at RCPT TO). */
const UNDELIVERABLE = 'gone@resident.example';

interface ReplyRow {
  status: string;
  attempts: number;
  last_error: string | null;
  message_sealed: string | null;
  sent_at: Date | null;
}

describe('intake: requests by e-mail, over real SMTP both ways', () => {
  /** The intake under test, stopped and started again on the same database in one test. */
  let intake: ServiceHarness<IntakeConfig>;
  let inbox: TestSmtpRelay | null = null;
  /** The relay's port: bound by the OS the first time, taken again each time it comes back. */
  let inboxPort = 0;
  const received: ParsedMail[] = [];
  const logged: LogInteractionRequest[] = [];
  const transports: Transporter[] = [];
  let send: (mail: SendMailOptions) => Promise<{ response: string }>;

  beforeAll(async () => {
    await relayUp();
    intake = await startServiceHarness({
      ...INTAKE_APP,
      // Routing and cases, played by the test over real NATS.
      peers: [
        peer(
          GetServiceCatalog,
          routingCatalog({
            // A required question an e-mail cannot answer: left to staff triage.
            pothole: [
              {
                code: 'size',
                variable: true,
                datatype: AttributeDatatype.singlevaluelist,
                required: true,
                order: 1,
                values: [{ key: 'small', name: 'Small' }],
              },
            ],
            'general-inquiry': [],
          }),
        ),
        peer(LogInteraction, async (request) => {
          if (request.ticketNumber !== EXISTING_TICKET) {
            return { found: false };
          }
          logged.push(request);
          return {
            found: true,
            caseId: '00000000-0000-4000-8000-000000000042',
            interactionId: '00000000-0000-4000-8000-0000000000a1',
          };
        }),
      ],
      env: {
        SMTP_LISTEN_PORT: '0',
        SMTP_URL: `smtp://127.0.0.1:${inboxPort}`,
        MAIL_FROM: 'City 311 <311@city.example>',
        // Retries come quickly here; the defaults wait 30 s, doubling.
        MAIL_RETRY_BASE_MS: '100',
        MAIL_POLL_MS: '100',
        MAIL_MAX_ATTEMPTS: '50',
      },
    });
    playClassifier();
    connectMailer();
  });

  afterAll(async () => {
    await intake?.dispose();
    for (const transport of transports) {
      transport.close();
    }
    await relayDown();
  });

  /** Routing's guess of the service, played by the test; stopped to make routing go away. */
  let stopClassifier: () => Promise<void>;
  function playClassifier(): void {
    stopClassifier = intake.respondAs(ClassifyText, async ({ text }) =>
      /pothole/i.test(text)
        ? { serviceCode: 'pothole', matched: true, keywords: ['pothole'] }
        : { serviceCode: 'general-inquiry', matched: false, keywords: [] },
    );
  }

  /** The organisation's outgoing relay, where replies must arrive, on a port of its own. */
  async function relayUp(): Promise<void> {
    inbox = await startTestSmtpRelay({
      port: inboxPort,
      received,
      refuse: (recipient) =>
        recipient === UNDELIVERABLE
          ? { responseCode: 550, message: '5.1.1 No such mailbox' }
          : undefined,
    });
    inboxPort = inbox.port;
  }

  async function relayDown(): Promise<void> {
    const relay = inbox;
    inbox = null;
    await relay?.close();
  }

  /** A resident's mail client, sending to the port intake's SMTP receiver bound this time. */
  function connectMailer(): void {
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: Number(new URL(intake.app.get(SmtpReceiver).url!).port),
      secure: false,
      ignoreTLS: true,
    });
    transports.push(transport);
    send = (mail) => transport.sendMail(mail) as Promise<{ response: string }>;
  }

  const rows = <T>(sql: string, params: unknown[] = []) => intake.database.rows<T>(sql, params);
  const cipher = piiCipherFrom(TEST_PII_KEYS, TEST_PII_HASH_KEY);
  const accepted = async (ticketNumber: string) =>
    (
      await rows<{ p: Record<string, unknown> }>(
        `SELECT envelope->'payload' AS p FROM outbox WHERE envelope->'payload'->>'ticketNumber' = $1`,
        [ticketNumber],
      )
    )[0]?.p;
  const ticketIn = (response: string) => /SR-\d{4}-\d{7}/.exec(response)?.[0] ?? '';
  const replyTo = (messageId: string) =>
    waitFor(async () => received.find((m) => m.inReplyTo === messageId), {
      what: `the reply to ${messageId}`,
    });
  const replyRow = async (ticketNumber: string) =>
    (
      await rows<ReplyRow>(
        'SELECT status, attempts, last_error, message_sealed, sent_at FROM email_reply WHERE ticket_number = $1',
        [ticketNumber],
      )
    )[0];

  it('turns an e-mail into a ticket for the guessed service at the address given, and answers the sender with the number', async () => {
    const messageId = `<pothole-${intake.namespace}@resident.example>`;
    const result = await send({
      from: '"Maria Lopez" <maria@resident.example>',
      to: '311@city.example',
      subject: 'Pothole outside my house',
      text: 'Hello,\nThere is a deep pothole that damaged my tyre.\nAddress: 12 Elm St\nThanks, Maria',
      messageId,
    });
    const ticketNumber = ticketIn(result.response);
    expect(result.response).toMatch(/^250 .*received as SR-\d{4}-\d{7}/);
    const payload = await accepted(ticketNumber);
    expect(payload).toMatchObject({
      channel: 'EMAIL',
      serviceCode: 'pothole',
      location: { address: '12 Elm St' },
      emergency: false,
    });
    // The sender travels sealed for citizens (ADR 0023).
    expect(JSON.stringify(payload)).not.toContain('maria@resident.example');
    expect(JSON.parse(cipher.decrypt(payload!.reporterSealed as string))).toEqual({
      email: 'maria@resident.example',
      firstName: 'Maria',
      lastName: 'Lopez',
    });
    expect(payload!.description).toContain('deep pothole');

    const reply = await replyTo(messageId);
    expect(reply.to).toMatchObject({ value: [{ address: 'maria@resident.example' }] });
    expect(reply.from).toMatchObject({ value: [{ address: '311@city.example' }] });
    expect(reply.subject).toBe(`Re: Pothole outside my house [${ticketNumber}]`);
    expect(reply.text).toContain(`ticket number ${ticketNumber}`);
    expect(reply.headers.get('auto-submitted')).toBe('auto-replied');
    // The outcome is recorded; the message (the sender's address) is not kept once sent.
    const row = await waitFor(async () => {
      const found = await replyRow(ticketNumber);
      return found?.status === 'SENT' ? found : undefined;
    });
    expect(row).toMatchObject({ attempts: 1, message_sealed: null, last_error: null });
  });

  it('accepts a message without keywords or address for staff triage under general-inquiry', async () => {
    const messageId = `<question-${intake.namespace}@resident.example>`;
    const result = await send({
      from: 'sam@resident.example',
      replyTo: 'sam.home@resident.example',
      to: '311@city.example',
      subject: 'Question',
      text: 'Who do I ask about my neighbour\u2019s fence?',
      messageId,
    });
    const payload = await accepted(ticketIn(result.response));
    expect(payload).toMatchObject({ channel: 'EMAIL', serviceCode: 'general-inquiry' });
    expect(payload).not.toHaveProperty('location');
    const reply = await replyTo(messageId);
    expect(reply.to).toMatchObject({ value: [{ address: 'sam.home@resident.example' }] });
    expect(reply.text).toContain('could not find an address');
  });

  it('takes a message with NUL and other control characters, storing its text without them', async () => {
    const messageId = `<controls-${intake.namespace}@resident.example>`;
    const result = await send({
      from: '"Lee\u0007 Park" <lee@resident.example>',
      to: '311@city.example',
      subject: 'Graffiti\u0000 on the wall',
      text: 'Graffiti\u0000 on the\u001b[31m library wall.\nAddress: 5 Oak St',
      messageId,
    });
    expect(result.response).toMatch(/^250 .*received as SR-\d{4}-\d{7}/);
    const payload = await accepted(ticketIn(result.response));
    expect(payload!.description).toBe(
      'Graffiti on the wall\n\nGraffiti on the[31m library wall.\nAddress: 5 Oak St',
    );
    expect(JSON.stringify(payload)).not.toMatch(/\\u00(0|1)/);
    expect(JSON.parse(cipher.decrypt(payload!.reporterSealed as string))).toMatchObject({
      email: 'lee@resident.example',
    });
    const reply = await replyTo(messageId);
    expect(reply.subject).toContain('Graffiti on the wall');
  });

  it('tells the sender to call 911 when the e-mail reads like an emergency', async () => {
    const messageId = `<gas-${intake.namespace}@resident.example>`;
    const result = await send({
      from: 'lee@resident.example',
      to: '311@city.example',
      subject: 'Smell',
      text: 'There is a gas leak on our street!\nAddress: 3 Oak Ave',
      messageId,
    });
    expect((await accepted(ticketIn(result.response)))!.emergency).toBe(true);
    const reply = await replyTo(messageId);
    expect(reply.text!.indexOf('911')).toBeGreaterThanOrEqual(0);
    expect(reply.text!.indexOf('911')).toBeLessThan(reply.text!.indexOf('ticket number'));
  });

  it('logs a message quoting an existing ticket on that case instead of opening a new one', async () => {
    const before = (await rows<{ n: string }>('SELECT count(*) AS n FROM submission'))[0].n;
    const messageId = `<followup-${intake.namespace}@resident.example>`;
    const result = await send({
      from: 'maria@resident.example',
      to: '311@city.example',
      subject: `Re: Pothole outside my house [${EXISTING_TICKET.toLowerCase()}]`,
      text: 'It is getting bigger every day.\n\n> Thank you. Your request has been received',
      messageId,
    });
    expect(result.response).toContain(`added to ${EXISTING_TICKET}`);
    expect(logged.at(-1)).toMatchObject({
      ticketNumber: EXISTING_TICKET,
      channel: 'EMAIL',
      visibility: 'INTERNAL',
      idempotencyKey: `email:${messageId}`,
    });
    expect(logged.at(-1)!.summary).toContain('getting bigger');
    expect(logged.at(-1)!.summary).not.toContain('Thank you');
    expect((await rows<{ n: string }>('SELECT count(*) AS n FROM submission'))[0].n).toBe(before);
    const reply = await replyTo(messageId);
    expect(reply.text).toContain(`added to request ${EXISTING_TICKET}`);
  });

  it('reads a message quoting a ticket no case has as a new request', async () => {
    const result = await send({
      from: 'kim@resident.example',
      to: '311@city.example',
      subject: 'About SR-2020-0000001',
      text: 'Another pothole. Address: 8 Pine Rd',
      messageId: `<stale-${intake.namespace}@resident.example>`,
    });
    expect(result.response).toContain('received as');
    expect(ticketIn(result.response)).not.toBe('SR-2020-0000001');
  });

  it('takes a message the relay delivers twice only once', async () => {
    const mail = {
      from: 'dup@resident.example',
      to: '311@city.example',
      subject: 'Pothole',
      text: 'Pothole here. Address: 1 Main St',
      messageId: `<dup-${intake.namespace}@resident.example>`,
    };
    const first = await send(mail);
    const second = await send(mail);
    expect(ticketIn(second.response)).toBe(ticketIn(first.response));
    expect(
      (
        await rows<{ n: string }>('SELECT count(*) AS n FROM submission WHERE ticket_number = $1', [
          ticketIn(first.response),
        ])
      )[0].n,
    ).toBe('1');
    // One reply owed, however often the message came.
    expect(
      (
        await rows<{ n: string }>(
          'SELECT count(*) AS n FROM email_reply WHERE ticket_number = $1',
          [ticketIn(first.response)],
        )
      )[0].n,
    ).toBe('1');
  });

  it('owes one reply to a follow-up the relay delivers twice', async () => {
    const mail = {
      from: 'maria@resident.example',
      to: '311@city.example',
      subject: `Still there [${EXISTING_TICKET}]`,
      text: 'Nobody came yet.',
      messageId: `<followup-twice-${intake.namespace}@resident.example>`,
    };
    await send(mail);
    await send(mail);
    await replyTo(mail.messageId);
    expect(
      (
        await rows<{ n: string }>(
          'SELECT count(*) AS n FROM email_reply WHERE idempotency_key = $1',
          [`email:${mail.messageId}`],
        )
      )[0].n,
    ).toBe('1');
  });

  it('sets aside automatic messages (auto-replies, bounces) without a ticket or an answer', async () => {
    const before = (await rows<{ n: string }>('SELECT count(*) AS n FROM submission'))[0].n;
    const result = await send({
      from: 'robot@resident.example',
      to: '311@city.example',
      subject: 'Out of office',
      text: 'I am away until Monday. Pothole.',
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    expect(result.response).toMatch(/^250 /);
    expect((await rows<{ n: string }>('SELECT count(*) AS n FROM submission'))[0].n).toBe(before);
  });

  it.each([
    [
      'a message without a From address',
      {
        envelope: { from: 'x@resident.example', to: ['311@city.example'] },
        raw: 'To: 311@city.example\r\nSubject: Pothole\r\n\r\nThere is a pothole.\r\n',
      },
      550,
      '5.1.7',
    ],
    [
      'a message without text',
      { from: 'x@resident.example', to: '311@city.example', subject: 'Pothole', text: '   ' },
      550,
      '5.6.0',
    ],
    [
      'a message over 10 MB',
      {
        from: 'x@resident.example',
        to: '311@city.example',
        subject: 'Photos',
        text: 'Pothole',
        attachments: [{ filename: 'big.bin', content: Buffer.alloc(11 * 1024 * 1024, 7) }],
      },
      552,
      '5.3.4',
    ],
  ])('refuses %s with an SMTP error, storing nothing', async (_what, mail, code, status) => {
    const before = (await rows<{ n: string }>('SELECT count(*) AS n FROM submission'))[0].n;
    const failure = await send(mail as SendMailOptions).then(
      () => ({}) as SmtpFailure,
      (error: SmtpFailure) => error,
    );
    expect(failure.responseCode).toBe(code);
    expect(failure.response).toContain(status);
    expect((await rows<{ n: string }>('SELECT count(*) AS n FROM submission'))[0].n).toBe(before);
  });

  it('answers a message that arrived while the outgoing relay was down, once the relay is back', async () => {
    await relayDown();
    const messageId = `<relay-down-${intake.namespace}@resident.example>`;
    const result = await send({
      from: 'ola@resident.example',
      to: '311@city.example',
      subject: 'Streetlight out',
      text: 'The streetlight is out.\nAddress: 4 Birch Ln',
      messageId,
    });
    // The sender's relay is told at once; the reply waits, sealed, and is tried again.
    expect(result.response).toMatch(/^250 .*received as SR-\d{4}-\d{7}/);
    const ticketNumber = ticketIn(result.response);
    const waiting = await waitFor(
      async () => {
        const found = await replyRow(ticketNumber);
        return found && found.attempts >= 1 && found.last_error ? found : undefined;
      },
      { what: 'a failed attempt to be recorded' },
    );
    expect(waiting).toMatchObject({ status: 'QUEUED', sent_at: null });
    expect(waiting.message_sealed).toMatch(/^v1:/);
    expect(waiting.message_sealed).not.toContain('ola@resident.example');
    expect(received.some((m) => m.inReplyTo === messageId)).toBe(false);

    await relayUp();
    const reply = await replyTo(messageId);
    expect(reply.to).toMatchObject({ value: [{ address: 'ola@resident.example' }] });
    expect(reply.subject).toBe(`Re: Streetlight out [${ticketNumber}]`);
    expect(received.filter((m) => m.inReplyTo === messageId)).toHaveLength(1);
    const sent = await waitFor(async () => {
      const found = await replyRow(ticketNumber);
      return found?.status === 'SENT' ? found : undefined;
    });
    expect(sent.attempts).toBeGreaterThanOrEqual(2);
    expect(sent).toMatchObject({ message_sealed: null, last_error: null });
  });

  it('records a reply the relay refuses for good as failed, at once and without the address', async () => {
    const result = await send({
      from: UNDELIVERABLE,
      to: '311@city.example',
      subject: 'Pothole',
      text: 'Pothole by the church. Address: 2 Ash St',
      messageId: `<undeliverable-${intake.namespace}@resident.example>`,
    });
    const ticketNumber = ticketIn(result.response);
    const failed = await waitFor(async () => {
      const found = await replyRow(ticketNumber);
      return found?.status === 'FAILED' ? found : undefined;
    });
    expect(failed).toMatchObject({ attempts: 1, sent_at: null });
    expect(failed.last_error).toContain('550');
    expect(failed.last_error).not.toContain(UNDELIVERABLE);
    // Kept sealed for staff to send again (failed-replies.int-spec.ts), never in clear.
    expect(failed.message_sealed).toMatch(/^v1:/);
    expect(failed.message_sealed).not.toContain(UNDELIVERABLE);
  });

  it('sends after a restart the reply that was still owed when the service stopped', async () => {
    await relayDown();
    const messageId = `<restart-${intake.namespace}@resident.example>`;
    const result = await send({
      from: 'ines@resident.example',
      to: '311@city.example',
      subject: 'Graffiti',
      text: 'Graffiti on the library wall.\nAddress: 1 Library Sq',
      messageId,
    });
    const ticketNumber = ticketIn(result.response);
    await waitFor(async () => ((await replyRow(ticketNumber))?.attempts ?? 0) >= 1, {
      what: 'the reply to be tried once',
    });
    // The service goes away with the reply owed; nothing of it is left in memory.
    await intake.stop();
    await relayUp();
    expect((await replyRow(ticketNumber)).status).toBe('QUEUED');

    await intake.start();
    connectMailer();
    const reply = await replyTo(messageId);
    expect(reply.text).toContain(`ticket number ${ticketNumber}`);
    expect(reply.inReplyTo).toBe(messageId);
    const sent = await waitFor(async () => {
      const found = await replyRow(ticketNumber);
      return found?.status === 'SENT' ? found : undefined;
    });
    expect(sent.message_sealed).toBeNull();
  });
  it('takes a message while routing is away, for staff triage under general-inquiry (docs/adr/0069)', async () => {
    await stopClassifier();
    try {
      const result = await send({
        from: 'noor@resident.example',
        to: '311@city.example',
        subject: 'Pothole again',
        text: 'The pothole is back.\nAddress: 9 Birch Rd',
        messageId: `<away-${intake.namespace}@resident.example>`,
      });
      expect(result.response).toMatch(/^250 .*received as SR-\d{4}-\d{7}/);
      expect(await accepted(ticketIn(result.response))).toMatchObject({
        channel: 'EMAIL',
        serviceCode: 'general-inquiry',
        location: { address: '9 Birch Rd' },
      });
    } finally {
      playClassifier();
    }
  });
});
