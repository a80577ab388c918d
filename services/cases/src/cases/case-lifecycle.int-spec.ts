import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import {
  CaseOpened,
  CaseRouted,
  ResolveIdentity,
  StatusChanged,
  SubmissionAccepted,
  type Envelope,
  type StatusChangedV1,
} from '@civitas/contracts';
import { JsonLogger } from '@civitas/observability';
import {
  aCaseRouted,
  aSubmissionAccepted,
  gatewayHeaders,
  nextMatching,
  openSealedTestContact,
  probeConsumer,
  servedAndCommittedSdl,
  startServiceHarness,
  waitFor,
  type ServiceHarness,
} from '@civitas/testing';
import { pendingSchemaDrift } from '@civitas/persistence';
import { CASES_APP } from '../app.module.js';
import type { CasesConfig } from '../config/cases.config.js';

const TRACK = `query Track($t: String!) {
  caseByTicket(ticketNumber: $t) { id ticketNumber status priority dueAt channel service { code } timeline { kind visibility } }
}`;

interface Tracked {
  caseByTicket: {
    id: string;
    status: string;
    priority: string | null;
    dueAt: string | null;
    timeline: { kind: string }[];
  } | null;
}

/** A web report of a pothole in lower Manhattan, anonymous unless a step says otherwise. */
const submission = () => aSubmissionAccepted().at({ latitude: 40.71, longitude: -74.0 });

