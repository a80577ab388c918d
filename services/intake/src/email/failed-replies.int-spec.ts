import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CaseOpened,
  Channel,
  CitizenErased,
  ClassifyText,
  GetServiceCatalog,
  Role,
  type Identity,
} from '@civitas/contracts';
import { pendingSchemaDrift } from '@civitas/persistence';
import {
  aCaseOpened,
  aCitizenErased,
  errorCodes,
  peer,
  routingCatalog,
  startServiceHarness,
  startTestSmtpRelay,
  waitFor,
  type GraphqlResponse,
  type ServiceHarness,
  type TestSmtpRelay,
  aStaffMember,
  aResident,
} from '@civitas/testing';
import type { ParsedMail } from 'mailparser';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import type { DataSource } from 'typeorm';
import { INTAKE_APP } from '../app.module.js';
import type { IntakeConfig } from '../config/intake.config.js';
import { SmtpReceiver } from './smtp-receiver.js';

const SUPERVISOR = aStaffMember(Role.Supervisor, 'supervisor-1');
const ADMIN = aStaffMember(Role.Admin, 'admin-1');
const DAY_MS = 86_400_000;

const FIELDS = 'id ticketNumber status attempts lastError failedAt createdAt retryableUntil';

interface Reply {
  id: string;
  ticketNumber: string;
  status: string;
  attempts: number;
  lastError: string | null;
  failedAt: string | null;
  createdAt: string;
  retryableUntil: string | null;
}

interface Page {
  nodes: Reply[];
  endCursor: string | null;
  hasNextPage: boolean;
}

interface ReplyRow {
  id: string;
  status: string;
  attempts: number;
  last_error: string | null;
  message_sealed: string | null;
}

