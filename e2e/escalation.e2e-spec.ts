import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '@civitas/contracts';
import { aSubmitServiceRequestInput, queryRows, waitFor } from '@civitas/testing';
import { startE2ePlatform, type E2ePlatform, type RoutedReport } from './platform.js';

const SET_MAILBOX = `mutation($d: String!, $e: String) {
  setDepartmentEscalationEmail(departmentCode: $d, email: $e) { escalationEmail } }`;
const CASE = `query($t: String!) { caseByTicket(ticketNumber: $t) {
  priority sla { state } timeline { kind visibility } } }`;
const OVERDUE = `query($d: String) { overdueCases(departmentCode: $d) { ticketNumber priority } }`;
const FIGURES = `query($f: CaseStatsFilter) {
  caseStats(filter: $f, groupBy: [DEPARTMENT]) { key { department } received escalated } }`;

const MAILBOX = 'streets-escalations@city.test';
/** The timer's scan, short so a test need not wait the default 15 s (docs/adr/0058). */
const SCAN_MS = 300;

type Tracked = {
  caseByTicket: {
    priority: string;
    sla: { state: string } | null;
    timeline: { kind: string; visibility: string }[];
  } | null;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Issue 10's check "a case left open past its target is escalated exactly once, also with two
 * routing replicas and a restart in between", through the gateway on the launched platform (two
 * copies of every service, ADR 0073). A target is at least an hour, so the test stands in for the
 * hour passing: it moves a routed case's due time to a few seconds ahead, in routing's deadlines
 * (what the timer reads) and in cases' copy (what `Case.sla` and `overdueCases` read), as if the
 * case had been opened that much earlier. Everything after that is the platform's own doing.
 */
