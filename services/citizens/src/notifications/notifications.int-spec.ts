import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CaseOpened,
  CaseOverdue,
  CaseRouted,
  CaseStatus,
  HistoryOpened,
  HistoryRouted,
  InteractionLogged,
  NoteAdded,
  ResolveIdentity,
  Role,
  StatusChanged,
  type ReporterContact,
} from '@civitas/contracts';
import { surveyLinkSigner } from '@civitas/crypto';
import { createEnvelope } from '@civitas/messaging';
import { pendingSchemaDrift } from '@civitas/persistence';
import { serviceDataSourceOptions } from '@civitas/service-kit';
import {
  aCaseOpened,
  aCaseOverdue,
  aCaseRouted,
  aHistoryOpened,
  aHistoryRouted,
  anInteractionLogged,
  aNoteAdded,
  aResolveIdentityRequest,
  aStatusChanged,
  type CaseRef,
  errorCodes,
  plaintextFound,
  type ServiceHarness,
  startServiceHarness,
  startTestSmtpRelay,
  TEST_SURVEY_TOKEN_KEYS,
  type TestSmtpRelay,
  waitFor,
  aStaffMember,
} from '@civitas/testing';
import type { ParsedMail } from 'mailparser';
import { DataSource } from 'typeorm';
import { CITIZENS_APP } from '../app.module.js';
import type { CitizensConfig } from '../config/citizens.config.js';
import { CITIZENS } from '../database/definition.js';

interface Delivery {
  id: string;
  caseId: string;
  citizenId: string;
  channel: string;
  template: string;
  language: string;
  status: string;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
  sentAt: string | null;
}

const FIELDS =
  'id caseId citizenId channel template language status attempts lastError nextAttemptAt sentAt';
const STAFF = aStaffMember(Role.Agent, 'agent-1');
const SUPERVISOR = aStaffMember(Role.Supervisor, 'sup-1');
const ADMIN = aStaffMember(Role.Admin, 'admin-1');

async function listen(server: Server): Promise<number> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
  });
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

/** A resident as cases would have citizens resolve them, on `service`'s namespace. */
async function resolvedBy(
  service: ServiceHarness<CitizensConfig>,
  contact: ReporterContact,
): Promise<string> {
  const reply = await service.ask(ResolveIdentity, aResolveIdentityRequest({ contact }));
  return reply.citizenId!;
}

