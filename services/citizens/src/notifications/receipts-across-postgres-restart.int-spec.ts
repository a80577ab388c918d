import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CaseOpened, ResolveIdentity, type CaseOpenedV1 } from '@civitas/contracts';
import {
  aCaseOpened,
  aResolveIdentityRequest,
  type ServiceHarness,
  startPostgresServer,
  startServiceHarness,
  startTestSmtpRelay,
  type TestPostgresServer,
  type TestSmtpRelay,
  waitFor,
} from '@civitas/testing';
import type { ParsedMail } from 'mailparser';
import { CITIZENS_APP } from '../app.module.js';
import type { CitizensConfig } from '../config/citizens.config.js';

/** Reporters, each told once that their case was received. */
const REPORTERS = 36;
/** Cases opened between one fault and the next. */
const BETWEEN_FAULTS = 12;
/** How long the relay takes to answer a message it holds: a fault lands while a sender waits. */
const RELAY_ANSWER_MS = 400;

interface ReceiptRow {
  ticket: string;
  status: string;
  attempts: number;
}

/**
 * Every case opened for a reporter who gave a contact ends in exactly one receipt, when Postgres
 * is stopped with a fast shutdown (`pg_ctl stop -m fast`) and started again while cases are
 * opened and receipts are being sent (issue 12, docs/adr/0093). The Postgres is the test's own:
 * the machine's is shared. The relay answers slowly, so each fault lands while the dispatcher
 * waits for the relay's answer to a message the relay already holds.
 */
describe('citizens: receipts across a Postgres fast shutdown (own Postgres, real SMTP, NATS)', () => {
  let postgres: TestPostgresServer;
  let smtp: TestSmtpRelay;
  let citizens: ServiceHarness<CitizensConfig>;
  const mails: ParsedMail[] = [];

  beforeAll(async () => {
    postgres = await startPostgresServer();
    smtp = await startTestSmtpRelay({ received: mails, answerDelayMs: RELAY_ANSWER_MS });
    citizens = await startServiceHarness({
      ...CITIZENS_APP,
      databaseServerUrl: postgres.url,
      env: {
        NOTIFY_SMTP_URL: smtp.url,
        QUIET_HOURS: 'none',
        NOTIFY_POLL_MS: '100',
        NOTIFY_SETTLE_MS: '0',
        NOTIFY_RETRY_BASE_MS: '100',
      },
    });
  });

  afterAll(async () => {
    await citizens?.dispose();
    await smtp?.close();
    await postgres?.dispose();
  });

  it('sends every receipt once when Postgres is fast-stopped while receipts are sent', async () => {
    const reporters: { citizenId: string; email: string }[] = [];
    for (let i = 0; i < REPORTERS; i++) {
      const email = `reporter-${i}@example.org`;
      const reply = await citizens.ask(
        ResolveIdentity,
        aResolveIdentityRequest({ contact: { firstName: `Reporter${i}`, email } }),
      );
      reporters.push({ citizenId: reply.citizenId!, email });
    }

    const opened: CaseOpenedV1[] = [];
    let faults = 0;
    for (const [i, { citizenId }] of reporters.entries()) {
      const event = aCaseOpened().reportedBy(citizenId).build();
      await citizens.publish(CaseOpened, event);
      opened.push(event);
      if ((i + 1) % BETWEEN_FAULTS === 0 && i + 1 < REPORTERS) {
        // A receipt in flight: the relay holds it and has not answered yet.
        const before = mails.length;
        await waitFor(async () => mails.length > before, {
          what: 'the relay holding a receipt before the fault',
        });
        await postgres.stop('fast');
        faults += 1;
        await new Promise((r) => setTimeout(r, 1_000));
        await postgres.start();
      }
    }
    expect(faults).toBe(Math.floor((REPORTERS - 1) / BETWEEN_FAULTS));

    const tickets = opened.map((e) => e.ticketNumber);
    const receipts = await waitFor(
      async () => {
        const rows = await citizens.database.rows<ReceiptRow>(
          `SELECT params->>'ticketNumber' AS ticket, status, attempts FROM notification_delivery
           WHERE template = 'CASE_RECEIVED'`,
        );
        return rows.length >= tickets.length && rows.every((r) => r.status === 'SENT') && rows;
      },
      { what: `every receipt of ${tickets.length} cases sent`, timeoutMs: 90_000 },
    );

    // One receipt recorded per case, each sent.
    expect(receipts.map((r) => r.ticket).sort()).toEqual([...tickets].sort());
    // And each reporter's mailbox holds that one receipt: none lost, none twice.
    const receivedBy = new Map<string, number>();
    for (const mail of mails) {
      const to = (mail.to as { text: string }).text;
      receivedBy.set(to, (receivedBy.get(to) ?? 0) + 1);
    }
    const twice = reporters.filter((r) => (receivedBy.get(r.email) ?? 0) > 1).map((r) => r.email);
    const never = reporters.filter((r) => !receivedBy.has(r.email)).map((r) => r.email);
    expect({ twice, never }).toEqual({ twice: [], never: [] });
    expect(mails).toHaveLength(REPORTERS);
  });
});