describe('cases: opening and routing cases from events', () => {
  let cases: ServiceHarness<CasesConfig>;
  let stopCitizens: () => Promise<void>;
  const resolved: string[] = [];

  const citizens = () =>
    cases.respondAs(ResolveIdentity, async ({ sealedContact }) => {
      resolved.push(openSealedTestContact(sealedContact)?.email ?? sealedContact ?? '');
      return { citizenId: '00000000-0000-4000-8000-000000000001', match: 'EMAIL' };
    });

  beforeAll(async () => {
    cases = await startServiceHarness(CASES_APP);
    stopCitizens = citizens();
  });

  // Drops the database (restarts included reuse it), the namespace's streams and the citizens stand-in.
  afterAll(async () => {
    await cases?.dispose();
  });

  const rows = (sql: string, params: unknown[] = []) => cases.database.rows(sql, params);

  const tracked = (ticket: string, until: (c: NonNullable<Tracked['caseByTicket']>) => boolean) =>
    waitFor(
      async () => {
        const found = (await cases.query<Tracked>(TRACK, { t: ticket })).data?.caseByTicket;
        return found && until(found) ? found : undefined;
      },
      { what: `case ${ticket}` },
    );

  it('opens a case for an accepted submission, resolves the reporter, and emits case-opened', async () => {
    const opened = await cases.probe(CaseOpened);
    const s = submission()
      .withReporter({ email: 'ana@example.org' })
      .withAttributes({ lane: 'bus', hazards: ['glass', 'water'] })
      .build();
    await cases.publish(SubmissionAccepted, s);
    const found = await tracked(s.ticketNumber, () => true);
    expect(found.status).toBe('NEW');
    expect(resolved).toContain('ana@example.org');
    const event = await nextMatching<{
      payload: { ticketNumber: string; reporterId: string; attributes?: unknown };
    }>(opened, (b) => b.payload.ticketNumber === s.ticketNumber);
    expect(event.payload.reporterId).toBe('00000000-0000-4000-8000-000000000001');
    // Routing rules may match on the answers (docs/adr/0055).
    expect(event.payload.attributes).toEqual({ lane: 'bus', hazards: ['glass', 'water'] });
    // Cases keeps a citizen id, never the person.
    expect(
      JSON.stringify(await rows('SELECT * FROM service_case WHERE id = $1', [found.id])),
    ).not.toContain('ana@example.org');
  });

  it('hands a sealed reporter to citizens as it came, without reading it (docs/adr/0023)', async () => {
    const sealed = 'v1:dev1:aXYtaXYtaXYt:dGFnLXRhZy10YWc:c2VhbGVkLWNvbnRhY3Q';
    const s = submission().withReporterSealed(sealed).build();
    await cases.publish(SubmissionAccepted, s);
    const found = await tracked(s.ticketNumber, () => true);
    expect(resolved).toContain(sealed);
    expect(await rows('SELECT reporter_id FROM service_case WHERE id = $1', [found.id])).toEqual([
      { reporter_id: '00000000-0000-4000-8000-000000000001' },
    ]);
  });

  it('records routing: department, priority, due time, status OPEN, on the timeline', async () => {
    const s = submission().build();
    await cases.publish(SubmissionAccepted, s);
    const found = await tracked(s.ticketNumber, () => true);
    const dueAt = new Date(Date.now() + 72 * 3_600_000).toISOString();
    await cases.publish(
      CaseRouted,
      aCaseRouted()
        .forCase({ caseId: found.id, ticketNumber: s.ticketNumber })
        .toDepartment('streets', 'streets.general')
        .due(dueAt)
        .build(),
    );
    const routed = await tracked(s.ticketNumber, (c) => c.status === 'OPEN');
    expect(routed.priority).toBe('NORMAL');
    expect(routed.dueAt).toBe(dueAt);
    // Routing opens the case: a status change like any other, on the timeline (docs/adr/0028).
    expect(routed.timeline.map((t) => t.kind)).toEqual(['OPENED', 'ROUTED', 'STATUS_CHANGED']);
  });

  it('opens a routed case as a status change: status-changed NEW -> OPEN, a public timeline entry, once', async () => {
    const changes = await cases.probe(StatusChanged);
    const s = submission().build();
    await cases.publish(SubmissionAccepted, s);
    const found = await tracked(s.ticketNumber, () => true);
    const routing = aCaseRouted()
      .forCase({ caseId: found.id, ticketNumber: s.ticketNumber })
      .toDepartment('streets', 'streets.general')
      .build();
    await cases.publish(CaseRouted, routing);

    const event = await nextMatching<Envelope<StatusChangedV1>>(
      changes,
      (e) => e.payload.ticketNumber === s.ticketNumber,
    );
    expect(event.payload).toMatchObject({
      caseId: found.id,
      from: 'NEW',
      to: 'OPEN',
      serviceCode: 'pothole',
    });
    expect(Date.parse(event.payload.changedAt)).toBeGreaterThan(Date.parse(routing.routedAt));
    expect(
      await rows(
        'SELECT kind, visibility, summary, author FROM timeline_entry WHERE case_id = $1 ORDER BY at',
        [found.id],
      ),
    ).toEqual([
      { kind: 'OPENED', visibility: 'PUBLIC', summary: 'Received via WEB', author: null },
      {
        kind: 'ROUTED',
        visibility: 'PUBLIC',
        summary: 'Assigned to streets with priority NORMAL',
        author: null,
      },
      {
        kind: 'STATUS_CHANGED',
        visibility: 'PUBLIC',
        summary: 'Status changed to open',
        author: null,
      },
    ]);

    // Routing again (a new decision) reassigns an open case without a second status change.
    await cases.publish(CaseRouted, {
      ...routing,
      departmentCode: 'parks',
      routedAt: new Date().toISOString(),
    });
    await waitFor(
      async () =>
        (await rows('SELECT department_code FROM service_case WHERE id = $1', [found.id]))[0]
          ?.department_code === 'parks',
      { what: 'second routing recorded' },
    );
    expect(
      await rows(
        `SELECT envelope->'payload'->>'from' AS "from", envelope->'payload'->>'to' AS "to"
         FROM outbox WHERE subject = $1 AND envelope->'payload'->>'caseId' = $2`,
        [cases.naming.subject(StatusChanged.subject), found.id],
      ),
    ).toEqual([{ from: 'NEW', to: 'OPEN' }]);
  });

  it('records the district routing placed the case in, and serves it as the case’s district', async () => {
    const s = submission().at({ latitude: 40.7128, longitude: -74.006 }).build();
    const outside = submission().at({ latitude: 41.8781, longitude: -87.6298 }).build();
    for (const sub of [s, outside]) {
      await cases.publish(SubmissionAccepted, sub);
    }
    for (const [sub, districtCode] of [
      [s, 'lower-manhattan'],
      [outside, undefined],
    ] as const) {
      const found = await tracked(sub.ticketNumber, () => true);
      const routed = aCaseRouted()
        .forCase({ caseId: found.id, ticketNumber: sub.ticketNumber })
        .toDepartment('streets', 'streets.general');
      await cases.publish(
        CaseRouted,
        (districtCode ? routed.inDistrict(districtCode) : routed).build(),
      );
    }
    const district = async (ticket: string) => {
      await tracked(ticket, (c) => c.status === 'OPEN');
      const res = await cases.query<{ caseByTicket: { district: string | null } }>(
        'query($t: String!) { caseByTicket(ticketNumber: $t) { district } }',
        { t: ticket },
      );
      return res.data!.caseByTicket.district;
    };
    expect(await district(s.ticketNumber)).toBe('lower-manhattan');
    expect(await district(outside.ticketNumber)).toBeNull();
    expect(
      await rows('SELECT district_code FROM service_case WHERE ticket_number = ANY($1)', [
        [s.ticketNumber, outside.ticketNumber],
      ]),
    ).toEqual(
      expect.arrayContaining([{ district_code: 'lower-manhattan' }, { district_code: null }]),
    );
  });

  it('refuses a ticket number with a NUL as BAD_USER_INPUT naming the argument, not a database error', async () => {
    const res = await cases.query<Tracked>(TRACK, { t: 'SR-2026-\u00000000001' });
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors![0].extensions?.fields).toEqual([
      { field: 'ticketNumber', reason: expect.stringContaining('U+0000 NUL') },
    ]);
    expect(JSON.stringify(res.errors)).not.toMatch(/byte sequence|UTF8|SELECT/i);
  });

  it('a redelivered event does not repeat its effect', async () => {
    const s = submission().build();
    const envelope = await cases.publish(SubmissionAccepted, s);
    // The same envelope again under another message id: the stream keeps both, as after a relay crash.
    await cases.publish(SubmissionAccepted, s, { envelope, msgID: randomUUID() });
    await tracked(s.ticketNumber, () => true);
    await waitFor(
      async () =>
        (await rows('SELECT 1 FROM inbox WHERE message_id = $1', [envelope.id])).length === 1,
    );
    const marker = submission().build();
    await cases.publish(SubmissionAccepted, marker);
    await tracked(marker.ticketNumber, () => true); // processed in order: the duplicate came before it
    expect(
      await rows('SELECT id FROM service_case WHERE submission_id = $1', [s.submissionId]),
    ).toHaveLength(1);
    expect(
      await rows(`SELECT id FROM outbox WHERE envelope->'payload'->>'submissionId' = $1`, [
        s.submissionId,
      ]),
    ).toHaveLength(1);
  });

  it('a submission accepted while cases is stopped becomes exactly one case once it is back', async () => {
    await cases.stop();
    const s = submission().build();
    await cases.publish(SubmissionAccepted, s);
    await cases.start();
    await tracked(s.ticketNumber, () => true);
    expect(
      await rows('SELECT id FROM service_case WHERE submission_id = $1', [s.submissionId]),
    ).toHaveLength(1);
  });

  it('waits for citizens when it is not answering, without dead-lettering, and opens the case once it is back', async () => {
    await stopCitizens();
    const s = submission().withReporter({ email: 'later@example.org' }).build();
    await cases.publish(SubmissionAccepted, s);
    await new Promise((r) => setTimeout(r, 2500));
    expect(
      await rows('SELECT id FROM service_case WHERE submission_id = $1', [s.submissionId]),
    ).toHaveLength(0);
    stopCitizens = citizens();
    await tracked(s.ticketNumber, () => true);
  });

  it('sends an event that can never be valid to the dead-letter stream instead of dropping it', async () => {
    const dead = await probeConsumer(
      cases.nc,
      cases.naming.deadLetterStream(),
      cases.naming.deadLetterSubjects()[0],
    );
    const s = submission().build();
    // Published as if by cases: only intake may publish submission-accepted.
    await cases.publish(SubmissionAccepted, s, { as: 'cases' });
    const letter = await nextMatching<{ consumer: string; error: { message: string } }>(
      dead,
      (b) => b.consumer === 'cases-submission-accepted',
    );
    expect(letter.error.message).toContain('only intake publishes');
    expect(
      await rows('SELECT id FROM service_case WHERE submission_id = $1', [s.submissionId]),
    ).toHaveLength(0);
  });
  it('asks citizens once per submission when a failed batch is re-applied one by one, and logs why it failed (docs/adr/0032)', async () => {
    await cases.stop();
    // The database refuses one of the cases, as a constraint would: the batch holding it fails.
    await rows(`CREATE FUNCTION refuse_case() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.service_code = 'refused-by-test' THEN RAISE EXCEPTION 'case refused by the database'; END IF;
        RETURN NEW;
      END $$`);
    await rows(
      'CREATE TRIGGER refuse_case BEFORE INSERT ON service_case FOR EACH ROW EXECUTE FUNCTION refuse_case()',
    );
    const sealed = (i: number) =>
      `v1:dev1:aXYtaXYtaXYt:dGFnLXRhZy10YWc:${Buffer.from(`batch-${i}`).toString('base64url')}`;
    const batch = Array.from({ length: 6 }, (_, i) =>
      submission()
        .withReporterSealed(sealed(i))
        .forService(i === 3 ? 'refused-by-test' : 'pothole')
        .build(),
    );
    const dead = await probeConsumer(
      cases.nc,
      cases.naming.deadLetterStream(),
      cases.naming.deadLetterSubjects()[0],
    );
    // Waiting before cases is back: they arrive together and are applied as one batch.
    for (const s of batch) {
      await cases.publish(SubmissionAccepted, s);
    }
    const warn = jest.spyOn(JsonLogger.prototype, 'warn');
    try {
      await cases.start({ env: { BUS_MAX_DELIVER: '1' } });
      for (const s of batch.filter((_, i) => i !== 3)) {
        await tracked(s.ticketNumber, () => true);
      }
      await nextMatching<{ consumer: string; error: { message: string } }>(
        dead,
        (b) => b.consumer === 'cases-submission-accepted' && b.error.message.includes('refused'),
      );
      const asked = resolved.filter((r) => batch.some((_, i) => r === sealed(i)));
      expect(asked.sort()).toEqual(batch.map((_, i) => sealed(i)).sort());
      expect(warn.mock.calls.map(([message]) => message)).toContainEqual(
        expect.objectContaining({
          msg: 'batch failed; applying its events one by one',
          consumer: 'cases-submission-accepted',
          // A database error is logged by class and SQLSTATE, never by its text (docs/adr/0049).
          error: expect.objectContaining({ class: 'QueryFailedError', code: 'P0001' }),
        }),
      );
    } finally {
      warn.mockRestore();
      await rows('DROP TRIGGER refuse_case ON service_case');
      await rows('DROP FUNCTION refuse_case()');
    }
  });

  it('has migrations that match its entities', async () => {
    expect(await pendingSchemaDrift(await cases.database.dataSource())).toEqual([]);
  });

  it('serves the subgraph schema committed in services/cases/schema.graphql (run npm run schema after changing it)', async () => {
    const { served, committed, path } = await servedAndCommittedSdl(
      cases.url,
      gatewayHeaders(),
      'cases',
    );
    expect(committed).not.toBeNull();
    expect(served).toBe(committed);
    expect(path).toContain('cases');
  });
});