describe('intake: staff see and send again the replies to e-mail that could not be sent', () => {
  let intake: ServiceHarness<IntakeConfig>;
  let relay: TestSmtpRelay;
  let sql: DataSource;
  let send: (mail: SendMailOptions) => Promise<{ response: string }>;
  const stops: (() => Promise<void>)[] = [];
  const received: ParsedMail[] = [];
  /** Mailboxes the organisation's relay refuses for good (550 at RCPT TO), until fixed. */
  const refused = new Set<string>();
  /** Mailboxes the relay cannot take just now (451): their replies stay queued, retried. */
  const deferred = new Set<string>();

  beforeAll(async () => {
    relay = await startTestSmtpRelay({
      received,
      refuse: (recipient) =>
        refused.has(recipient)
          ? { responseCode: 550, message: '5.1.1 No such mailbox' }
          : deferred.has(recipient)
            ? { responseCode: 451, message: '4.2.1 Mailbox busy' }
            : undefined,
    });
    intake = await startServiceHarness({
      ...INTAKE_APP,
      peers: [
        peer(GetServiceCatalog, routingCatalog(['pothole', 'general-inquiry'])),
        peer(ClassifyText, async () => ({
          serviceCode: 'pothole',
          matched: true,
          keywords: ['pothole'],
        })),
      ],
      env: {
        SMTP_LISTEN_PORT: '0',
        SMTP_URL: relay.url,
        MAIL_FROM: 'City 311 <311@city.example>',
        MAIL_RETRY_BASE_MS: '100',
        MAIL_POLL_MS: '100',
        MAIL_MAX_ATTEMPTS: '50',
      },
    });
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      // The port the OS gave intake's SMTP receiver.
      port: Number(new URL(intake.app.get(SmtpReceiver).url!).port),
      secure: false,
      ignoreTLS: true,
    });
    stops.push(async () => transport.close());
    send = (mail) => transport.sendMail(mail) as Promise<{ response: string }>;
    sql = await intake.database.dataSource();
  });

  afterAll(async () => {
    await intake?.dispose();
    for (const stop of stops) {
      await stop();
    }
    await relay?.close();
  });

  /** A resident e-mails 311; answers the ticket number and the submission it became. */
  async function mail(from: string, subject = 'Pothole') {
    const messageId = `<${randomUUID()}@resident.example>`;
    const result = await send({
      from,
      to: '311@city.example',
      subject,
      text: 'A deep pothole by the bakery.\nAddress: 7 Rue Verte',
      messageId,
    });
    const ticketNumber = /SR-\d{4}-\d{7}/.exec(result.response)![0];
    const [{ id }] = await sql.query<{ id: string }[]>(
      'SELECT id FROM submission WHERE ticket_number = $1',
      [ticketNumber],
    );
    return { ticketNumber, messageId, submissionId: id };
  }

  const replyRow = async (ticketNumber: string) =>
    (
      await sql.query<ReplyRow[]>(
        'SELECT id, status, attempts, last_error, message_sealed FROM email_reply WHERE ticket_number = $1',
        [ticketNumber],
      )
    )[0];

  const settled = (ticketNumber: string, status: string, what = `the reply ${status}`) =>
    waitFor(
      async () => {
        const row = await replyRow(ticketNumber);
        return row?.status === status ? row : undefined;
      },
      { what },
    );

  const failedPage = (identity: Partial<Identity> | undefined, args = '') =>
    intake.query<{ failedEmailReplies: Page }>(
      `{ failedEmailReplies${args} { nodes { ${FIELDS} } endCursor hasNextPage } }`,
      {},
      identity,
    );

  /** `identity` undefined: an anonymous caller. */
  const retry = (id: string, identity: Partial<Identity> | undefined) =>
    intake.query<{ retryEmailReply: Reply }>(
      `mutation($id: ID!) { retryEmailReply(id: $id) { ${FIELDS} } }`,
      { id },
      identity,
    );

  const firstProblem = (res: GraphqlResponse<unknown>) =>
    (res.errors?.[0]?.extensions?.fields as { field: string; reason: string }[] | undefined)?.[0];

  let refusedReply: { ticketNumber: string; messageId: string; id: string };

  it('lists a reply the relay refused for good to supervisors and admins, without the address or the text', async () => {
    refused.add('nora@resident.example');
    const sent = await mail('"Nora Quist" <nora@resident.example>', 'Pothole on Quist Lane');
    const row = await settled(sent.ticketNumber, 'FAILED');
    refusedReply = { ...sent, id: row.id };
    // Kept sealed so it can be sent again, never in clear.
    expect(row.message_sealed).toMatch(/^v1:/);
    expect(row.message_sealed).not.toContain('nora@resident.example');

    for (const staff of [SUPERVISOR, ADMIN]) {
      const res = await failedPage(staff);
      expect(res.errors).toBeUndefined();
      const listed = res.data!.failedEmailReplies.nodes.find((r) => r.id === row.id);
      expect(listed).toMatchObject({
        ticketNumber: sent.ticketNumber,
        status: 'FAILED',
        attempts: 1,
      });
      expect(listed!.lastError).toContain('550');
      expect(Date.parse(listed!.createdAt)).toBeLessThanOrEqual(Date.parse(listed!.failedAt!));
      // Retryable for MAIL_FAILED_KEEP_DAYS (30 by default) after the failure.
      expect(Date.parse(listed!.retryableUntil!) - Date.parse(listed!.failedAt!)).toBe(30 * DAY_MS);
      const shown = JSON.stringify(res.data);
      expect(shown).not.toMatch(/nora|quist|bakery|Rue Verte/i);
    }
  });

  it('refuses the list and the retry to residents, analysts, agents and anonymous callers, changing nothing', async () => {
    const callers: [Partial<Identity> | undefined, string][] = [
      [aResident('resident-1'), 'FORBIDDEN'],
      [aStaffMember(Role.Analyst, 'analyst-1'), 'FORBIDDEN'],
      [aStaffMember(Role.Agent, 'agent-1'), 'FORBIDDEN'],
      [undefined, 'UNAUTHENTICATED'],
    ];
    for (const [identity, code] of callers) {
      const listed = await failedPage(identity);
      expect(errorCodes(listed)).toEqual([code]);
      expect(listed.data?.failedEmailReplies ?? null).toBeNull();
      const retried = await retry(refusedReply.id, identity);
      expect(errorCodes(retried)).toEqual([code]);
    }
    expect(await replyRow(refusedReply.ticketNumber)).toMatchObject({
      status: 'FAILED',
      attempts: 1,
    });
  });

  it('sends a failed reply again once the relay accepts the mailbox, with its attempts counted afresh', async () => {
    refused.delete('nora@resident.example');
    const res = await retry(refusedReply.id, SUPERVISOR);
    expect(res.errors).toBeUndefined();
    expect(res.data!.retryEmailReply).toMatchObject({
      id: refusedReply.id,
      ticketNumber: refusedReply.ticketNumber,
      status: 'QUEUED',
      attempts: 0,
      failedAt: null,
      retryableUntil: null,
    });
    const reply = await waitFor(
      async () => received.find((m) => m.inReplyTo === refusedReply.messageId),
      { what: 'the reply sent again' },
    );
    expect(reply.to).toMatchObject({ value: [{ address: 'nora@resident.example' }] });
    expect(reply.subject).toBe(`Re: Pothole on Quist Lane [${refusedReply.ticketNumber}]`);
    const row = await settled(refusedReply.ticketNumber, 'SENT');
    expect(row).toMatchObject({ attempts: 1, message_sealed: null, last_error: null });
    const listed = await failedPage(SUPERVISOR);
    expect(listed.data!.failedEmailReplies.nodes.map((r) => r.id)).not.toContain(refusedReply.id);

    // Sent is sent: a second retry is refused, naming the reply.
    const again = await retry(refusedReply.id, SUPERVISOR);
    expect(errorCodes(again)).toEqual(['EMAIL_REPLY_NOT_FAILED']);
    expect(firstProblem(again)).toMatchObject({ field: 'id' });
    expect(received.filter((m) => m.inReplyTo === refusedReply.messageId)).toHaveLength(1);
  });

  it('fails a retried reply again at once when the relay still refuses the mailbox', async () => {
    refused.add('otto@resident.example');
    const sent = await mail('otto@resident.example');
    const { id } = await settled(sent.ticketNumber, 'FAILED');
    const res = await retry(id, ADMIN);
    expect(res.data!.retryEmailReply).toMatchObject({ status: 'QUEUED', attempts: 0 });
    await waitFor(
      async () => {
        const row = await replyRow(sent.ticketNumber);
        return row.status === 'FAILED' && row.attempts === 1 ? row : undefined;
      },
      { what: 'the retried reply failed again' },
    );
    const listed = (await failedPage(SUPERVISOR)).data!.failedEmailReplies.nodes;
    expect(listed.find((r) => r.id === id)).toMatchObject({ attempts: 1 });
  });

  it('pages through failed replies newest failure first', async () => {
    for (const name of ['pia', 'quin', 'rosa']) {
      refused.add(`${name}@resident.example`);
      const sent = await mail(`${name}@resident.example`);
      await settled(sent.ticketNumber, 'FAILED');
    }
    const all = (await failedPage(ADMIN, '(first: 500)')).data!.failedEmailReplies;
    expect(all.hasNextPage).toBe(false);
    expect(all.nodes.length).toBeGreaterThanOrEqual(4);
    const failedAts = all.nodes.map((r) => Date.parse(r.failedAt!));
    expect(failedAts).toEqual([...failedAts].sort((a, b) => b - a));

    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const res: GraphqlResponse<{ failedEmailReplies: Page }> = await failedPage(
        ADMIN,
        after ? `(first: 2, after: "${after}")` : '(first: 2)',
      );
      expect(res.errors).toBeUndefined();
      const page = res.data!.failedEmailReplies;
      expect(page.nodes.length).toBeLessThanOrEqual(2);
      seen.push(...page.nodes.map((r) => r.id));
      if (!page.hasNextPage) {
        break;
      }
      after = page.endCursor;
    }
    expect(seen).toEqual(all.nodes.map((r) => r.id));
  });

  it('refuses bad arguments, naming them', async () => {
    const unknown = await retry(randomUUID(), SUPERVISOR);
    expect(errorCodes(unknown)).toEqual(['EMAIL_REPLY_NOT_FOUND']);
    expect(firstProblem(unknown)).toMatchObject({ field: 'id' });

    const notAnId = await retry('SR-2026-0000001', SUPERVISOR);
    expect(errorCodes(notAnId)).toEqual(['BAD_USER_INPUT']);
    expect(firstProblem(notAnId)).toMatchObject({ field: 'id' });

    const tooMany = await failedPage(SUPERVISOR, '(first: 0)');
    expect(errorCodes(tooMany)).toEqual(['BAD_USER_INPUT']);
    expect(firstProblem(tooMany)).toMatchObject({ field: 'first' });

    const badCursor = await failedPage(SUPERVISOR, '(after: "page-2")');
    expect(errorCodes(badCursor)).toEqual(['BAD_USER_INPUT']);
    expect(firstProblem(badCursor)).toMatchObject({ field: 'after' });

    // A reply still being tried is not sent again beside its own retries.
    deferred.add('vera@resident.example');
    const queued = await mail('vera@resident.example');
    const row = await waitFor(
      async () => {
        const found = await replyRow(queued.ticketNumber);
        return found?.last_error ? found : undefined;
      },
      { what: 'a deferred attempt recorded' },
    );
    const busy = await retry(row.id, SUPERVISOR);
    expect(errorCodes(busy)).toEqual(['EMAIL_REPLY_NOT_FAILED']);
    expect(busy.errors![0].message).toContain('QUEUED');
    deferred.delete('vera@resident.example');
    await settled(queued.ticketNumber, 'SENT');
  });

  it('drops the message of a reply failed longer ago than MAIL_FAILED_KEEP_DAYS; it can no longer be sent again', async () => {
    refused.add('walt@resident.example');
    const sent = await mail('walt@resident.example');
    const { id } = await settled(sent.ticketNumber, 'FAILED');
    // Thirty-one days pass.
    await sql.query(
      `UPDATE email_reply SET failed_at = failed_at - interval '31 days' WHERE id = $1`,
      [id],
    );
    await waitFor(async () => (await replyRow(sent.ticketNumber)).message_sealed === null, {
      what: "the dispatcher's round to drop the message",
    });
    const listed = (await failedPage(SUPERVISOR, '(first: 500)')).data!.failedEmailReplies.nodes;
    expect(listed.find((r) => r.id === id)).toMatchObject({
      status: 'FAILED',
      retryableUntil: null,
    });
    refused.delete('walt@resident.example');
    const res = await retry(id, SUPERVISOR);
    expect(errorCodes(res)).toEqual(['EMAIL_REPLY_MESSAGE_GONE']);
    expect(firstProblem(res)).toMatchObject({ field: 'id' });
    expect((await replyRow(sent.ticketNumber)).status).toBe('FAILED');
  });

  it('drops unsent the replies owed to an erased resident, failed or still queued, also one attributed after the erasure', async () => {
    const xena = randomUUID();
    const announce = (made: { ticketNumber: string; submissionId: string }) =>
      intake.publish(
        CaseOpened,
        aCaseOpened().forSubmission(made).via(Channel.EMAIL).reportedBy(xena).build(),
      );
    refused.add('xena@resident.example');
    const failed = await mail('xena@resident.example');
    const failedRow = await settled(failed.ticketNumber, 'FAILED');
    deferred.add('xena.home@resident.example');
    const owed = await mail('xena.home@resident.example');
    await waitFor(async () => !!(await replyRow(owed.ticketNumber))?.last_error, {
      what: 'the owed reply tried',
    });
    deferred.add('xena.work@resident.example');
    const late = await mail('xena.work@resident.example');
    await waitFor(async () => !!(await replyRow(late.ticketNumber))?.last_error, {
      what: 'the late reply tried',
    });

    await announce(failed);
    await announce(owed);
    await waitFor(
      async () =>
        (
          await sql.query<{ n: string }[]>(
            'SELECT count(*) AS n FROM submission WHERE citizen_id = $1',
            [xena],
          )
        )[0].n === '2',
      { what: 'the submissions attributed to her' },
    );
    await intake.publish(CitizenErased, aCitizenErased().of(xena).build());
    const dropped = await waitFor(
      async () => {
        const row = await replyRow(owed.ticketNumber);
        return row.message_sealed === null ? row : undefined;
      },
      { what: 'the owed reply dropped' },
    );
    expect(dropped).toMatchObject({
      status: 'FAILED',
      last_error: 'not sent: the resident asked to be erased',
    });
    expect(await replyRow(failed.ticketNumber)).toMatchObject({
      status: 'FAILED',
      message_sealed: null,
      last_error: failedRow.last_error,
    });
    // Her case for the third message is announced only after the erasure.
    await announce(late);
    await waitFor(async () => (await replyRow(late.ticketNumber)).message_sealed === null, {
      what: 'the late reply dropped',
    });

    expect(errorCodes(await retry(failedRow.id, SUPERVISOR))).toEqual(['EMAIL_REPLY_MESSAGE_GONE']);
    expect(errorCodes(await retry(dropped.id, SUPERVISOR))).toEqual(['EMAIL_REPLY_MESSAGE_GONE']);
    // No attempt is made for her after the erasure. (Her addresses stay deferred: an attempt
    // already on its way to the relay when the erasure came could still reach it, docs/email.md.)
    const before = await Promise.all([owed, late].map((m) => replyRow(m.ticketNumber)));
    const marker = await mail('marker@resident.example');
    await settled(marker.ticketNumber, 'SENT', 'a later reply sent');
    expect(await Promise.all([owed, late].map((m) => replyRow(m.ticketNumber)))).toEqual(before);
    expect(received.some((m) => /xena/.test(JSON.stringify(m.to)))).toBe(false);
    // Other residents' failed replies keep their message.
    const [{ kept }] = await sql.query<{ kept: string }[]>(
      `SELECT count(*) AS kept FROM email_reply WHERE status = 'FAILED' AND message_sealed IS NOT NULL`,
    );
    expect(Number(kept)).toBeGreaterThanOrEqual(4);
  });

  it('has migrations that match its entities', async () => {
    expect(await pendingSchemaDrift(sql)).toEqual([]);
  });
});