describe('escalation of a case left open past its target', () => {
  let e2e: E2ePlatform;
  let admin: string;
  let supervisor: string;

  beforeAll(async () => {
    e2e = await startE2ePlatform(
      { ESCALATION_SCAN_MS: String(SCAN_MS) },
      { replicas: 2, mailbox: true },
    );
    admin = await e2e.token(Role.Admin);
    supervisor = await e2e.token(Role.Supervisor, { departments: ['streets'] });
    const set = await e2e.call(SET_MAILBOX, { d: 'streets', e: MAILBOX }, admin);
    expect(set.errors).toBeUndefined();
  });

  afterAll(async () => {
    await e2e?.dispose();
  });

  const report = (street: string, latitude: number) =>
    aSubmitServiceRequestInput('pothole')
      .describedAs(`A deep pothole on ${street}`)
      .at({ latitude, longitude: -73.95, address: `1 ${street}` })
      .build();

  /** Moves the case's due time (and its at-risk point, a second before) to `dueAt`. */
  async function dueAt(routed: RoutedReport, at: Date): Promise<void> {
    const atRisk = new Date(at.getTime() - 1000);
    await queryRows(
      e2e.databaseUrlOf('routing'),
      `UPDATE sla_deadline SET due_at = CASE kind WHEN 'OVERDUE' THEN $2::timestamptz ELSE $3::timestamptz END
       WHERE case_id = $1 AND state = 'PENDING'`,
      [routed.caseId, at, atRisk],
    );
    await queryRows(
      e2e.databaseUrlOf('cases'),
      'UPDATE service_case SET due_at = $2, at_risk_at = $3 WHERE id = $1',
      [routed.caseId, at, atRisk],
    );
  }

  const tracked = async (routed: RoutedReport) => {
    const res = await e2e.call<Tracked>(CASE, { t: routed.ticketNumber }, admin);
    expect(res.errors).toBeUndefined();
    return res.data!.caseByTicket!;
  };
  const escalations = async (routed: RoutedReport) =>
    (await tracked(routed)).timeline.filter((t) => t.kind === 'ESCALATED');
  const overdueEvents = (routed: RoutedReport) =>
    e2e.count(
      'routing',
      `SELECT count(*) AS n FROM outbox
       WHERE subject LIKE '%case-overdue%' AND envelope->'payload'->>'caseId' = $1`,
      [routed.caseId],
    );
  const mailsAbout = (routed: RoutedReport) =>
    e2e.mails.filter((m) => m.subject?.startsWith(`Overdue: ${routed.ticketNumber} `));

  async function escalated(routed: RoutedReport): Promise<void> {
    await waitFor(async () => (await escalations(routed)).length > 0, {
      what: `case ${routed.ticketNumber} escalated`,
    });
  }

  it('escalates it once with two routing replicas scanning, and once when its due time passes while routing is down', async () => {
    expect(e2e.platform.instances('routing')).toEqual(['routing', 'routing-2']);
    const early = await e2e.submitRouted(report('Atlantic Avenue', 40.68));
    const whileDown = await e2e.submitRouted(report('Flatbush Avenue', 40.66));
    const inTime = await e2e.submitRouted(report('Court Street', 40.69));
    expect(early.departmentCode).toBe('streets');
    expect((await tracked(early)).priority).toBe('NORMAL');

    // Two replicas scanning the same deadlines: the first case's target passes.
    await dueAt(early, new Date(Date.now() + 2000));
    await escalated(early);
    const first = await tracked(early);
    expect(first.priority).toBe('HIGH');
    expect(first.sla?.state).toBe('OVERDUE');
    expect(first.timeline.filter((t) => t.kind === 'ESCALATED')).toEqual([
      { kind: 'ESCALATED', visibility: 'INTERNAL' },
    ]);

    // Every routing replica down: the second case's target passes meanwhile.
    await e2e.platform.stopService('routing-2');
    await e2e.platform.stopService('routing');
    await dueAt(whileDown, new Date(Date.now() + 500));
    await sleep(1500 + 2 * SCAN_MS);
    expect(await escalations(whileDown)).toEqual([]);
    expect((await tracked(whileDown)).priority).toBe('NORMAL');

    // Back, one replica then the other: it fires once, at the first scan.
    await e2e.platform.startService('routing');
    await e2e.platform.startService('routing-2');
    await escalated(whileDown);

    // Many scans later, by both replicas: still once each, and the case in time not at all.
    await waitFor(async () => mailsAbout(early).length > 0 && mailsAbout(whileDown).length > 0, {
      what: "the department's mailbox told of both overdue cases",
    });
    await sleep(10 * SCAN_MS);
    for (const routed of [early, whileDown]) {
      expect({
        ticket: routed.ticketNumber,
        escalations: (await escalations(routed)).length,
      }).toEqual({ ticket: routed.ticketNumber, escalations: 1 });
      expect({ ticket: routed.ticketNumber, events: await overdueEvents(routed) }).toEqual({
        ticket: routed.ticketNumber,
        events: 1,
      });
      expect(mailsAbout(routed).map((m) => m.to)).toEqual([
        expect.objectContaining({ text: MAILBOX }),
      ]);
      expect((await tracked(routed)).priority).toBe('HIGH');
    }
    expect(await escalations(inTime)).toEqual([]);
    expect(await overdueEvents(inTime)).toBe(0);

    // The department's supervisor sees both in overdueCases, and not the case still in time.
    const listed = await e2e.call<{ overdueCases: { ticketNumber: string; priority: string }[] }>(
      OVERDUE,
      { d: 'streets' },
      supervisor,
    );
    expect(listed.errors).toBeUndefined();
    expect(listed.data!.overdueCases.map((c) => c.ticketNumber).sort()).toEqual(
      [early.ticketNumber, whileDown.ticketNumber].sort(),
    );

    // The department's figures count each escalation once (docs/adr/0084).
    const figures = await waitFor(
      async () => {
        const res = await e2e.call<{
          caseStats: { key: { department: string }; received: number; escalated: number }[];
        }>(FIGURES, { f: { departmentCodes: ['streets'] } }, supervisor);
        expect(res.errors).toBeUndefined();
        const [row] = res.data!.caseStats;
        return row?.escalated === 2 && row;
      },
      { what: "analytics' figures counting both escalations" },
    );
    expect(figures).toMatchObject({ key: { department: 'streets' }, escalated: 2 });
  });
});