describe('citizens: reporters kept informed (real SMTP, real SMS webhook, Postgres, NATS)', () => {
  let citizens: ServiceHarness<CitizensConfig>;
  let smtp: TestSmtpRelay;
  let webhook: Server;
  const mails: ParsedMail[] = [];
  const rejectedRcpt: string[] = [];
  const texts: { to: string; body: string }[] = [];
  let smtpPort: number;
  let smsPort: number;

  beforeAll(async () => {
    // A real SMTP server on loopback; it refuses (temporarily) every recipient at bounce.test.
    smtp = await startTestSmtpRelay({
      received: mails,
      refuse: (recipient) => {
        if (!recipient.endsWith('@bounce.test')) {
          return undefined;
        }
        rejectedRcpt.push(recipient);
        return { responseCode: 451, message: `mailbox ${recipient} unavailable` };
      },
    });
    smtpPort = smtp.port;
    // The SMS provider's webhook, a real HTTP server.
    webhook = createServer((req, res) => {
      void readJson(req).then((body) => {
        texts.push(body as { to: string; body: string });
        res.writeHead(202, { 'content-type': 'application/json' }).end('{}');
      });
    });
    smsPort = await listen(webhook);
    citizens = await startServiceHarness({
      ...CITIZENS_APP,
      env: {
        NOTIFY_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
        SMS_WEBHOOK_URL: `http://127.0.0.1:${smsPort}/sms`,
        QUIET_HOURS: 'none',
        NOTIFY_POLL_MS: '100',
        NOTIFY_MAX_ATTEMPTS: '3',
        NOTIFY_RETRY_BASE_MS: '50',
        // Sent as soon as recorded: the order of a case's messages is shown on its own below.
        NOTIFY_SETTLE_MS: '0',
        SURVEY_URL: 'https://311.example.test/survey',
        OVERDUE_CASES_URL: 'https://staff.example.test/overdue',
      },
    });
  });

  afterAll(async () => {
    await citizens?.dispose();
    await smtp?.close();
    await new Promise<void>((resolve) => (webhook ? webhook.close(() => resolve()) : resolve()));
  });

  const resident = (contact: ReporterContact) => resolvedBy(citizens, contact);

  async function openCase(reporterId: string | null): Promise<CaseRef> {
    const opened = aCaseOpened().reportedBy(reporterId).build();
    await citizens.publish(CaseOpened, opened);
    return opened;
  }

  /** Staff record that the resident wants no status updates by e-mail, told on `source`. */
  async function withdrawEmailUpdates(citizenId: string, source: string): Promise<void> {
    const res = await citizens.query(
      `mutation($input: SetConsentInput!) { setConsent(input: $input) { granted } }`,
      {
        input: { citizenId, channel: 'EMAIL', purpose: 'STATUS_UPDATES', granted: false, source },
      },
      STAFF,
    );
    expect(res.errors).toBeUndefined();
  }

  async function deliveries(caseId: string): Promise<Delivery[]> {
    const res = await citizens.query<{ notifications: Delivery[] }>(
      `query($caseId: ID!) { notifications(caseId: $caseId) { ${FIELDS} } }`,
      { caseId },
      STAFF,
    );
    expect(res.errors).toBeUndefined();
    return res.data!.notifications;
  }

  async function settled(caseId: string, count: number): Promise<Delivery[]> {
    return waitFor(
      async () => {
        const rows = await deliveries(caseId);
        return rows.length === count && rows.every((d) => d.status !== 'QUEUED') && rows;
      },
      { what: `${count} settled deliveries for case ${caseId}` },
    );
  }

  it('e-mails the reporter when their case is received, routed, progresses and closes', async () => {
    const citizenId = await resident({ firstName: 'Grace', email: 'grace@example.org' });
    const { caseId, ticketNumber } = await openCase(citizenId);
    const ref = { caseId, ticketNumber };
    await citizens.publish(CaseRouted, aCaseRouted().forCase(ref).build());
    await citizens.publish(
      StatusChanged,
      aStatusChanged().forCase(ref).from(CaseStatus.NEW).to(CaseStatus.IN_PROGRESS).build(),
    );
    await citizens.publish(
      InteractionLogged,
      anInteractionLogged().forCase(ref).loggedBy('caseworker-7').build(),
    );
    await citizens.publish(
      StatusChanged,
      aStatusChanged().forCase(ref).from(CaseStatus.IN_PROGRESS).to(CaseStatus.CLOSED).build(),
    );

    const rows = await settled(caseId, 5);
    expect(rows.map((d) => [d.template, d.channel, d.status, d.language, d.citizenId])).toEqual(
      expect.arrayContaining([
        ['CASE_RECEIVED', 'EMAIL', 'SENT', 'en', citizenId],
        ['CASE_ROUTED', 'EMAIL', 'SENT', 'en', citizenId],
        ['STATUS_CHANGED', 'EMAIL', 'SENT', 'en', citizenId],
        ['PUBLIC_NOTE', 'EMAIL', 'SENT', 'en', citizenId],
        ['CASE_CLOSED', 'EMAIL', 'SENT', 'en', citizenId],
      ]),
    );
    const hers = mails.filter((m) => m.text?.includes(ticketNumber));
    expect(hers.map((m) => m.subject).sort()).toEqual(
      [
        `We received your request ${ticketNumber}`,
        `Your request ${ticketNumber} has been assigned`,
        `Your request ${ticketNumber} is now in progress`,
        `An update on your request ${ticketNumber}`,
        `Your request ${ticketNumber} is closed`,
      ].sort(),
    );
    expect(hers.every((m) => (m.to as { text: string }).text === 'grace@example.org')).toBe(true);
    expect(hers.find((m) => m.subject?.includes('assigned'))?.text).toContain('streets');
  });

  it("e-mails the department's escalation mailbox once per overdue case, with the case's facts and nothing about the resident", async () => {
    const citizenId = await resident({
      firstName: 'Ottilie',
      lastName: 'Quennell',
      email: 'ottilie.quennell@example.org',
    });
    const opened = aCaseOpened().reportedBy(citizenId).build();
    await citizens.publish(CaseOpened, opened);
    const overdue = aCaseOverdue()
      .forCase(opened)
      .ofDepartment('streets')
      .due('2026-12-07T14:30:00.000Z')
      .toMailbox('streets-escalations@city.test', {
        department: 'Streets & Sanitation',
        service: 'Pothole',
      })
      .build();
    const first = await citizens.publish(CaseOverdue, overdue);
    // JetStream redelivering the same event, and the timer's event seen again as a new one.
    await citizens.publish(CaseOverdue, overdue, { envelope: first, msgID: `again-${first.id}` });
    await citizens.publish(CaseOverdue, overdue);
    // A department without a mailbox: nobody to write to, nothing recorded.
    const unmailed = aCaseOverdue().ofDepartment('parks').build();
    await citizens.publish(CaseOverdue, unmailed);
    // Another overdue case after them: once its mail is in, the three events above were handled.
    const later = aCaseOverdue()
      .ofDepartment('streets')
      .toMailbox('streets-escalations@city.test', { department: 'Streets', service: 'Pothole' })
      .build();
    await citizens.publish(CaseOverdue, later);
    await waitFor(async () => mails.some((m) => m.subject?.includes(later.ticketNumber)), {
      what: 'the later overdue notice',
    });

    // The mailbox's mail about this case (the resident's own "we received" for the opening may
    // come at any time, to her address).
    const notices = mails.filter(
      (m) =>
        m.subject?.includes(opened.ticketNumber) &&
        (m.to as { text: string }).text === 'streets-escalations@city.test',
    );
    expect(notices.map((m) => m.subject)).toEqual([
      `Overdue: ${opened.ticketNumber} (Pothole), Streets & Sanitation`,
    ]);
    const [notice] = notices;
    expect((notice.to as { text: string }).text).toBe('streets-escalations@city.test');
    expect(notice.text).toMatch(
      new RegExp(
        `Request ${opened.ticketNumber} \\(Pothole\\) of Streets & Sanitation was due Dec 7, 2026, 2:30\\sPM UTC and is still open`,
      ),
    );
    expect(notice.text).toContain('https://staff.example.test/overdue?departmentCode=streets');
    const raw = `${notice.subject} ${notice.text} ${notice.html || ''}`;
    for (const personal of ['Ottilie', 'Quennell', 'ottilie.quennell', citizenId]) {
      expect(raw).not.toContain(personal);
    }
    const recorded = await settled(opened.caseId, 2);
    expect(recorded.map((d) => [d.template, d.status, d.citizenId]).sort()).toEqual([
      ['CASE_OVERDUE', 'SENT', null],
      ['CASE_RECEIVED', 'SENT', citizenId],
    ]);
    expect(await deliveries(unmailed.caseId)).toEqual([]);
  });

  it('tells the reporter once that their case was assigned: routing opening it (NEW -> OPEN) is no second message', async () => {
    const citizenId = await resident({ firstName: 'Ada', email: 'ada@example.org' });
    const { caseId, ticketNumber } = await openCase(citizenId);
    const ref = { caseId, ticketNumber };
    await citizens.publish(CaseRouted, aCaseRouted().forCase(ref).build());
    // What cases emits when it records that routing: the case is open work now.
    const changed = aStatusChanged().forCase(ref).forService('pothole');
    await citizens.publish(StatusChanged, changed.from(CaseStatus.NEW).to(CaseStatus.OPEN).build());
    // A later change on the same consumer: once it is handled, the one before it was too.
    await citizens.publish(
      StatusChanged,
      changed.from(CaseStatus.OPEN).to(CaseStatus.IN_PROGRESS).build(),
    );

    await settled(caseId, 3);
    const hers = mails.filter((m) => m.text?.includes(ticketNumber));
    expect(hers.map((m) => m.subject).sort()).toEqual(
      [
        `We received your request ${ticketNumber}`,
        `Your request ${ticketNumber} has been assigned`,
        `Your request ${ticketNumber} is now in progress`,
      ].sort(),
    );
  });

  it('writes to a Spanish speaker in Spanish', async () => {
    const citizenId = await resident({
      firstName: 'Lucía',
      email: 'lucia@example.org',
      preferredLanguage: 'es-MX',
    });
    const { caseId, ticketNumber } = await openCase(citizenId);
    const [row] = await settled(caseId, 1);
    expect(row).toMatchObject({ template: 'CASE_RECEIVED', language: 'es', status: 'SENT' });
    const mail = mails.find((m) => m.text?.includes(ticketNumber));
    expect(mail?.subject).toBe(`Hemos recibido su solicitud ${ticketNumber}`);
  });

  it('texts a resident who gave only a phone number, through the SMS webhook', async () => {
    const citizenId = await resident({ firstName: 'Ravi', phone: '(212) 555-0199' });
    const { caseId, ticketNumber } = await openCase(citizenId);
    const [row] = await settled(caseId, 1);
    expect(row).toMatchObject({ channel: 'SMS', status: 'SENT', attempts: 1 });
    expect(texts.find((t) => t.body.includes(ticketNumber))).toEqual({
      to: '+12125550199',
      body: `Civitas 311: Thank you. Your request ${ticketNumber} has been received. We will keep you informed.`,
    });
  });

  it('tells of a routing that overtook the opening, after "received"', async () => {
    const citizenId = await resident({ firstName: 'Ada', email: 'ada@example.org' });
    const opened = aCaseOpened().reportedBy(citizenId).build();
    const { caseId } = opened;
    await citizens.publish(CaseRouted, aCaseRouted().forCase(opened).toDepartment('parks').build());
    await waitFor(
      async () =>
        (
          (await citizens.app
            .get(DataSource)
            .query('SELECT 1 FROM notification_held_moment WHERE case_id = $1', [
              caseId,
            ])) as unknown[]
        ).length === 1,
      { what: 'the routing held until the case is opened' },
    );
    await citizens.publish(CaseOpened, opened);
    const rows = await settled(caseId, 2);
    expect(rows.map((d) => [d.template, d.status])).toEqual([
      ['CASE_RECEIVED', 'SENT'],
      ['CASE_ROUTED', 'SENT'],
    ]);
  });

  it('respects a withdrawn consent: told by SMS instead of the e-mail they refused', async () => {
    const citizenId = await resident({
      firstName: 'Mei',
      email: 'mei@example.org',
      phone: '(212) 555-0142',
    });
    await withdrawEmailUpdates(citizenId, 'PHONE');
    const { caseId, ticketNumber } = await openCase(citizenId);
    const [row] = await settled(caseId, 1);
    expect(row).toMatchObject({ channel: 'SMS', status: 'SENT' });
    expect(texts.some((t) => t.to === '+12125550142' && t.body.includes(ticketNumber))).toBe(true);
    expect(mails.some((m) => m.text?.includes(ticketNumber))).toBe(false);
  });

  it('tells a reporter on the e-mail they reported with until they say no, then stops', async () => {
    const citizenId = await resident({ firstName: 'Noor', email: 'noor@example.org' });
    const { caseId, ticketNumber } = await openCase(citizenId);
    expect(await settled(caseId, 1)).toEqual([
      expect.objectContaining({ template: 'CASE_RECEIVED', channel: 'EMAIL', status: 'SENT' }),
    ]);
    await withdrawEmailUpdates(citizenId, 'EMAIL');
    await citizens.publish(
      StatusChanged,
      aStatusChanged().forCase({ caseId, ticketNumber }).to(CaseStatus.CLOSED).build(),
    );
    const rows = await settled(caseId, 2);
    expect(rows[1]).toMatchObject({
      template: 'CASE_CLOSED',
      status: 'SKIPPED',
      lastError: 'no contact point the resident agreed to be told on',
    });
    expect(mails.filter((m) => m.text?.includes(ticketNumber)).map((m) => m.subject)).toEqual([
      `We received your request ${ticketNumber}`,
    ]);
  });

  it('tells the reporter of a duplicate that it was closed as one, on the contact they reported with', async () => {
    const citizenId = await resident({ firstName: 'Dana', phone: '(212) 555-0171' });
    const { caseId, ticketNumber } = await openCase(citizenId);
    await citizens.publish(
      StatusChanged,
      aStatusChanged()
        .forCase({ caseId, ticketNumber })
        .forService('pothole')
        .asDuplicateOf('SR-2026-0000101')
        .build(),
    );
    const rows = await settled(caseId, 2);
    expect(rows.map((d) => [d.template, d.channel, d.status])).toEqual([
      ['CASE_RECEIVED', 'SMS', 'SENT'],
      ['CASE_CLOSED', 'SMS', 'SENT'],
    ]);
    expect(texts.filter((t) => t.body.includes(ticketNumber)).map((t) => t.to)).toEqual([
      '+12125550171',
      '+12125550171',
    ]);
  });

  it('tells the reporters following a case (its confirmed duplicates) when it changes and closes, each in their language, asking them nothing (docs/adr/0063)', async () => {
    const parentReporter = await resident({ firstName: 'Olu', email: 'olu@example.org' });
    const parent = await openCase(parentReporter);
    const followerReporter = await resident({
      firstName: 'Nuria',
      email: 'nuria@example.org',
      preferredLanguage: 'es',
    });
    const follower = await openCase(followerReporter);
    const anonymous = await openCase(null);
    await citizens.publish(
      StatusChanged,
      aStatusChanged().forCase(follower).asDuplicateOf(parent.ticketNumber).build(),
    );
    await settled(follower.caseId, 2);

    await citizens.publish(
      StatusChanged,
      aStatusChanged()
        .forCase(parent)
        .from(CaseStatus.OPEN)
        .to(CaseStatus.IN_PROGRESS)
        .withFollowers(follower.caseId, anonymous.caseId)
        .build(),
    );
    await citizens.publish(
      StatusChanged,
      aStatusChanged()
        .forCase(parent)
        .from(CaseStatus.IN_PROGRESS)
        .to(CaseStatus.CLOSED)
        .withFollowers(follower.caseId, anonymous.caseId)
        .build(),
    );
    const theirs = await settled(follower.caseId, 4);
    expect(theirs.map((d) => [d.template, d.language, d.status, d.citizenId])).toEqual([
      ['CASE_RECEIVED', 'es', 'SENT', followerReporter],
      ['CASE_CLOSED', 'es', 'SENT', followerReporter],
      ['FOLLOWED_STATUS_CHANGED', 'es', 'SENT', followerReporter],
      ['FOLLOWED_CASE_CLOSED', 'es', 'SENT', followerReporter],
    ]);
    const toldOfParent = mails.filter(
      (m) =>
        (m.to as { text: string }).text === 'nuria@example.org' &&
        m.subject?.includes(parent.ticketNumber),
    );
    expect(toldOfParent.map((m) => m.subject)).toEqual(
      expect.arrayContaining([
        `La solicitud a la que se unió su reporte, ${parent.ticketNumber}, está ahora en curso`,
        `La solicitud a la que se unió su reporte, ${parent.ticketNumber}, está cerrada`,
      ]),
    );
    expect(toldOfParent.some((m) => m.text?.includes('satisfecho'))).toBe(false);
    // The parent's own reporter is told as before, survey and all; the anonymous follower, never.
    expect((await settled(parent.caseId, 3)).map((d) => d.template)).toEqual([
      'CASE_RECEIVED',
      'STATUS_CHANGED',
      'CASE_CLOSED',
    ]);
    expect(await deliveries(anonymous.caseId)).toEqual([]);
  });

  it('asks the one satisfaction question in a closure notice, in their language, with a link cases can check; not for a duplicate', async () => {
    const citizenId = await resident({
      firstName: 'Inés',
      email: 'ines@example.org',
      preferredLanguage: 'es',
    });
    const { caseId, ticketNumber } = await openCase(citizenId);
    await citizens.publish(
      StatusChanged,
      aStatusChanged().forCase({ caseId, ticketNumber }).to(CaseStatus.CLOSED).build(),
    );
    const [, closing] = await settled(caseId, 2);
    expect(closing).toMatchObject({ template: 'CASE_CLOSED', status: 'SENT', language: 'es' });
    const mail = mails.find((m) => m.subject === `Su solicitud ${ticketNumber} está cerrada`);
    const link =
      /¿Qué tan satisfecho está con cómo la atendimos\? Una pregunta, de 1 a 5: (\S+)/.exec(
        mail?.text ?? '',
      )?.[1];
    expect(link).toBeDefined();
    const url = new URL(link!);
    expect(`${url.origin}${url.pathname}`).toBe('https://311.example.test/survey');
    expect(url.searchParams.get('lang')).toBe('es');
    // Signed with the keys cases checks: one link per notice, about this case, for 30 days.
    const checked = surveyLinkSigner(TEST_SURVEY_TOKEN_KEYS).verify(
      url.searchParams.get('token')!,
      new Date(),
    );
    expect(checked).toEqual({
      ok: true,
      claims: { lid: closing.id, cid: caseId, exp: expect.any(Number) },
    });
    const days = ((checked.ok ? checked.claims.exp : 0) * 1000 - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);

    // A case closed as a duplicate was not worked: its reporter is told, and not asked.
    const duplicate = await openCase(citizenId);
    await citizens.publish(
      StatusChanged,
      aStatusChanged().forCase(duplicate).asDuplicateOf(ticketNumber).build(),
    );
    await settled(duplicate.caseId, 2);
    const told = mails.find(
      (m) => m.subject === `Su solicitud ${duplicate.ticketNumber} está cerrada`,
    );
    expect(told?.text).toContain(`Su solicitud ${duplicate.ticketNumber} ha sido cerrada.`);
    expect(told?.text).not.toContain('satisfecho');
  });

  it('notifies no one about an anonymous report', async () => {
    const anonymous = await openCase(null);
    await citizens.publish(
      StatusChanged,
      aStatusChanged().forCase(anonymous).from(CaseStatus.NEW).to(CaseStatus.OPEN).build(),
    );
    const ds = citizens.app.get(DataSource);
    await waitFor(
      async () =>
        (
          (await ds.query('SELECT citizen_id FROM notification_subscription WHERE case_id = $1', [
            anonymous.caseId,
          ])) as { citizen_id: string | null }[]
        )[0]?.citizen_id === null,
      { what: 'the anonymous case seen' },
    );
    expect(await deliveries(anonymous.caseId)).toEqual([]);
  });

  it('notifies no one about imported history, then or later', async () => {
    const citizenId = await resident({ firstName: 'Old', email: 'history@example.org' });
    // History travels in batches citizens does not subscribe to (ADR 0022), even one naming a
    // resident; staff closing the imported case later is a live event about a case never opened here.
    const history = aCaseOpened().reportedBy(citizenId).imported().build();
    await citizens.publish(HistoryOpened, aHistoryOpened().of(history).build());
    await citizens.publish(
      HistoryRouted,
      aHistoryRouted().of(aCaseRouted().forCase(history).imported(history.legacy!)).build(),
    );
    await citizens.publish(
      StatusChanged,
      aStatusChanged().forCase(history).to(CaseStatus.CLOSED).forService('pothole').build(),
    );
    // A live case published after both: once it is told, the history before it was handled.
    const live = await openCase(citizenId);
    await settled(live.caseId, 1);
    await waitFor(async () => mails.some((m) => m.text?.includes(live.ticketNumber)), {
      what: 'the live case mail',
    });
    const closed = await citizens.query<{ notifications: Delivery[] }>(
      `query($caseId: ID!) { notifications(caseId: $caseId) { id } }`,
      { caseId: history.caseId },
      STAFF,
    );
    expect(closed.data?.notifications).toEqual([]);
    expect(mails.some((m) => m.text?.includes(history.ticketNumber))).toBe(false);
  });

  /** As cases emits them when staff work a case (`changeCaseStatus`, `addCaseNote`). */
  const staffClosed = (caseId: string, ticketNumber: string) =>
    citizens.publish(
      StatusChanged,
      aStatusChanged()
        .forCase({ caseId, ticketNumber })
        .from(CaseStatus.IN_PROGRESS)
        .to(CaseStatus.CLOSED)
        .forService('pothole')
        .build(),
    );
  const noteAdded = (caseId: string, ticketNumber: string, visibility: 'PUBLIC' | 'INTERNAL') =>
    citizens.publish(
      NoteAdded,
      aNoteAdded().forCase({ caseId, ticketNumber }).visible(visibility).by('cw-streets').build(),
    );

  it('tells the reporter of a public note and of a closure by staff, in their language; never of an internal note', async () => {
    const ines = await resident({
      firstName: 'Inés',
      email: 'ines@example.org',
      preferredLanguage: 'es',
    });
    const tom = await resident({ firstName: 'Tom', email: 'tom@example.org' });
    const hers = await openCase(ines);
    const his = await openCase(tom);
    for (const c of [hers, his]) {
      await noteAdded(c.caseId, c.ticketNumber, 'INTERNAL');
      await noteAdded(c.caseId, c.ticketNumber, 'PUBLIC');
      await staffClosed(c.caseId, c.ticketNumber);
    }
    for (const [c, language] of [
      [hers, 'es'],
      [his, 'en'],
    ] as const) {
      const rows = await settled(c.caseId, 3);
      expect(rows.map((d) => [d.template, d.status, d.language])).toEqual(
        expect.arrayContaining([
          ['CASE_RECEIVED', 'SENT', language],
          ['PUBLIC_NOTE', 'SENT', language],
          ['CASE_CLOSED', 'SENT', language],
        ]),
      );
    }
    const subjects = (ticket: string) =>
      mails
        .filter((m) => m.text?.includes(ticket))
        .map((m) => m.subject)
        .sort();
    expect(subjects(hers.ticketNumber)).toEqual(
      [
        `Hemos recibido su solicitud ${hers.ticketNumber}`,
        `Novedades sobre su solicitud ${hers.ticketNumber}`,
        `Su solicitud ${hers.ticketNumber} está cerrada`,
      ].sort(),
    );
    expect(subjects(his.ticketNumber)).toEqual(
      [
        `We received your request ${his.ticketNumber}`,
        `An update on your request ${his.ticketNumber}`,
        `Your request ${his.ticketNumber} is closed`,
      ].sort(),
    );
  });

  it('erasing a resident removes them from every notification table, and they are not told again', async () => {
    // Values long and odd enough that ciphertext cannot hold them by chance (plaintextFound).
    const contact = {
      firstName: 'Zeldamarisa',
      lastName: 'Okonkwo-Brandt',
      email: 'zeldamarisa.ob@example.org',
      phone: '(212) 555-0123',
    };
    const zelda = await resident(contact);
    const first = await openCase(zelda);
    const second = await openCase(zelda);
    await noteAdded(first.caseId, first.ticketNumber, 'PUBLIC');
    await settled(first.caseId, 2);
    await settled(second.caseId, 1);
    const ds = citizens.app.get(DataSource);
    const tables = [
      'notification_delivery',
      'notification_subscription',
      'notification_held_moment',
    ];
    const dump = async () => {
      const all: unknown[] = [];
      for (const table of tables) {
        all.push(await ds.query(`SELECT * FROM ${table}`));
      }
      return JSON.stringify(all);
    };
    expect(await dump()).toContain(zelda);

    const erased = await citizens.query(
      'mutation($id: ID!) { eraseCitizen(id: $id, reason: "asked by letter") { erasedAt } }',
      { id: zelda },
      ADMIN,
    );
    expect(erased.errors).toBeUndefined();
    const left = await dump();
    expect(left).not.toContain(zelda);
    expect(
      plaintextFound(left, [
        'zeldamarisa',
        'okonkwo-brandt',
        'zeldamarisa.ob@example.org',
        '(212) 555-0123',
        '+12125550123',
      ]),
    ).toEqual([]);
    expect(await deliveries(first.caseId)).toEqual([]);
    expect(
      await ds.query('SELECT citizen_id FROM notification_subscription WHERE case_id = ANY($1)', [
        [first.caseId, second.caseId],
      ]),
    ).toEqual([{ citizen_id: null }, { citizen_id: null }]);

    // Later news about her cases, and a case of hers that reaches citizens only now: nobody told.
    await staffClosed(second.caseId, second.ticketNumber);
    const late = await openCase(zelda);
    const marker = await openCase(await resident({ firstName: 'Mark', email: 'mark@example.org' }));
    await staffClosed(marker.caseId, marker.ticketNumber);
    await settled(marker.caseId, 2);
    expect(await dump()).not.toContain(zelda);
    expect(await deliveries(second.caseId)).toEqual([]);
    expect(await deliveries(late.caseId)).toEqual([]);
  });

  it('retries a refused e-mail with back-off, then reports it failed to supervisors without the address', async () => {
    const citizenId = await resident({ firstName: 'Bo', email: 'bo@bounce.test' });
    const { caseId } = await openCase(citizenId);
    const [row] = await settled(caseId, 1);
    expect(row).toMatchObject({ status: 'FAILED', attempts: 3, sentAt: null });
    expect(row.lastError).toContain('451');
    expect(row.lastError).not.toContain('bo@bounce.test');
    expect(rejectedRcpt.filter((a) => a === 'bo@bounce.test')).toHaveLength(3);

    const failed = await citizens.query<{ failedNotifications: Delivery[] }>(
      `{ failedNotifications { ${FIELDS} } }`,
      {},
      SUPERVISOR,
    );
    expect(failed.data!.failedNotifications.map((d) => d.id)).toContain(row.id);
    const refused = await citizens.query(`{ failedNotifications { id } }`, {}, STAFF);
    expect(errorCodes(refused)).toContain('FORBIDDEN');
  });

  it('refuses a case id that is not a UUID, naming the field', async () => {
    const res = await citizens.query(`{ notifications(caseId: "SR-1") { id } }`, {}, STAFF);
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors?.[0].message).toContain('caseId');
  });

  it('keeps no address in the delivery records, and its schema matches the migrations', async () => {
    const ds = new DataSource(serviceDataSourceOptions(CITIZENS, citizens.config));
    await ds.initialize();
    try {
      const dump = JSON.stringify(await ds.query('SELECT * FROM notification_delivery'));
      expect(dump).not.toMatch(/example\.org|bounce\.test|2125550|555-01/);
      expect(await pendingSchemaDrift(ds)).toEqual([]);
    } finally {
      await ds.destroy();
    }
  });
  describe('during quiet hours', () => {
    let quiet: ServiceHarness<CitizensConfig>;
    const hour = new Date().getUTCHours();
    const end = (hour + 2) % 24;

    beforeAll(async () => {
      quiet = await startServiceHarness({
        ...CITIZENS_APP,
        env: {
          NOTIFY_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
          SMS_WEBHOOK_URL: `http://127.0.0.1:${smsPort}/sms`,
          // Quiet from this hour for two hours, in UTC: now is inside them.
          QUIET_HOURS: `${hour}-${end}`,
          NOTIFY_TIME_ZONE: 'UTC',
          NOTIFY_POLL_MS: '100',
        },
      });
    });

    afterAll(() => quiet?.dispose());

    it('holds an SMS until the quiet hours end, and still e-mails at once', async () => {
      const texter = await resolvedBy(quiet, { firstName: 'Night', phone: '(212) 555-0177' });
      const writer = await resolvedBy(quiet, { firstName: 'Owl', email: 'owl@example.org' });
      const open = async (reporterId: string) => {
        const opened = aCaseOpened().reportedBy(reporterId).build();
        await quiet.publish(CaseOpened, opened);
        return opened.caseId;
      };
      const smsCase = await open(texter);
      const mailCase = await open(writer);
      const list = (caseId: string) =>
        quiet
          .query<{ notifications: Delivery[] }>(
            `query($caseId: ID!) { notifications(caseId: $caseId) { ${FIELDS} } }`,
            { caseId },
            STAFF,
          )
          .then((r) => r.data!.notifications);
      const [mailed] = await waitFor(
        async () => {
          const rows = await list(mailCase);
          return rows[0]?.status === 'SENT' && rows;
        },
        { what: 'the e-mail sent despite quiet hours' },
      );
      expect(mailed.channel).toBe('EMAIL');
      const [held] = await waitFor(async () => {
        const rows = await list(smsCase);
        return rows.length === 1 && rows;
      });
      const expected = new Date();
      expected.setUTCHours(end, 0, 0, 0);
      if (expected <= new Date()) {
        expected.setUTCDate(expected.getUTCDate() + 1);
      }
      expect(held).toMatchObject({ channel: 'SMS', status: 'QUEUED', attempts: 0 });
      expect(new Date(held.nextAttemptAt!).toISOString()).toBe(expected.toISOString());
      expect(texts.some((t) => t.to === '+12125550177')).toBe(false);
    });
  });

  describe('in the order things happened, whichever consumer hears first (docs/adr/0083)', () => {
    let ordered: ServiceHarness<CitizensConfig>;

    beforeAll(async () => {
      ordered = await startServiceHarness({
        ...CITIZENS_APP,
        env: {
          NOTIFY_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
          QUIET_HOURS: 'none',
          NOTIFY_POLL_MS: '100',
          NOTIFY_SETTLE_MS: '4000',
        },
      });
    });

    afterAll(() => ordered?.dispose());

    /** An event as its owner would publish it, said to have happened `agoMs` before now. */
    function happened<P extends object>(
      contract: { owner: Parameters<typeof createEnvelope>[0]; subject: string },
      payload: P,
      agoMs: number,
    ) {
      const envelope = createEnvelope(contract.owner, contract.subject, payload);
      return { envelope: { ...envelope, occurredAt: new Date(Date.now() - agoMs).toISOString() } };
    }

    it('e-mails "assigned" before "closed" when the closure reaches citizens first', async () => {
      const citizenId = await resolvedBy(ordered, { firstName: 'Lin', email: 'lin@example.org' });
      const opened = aCaseOpened().reportedBy(citizenId).build();
      const ref = { caseId: opened.caseId, ticketNumber: opened.ticketNumber };
      await ordered.publish(CaseOpened, opened, happened(CaseOpened, opened, 10_000));
      const list = () =>
        ordered
          .query<{ notifications: Delivery[] }>(
            `query($caseId: ID!) { notifications(caseId: $caseId) { ${FIELDS} } }`,
            { caseId: ref.caseId },
            STAFF,
          )
          .then((r) => r.data!.notifications);
      await waitFor(async () => (await list())[0]?.status === 'SENT', {
        what: '"received" sent',
      });

      // The case was routed, then closed a second later; the closure's consumer hears of it first.
      const closed = aStatusChanged()
        .forCase(ref)
        .from(CaseStatus.OPEN)
        .to(CaseStatus.CLOSED)
        .build();
      await ordered.publish(StatusChanged, closed, happened(StatusChanged, closed, 0));
      await waitFor(async () => (await list()).some((d) => d.template === 'CASE_CLOSED'), {
        what: 'the closure recorded',
      });
      const routed = aCaseRouted().forCase(ref).build();
      await ordered.publish(CaseRouted, routed, happened(CaseRouted, routed, 1_000));

      const rows = await waitFor(
        async () => {
          const all = await list();
          return all.length === 3 && all.every((d) => d.status === 'SENT') && all;
        },
        { what: 'three messages sent' },
      );
      const bySending = [...rows].sort((a, b) => a.sentAt!.localeCompare(b.sentAt!));
      expect(bySending.map((d) => d.template)).toEqual([
        'CASE_RECEIVED',
        'CASE_ROUTED',
        'CASE_CLOSED',
      ]);
      expect(mails.filter((m) => m.text?.includes(ref.ticketNumber)).map((m) => m.subject)).toEqual(
        [
          `We received your request ${ref.ticketNumber}`,
          `Your request ${ref.ticketNumber} has been assigned`,
          `Your request ${ref.ticketNumber} is closed`,
        ],
      );
    });
  });

  describe('in development, without an SMTP server', () => {
    let dev: ServiceHarness<CitizensConfig>;
    let outbox: string;

    beforeAll(async () => {
      outbox = join(await mkdtemp(join(tmpdir(), 'citizens-outbox-')), 'outbox-notifications');
      dev = await startServiceHarness({
        ...CITIZENS_APP,
        env: { NOTIFY_OUTBOX_DIR: outbox, QUIET_HOURS: 'none', NOTIFY_POLL_MS: '100' },
      });
    });

    afterAll(async () => {
      await dev?.dispose();
      await rm(join(outbox, '..'), { recursive: true, force: true });
    });

    it('writes each e-mail as a file only the service can read, and deletes an erased resident’s', async () => {
      const erased = await resolvedBy(dev, {
        firstName: 'Quilla',
        email: 'quilla.dev@example.org',
      });
      const kept = await resolvedBy(dev, { firstName: 'Rowan', email: 'rowan.dev@example.org' });
      for (const reporter of [erased, kept]) {
        await dev.publish(CaseOpened, aCaseOpened().reportedBy(reporter).build());
      }
      const files = async () => (await readdir(outbox).catch(() => [] as string[])).sort();
      const written = await waitFor(
        async () => {
          const now = await files();
          return [erased, kept].every((id) => now.some((f) => f.startsWith(`${id}.`))) && now;
        },
        { what: 'both residents e-mailed to files' },
      );
      expect((await stat(outbox)).mode & 0o777).toBe(0o700);
      for (const file of written) {
        expect((await stat(join(outbox, file))).mode & 0o777).toBe(0o600);
      }

      const res = await dev.query(
        'mutation($id: ID!) { eraseCitizen(id: $id, reason: "asked by letter") { erasedAt } }',
        { id: erased },
        ADMIN,
      );
      expect(res.errors).toBeUndefined();
      const left = await files();
      expect(left.length).toBeGreaterThan(0);
      expect(left.every((f) => f.startsWith(`${kept}.`))).toBe(true);
    });
  });
});
