import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Channel, Role } from '@civitas/contracts';
import {
  aChangeCaseStatusInput,
  anAddCaseNoteInput,
  aSubmitServiceRequestInput,
  errorCodes,
  waitFor,
} from '@civitas/testing';
import { startE2ePlatform, type E2ePlatform } from './platform.js';

const CHANGE = `mutation($i: ChangeCaseStatusInput!) { changeCaseStatus(input: $i) { status closedAt } }`;
const NOTE = `mutation($i: AddCaseNoteInput!) { addCaseNote(input: $i) { ticketNumber } }`;

/** A caseworker works a resident's report to closure through the gateway; everyone hears of it. */
describe('working a case to closure (whole platform through the gateway)', () => {
  let e2e: E2ePlatform;
  const tokens: Record<string, string> = {};

  const call = <T>(query: string, variables: Record<string, unknown>, who?: string) =>
    e2e.call<T>(query, variables, who && tokens[who]);

  beforeAll(async () => {
    // The reporter's mailbox: a real SMTP server on loopback.
    e2e = await startE2ePlatform({}, { mailbox: true });
    tokens.agent = await e2e.token(Role.Agent, { sub: 'agent-casework' });
    tokens.analyst = await e2e.token(Role.Analyst, { sub: 'analyst-casework' });
  });

  afterAll(async () => {
    await e2e?.dispose();
  });

  it('a caseworker of the department closes it; Open311, analytics and the reporter see it', async () => {
    const { ticketNumber: ticket, departmentCode: department } = await e2e.submitRouted(
      aSubmitServiceRequestInput('pothole')
        .describedAs('Deep pothole by the school gate')
        .via(Channel.WEB)
        .at({ latitude: 40.7128, longitude: -74.006, address: '12 School Lane' })
        .withReporter({ firstName: 'Priya', email: 'priya.casework@example.org' })
        .build(),
    );
    tokens.caseworker = await e2e.token(Role.Caseworker, {
      sub: 'cw-casework',
      departments: [department],
    });
    tokens.elsewhere = await e2e.token(Role.Caseworker, {
      sub: 'cw-elsewhere',
      departments: [`not-${department}`],
    });

    const byAgent = await call(
      CHANGE,
      { i: aChangeCaseStatusInput(ticket, 'CLOSED').withPublicNote('x').build() },
      'agent',
    );
    expect(errorCodes(byAgent)).toEqual(['FORBIDDEN']);
    const byOtherDepartment = await call(
      CHANGE,
      { i: aChangeCaseStatusInput(ticket, 'IN_PROGRESS').build() },
      'elsewhere',
    );
    expect(errorCodes(byOtherDepartment)).toEqual(['FORBIDDEN']);

    const started = await call(
      CHANGE,
      { i: aChangeCaseStatusInput(ticket, 'IN_PROGRESS').build() },
      'caseworker',
    );
    expect(started.errors).toBeUndefined();
    const note = await call(
      NOTE,
      { i: anAddCaseNoteInput(ticket, 'Asphalt ordered for Thursday').public().build() },
      'agent',
    );
    expect(note.errors).toBeUndefined();
    const closed = await call<{ changeCaseStatus: { status: string; closedAt: string } }>(
      CHANGE,
      { i: aChangeCaseStatusInput(ticket, 'CLOSED').withPublicNote('Pothole filled').build() },
      'caseworker',
    );
    expect(closed.data?.changeCaseStatus.status).toBe('CLOSED');

    // Open311 readers see the closure, its resolution and the public note.
    const open311 = await fetch(
      `${e2e.platform.baseUrl('gateway')}/open311/v2/requests/${ticket}.json?extensions=true`,
    );
    const [request] = (await open311.json()) as {
      status: string;
      status_notes: string;
      notes: { type: string; description: string }[];
    }[];
    expect(request.status).toBe('closed');
    expect(request.status_notes).toBe('Closed: Pothole filled');
    expect(request.notes).toContainEqual(
      expect.objectContaining({ type: 'comment', description: 'Asphalt ordered for Thursday' }),
    );

    // Analytics counts routing opening the case among the status transitions.
    await waitFor(
      async () => {
        const res = await call<{
          statusTransitions: { from: string; to: string; count: number }[];
        }>('{ statusTransitions { from to count } }', {}, 'analyst');
        return res.data?.statusTransitions.some((t) => t.from === 'NEW' && t.to === 'OPEN');
      },
      { what: 'NEW -> OPEN counted by analytics' },
    );

    // Analytics counts the closure.
    await waitFor(
      async () => {
        const res = await call<{ caseCounts: { key: string; closed: number }[] }>(
          '{ caseCounts(groupBy: DEPARTMENT) { key closed } }',
          {},
          'analyst',
        );
        return (res.data?.caseCounts.find((c) => c.key === department)?.closed ?? 0) >= 1;
      },
      { what: 'the closure counted by analytics' },
    );

    // The reporter is told of the note and of the closure. Notes and status changes reach the
    // notifier through separate consumers, so the two e-mails may come in either order.
    const subjects = await waitFor(
      async () => {
        const hers = e2e.mails.filter((m) => m.text?.includes(ticket)).map((m) => m.subject ?? '');
        return (
          hers.some((s) => s.endsWith('is closed')) &&
          hers.some((s) => s.startsWith('An update')) &&
          hers
        );
      },
      { what: 'the note and closure e-mails' },
    );
    expect(subjects).toEqual(
      expect.arrayContaining([
        `An update on your request ${ticket}`,
        `Your request ${ticket} is closed`,
      ]),
    );
    // Routing opened the case (a status change since docs/adr/0028): the assignment e-mail told
    // the reporter, so there is no "now open" message as well.
    expect(subjects).not.toContain(`Your request ${ticket} is now open`);
    expect(
      e2e.mails
        .filter((m) => m.text?.includes(ticket))
        .every((m) => (m.to as { text: string }).text === 'priya.casework@example.org'),
    ).toBe(true);
  });

  it('a supervisor tries a routing rule, saves it, and the next report is routed by it', async () => {
    tokens.supervisor = await e2e.token(Role.Supervisor, {
      sub: 'sup-streets-casework',
      departments: ['streets'],
    });
    const rule = {
      name: 'Bus-lane potholes first',
      position: 0,
      when: { serviceCodes: ['pothole'], keywords: ['bus lane', 'carril bus'] },
      then: {
        departmentCode: 'streets',
        queueCode: 'streets.priority',
        priority: 'HIGH',
        slaHours: 8,
      },
    };
    const description = 'Bache enorme en el CARRIL BUS';
    const PREVIEW = `query($i: PreviewRoutingInput!) { previewRouting(input: $i) {
      departmentCode queueCode priority dueAt ruleId ruleName } }`;

    // Tried first, unsaved, as if a case were opened on a Friday afternoon.
    const tried = await call<{ previewRouting: Record<string, unknown> }>(
      PREVIEW,
      { i: { serviceCode: 'pothole', description, openedAt: '2026-12-04T16:30:00Z', rule } },
      'supervisor',
    );
    expect(tried.errors).toBeUndefined();
    expect(tried.data!.previewRouting).toMatchObject({
      departmentCode: 'streets',
      queueCode: 'streets.priority',
      priority: 'HIGH',
      // Around the clock for potholes: eight hours after it was opened.
      dueAt: '2026-12-05T00:30:00.000Z',
      ruleId: null,
      ruleName: rule.name,
    });
    // An analyst may not try rules; a supervisor may not save one for another department.
    expect(
      errorCodes(await call(PREVIEW, { i: { serviceCode: 'pothole', rule } }, 'analyst')),
    ).toEqual(['FORBIDDEN']);
    const SAVE = `mutation($i: SaveRoutingRuleInput!) { saveRoutingRule(input: $i) { id name } }`;
    const elsewhere = await call(
      SAVE,
      { i: { ...rule, then: { departmentCode: 'parks' } } },
      'supervisor',
    );
    expect(errorCodes(elsewhere)).toEqual(['FORBIDDEN']);

    const saved = await call<{ saveRoutingRule: { id: string; name: string } }>(
      SAVE,
      { i: rule },
      'supervisor',
    );
    expect(saved.errors).toBeUndefined();

    // A resident's report after the save follows the rule.
    const { ticketNumber: ticket } = await e2e.submitRouted(
      aSubmitServiceRequestInput('pothole')
        .describedAs(description)
        .via(Channel.WEB)
        .at({ latitude: 40.7128, longitude: -74.006, address: '3 Bus Lane' })
        .build(),
    );
    const routed = await call<{
      caseByTicket: { priority: string; queue: { code: string } | null };
    }>(
      'query($t: String!) { caseByTicket(ticketNumber: $t) { priority queue { code } } }',
      { t: ticket },
      'supervisor',
    );
    expect(routed.data?.caseByTicket).toMatchObject({
      priority: 'HIGH',
      queue: { code: 'streets.priority' },
    });

    // A second rule for the same reports, saved last, is moved ahead of the first: it wins.
    const later = await call<{ saveRoutingRule: { id: string } }>(
      SAVE,
      {
        i: {
          ...rule,
          name: 'Bus-lane potholes to triage',
          position: undefined,
          then: { departmentCode: 'streets', queueCode: 'streets.general' },
        },
      },
      'supervisor',
    );
    expect(later.errors).toBeUndefined();
    const MOVE = `mutation($i: MoveRoutingRuleInput!) { moveRoutingRule(input: $i) { name position } }`;
    const id = later.data!.saveRoutingRule.id;
    expect(errorCodes(await call(MOVE, { i: { id, position: 1000 } }, 'supervisor'))).toEqual([
      'POSITION_OUT_OF_RANGE',
    ]);
    const moved = await call<{ moveRoutingRule: { name: string; position: number }[] }>(
      MOVE,
      { i: { id, position: 0 } },
      'supervisor',
    );
    expect(moved.errors).toBeUndefined();
    expect(moved.data!.moveRoutingRule.slice(0, 2)).toEqual([
      { name: 'Bus-lane potholes to triage', position: 0 },
      { name: rule.name, position: 1 },
    ]);
    const now = await call<{ previewRouting: Record<string, unknown> }>(
      PREVIEW,
      { i: { serviceCode: 'pothole', description } },
      'supervisor',
    );
    expect(now.data!.previewRouting).toMatchObject({
      queueCode: 'streets.general',
      ruleId: id,
      ruleName: 'Bus-lane potholes to triage',
    });
  });

  it('previews due dates in business hours across a weekend, a holiday and a change of clocks', async () => {
    // Graffiti is held to business hours; two of them in streets' calendar (the default: Mon-Fri
    // 08:00-17:00 New York, U.S. federal holidays), each case opened at 16:30 New York time.
    const rule = {
      name: 'Graffiti within two business hours',
      when: { serviceCodes: ['graffiti'] },
      then: { departmentCode: 'streets', slaHours: 2 },
    };
    const PREVIEW = `query($i: PreviewRoutingInput!) { previewRouting(input: $i) { slaClock dueAt } }`;
    const supervisor = await e2e.token(Role.Supervisor, {
      sub: 'sup-streets-calendar',
      departments: ['streets'],
    });
    const dueFor = async (openedAt: string) => {
      const res = await e2e.call<{ previewRouting: { slaClock: string; dueAt: string } }>(
        PREVIEW,
        { i: { serviceCode: 'graffiti', description: 'Tags on a wall', openedAt, rule } },
        supervisor,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.previewRouting.slaClock).toBe('BUSINESS');
      return res.data!.previewRouting.dueAt;
    };
    // Friday 4 December (EST): half an hour on Friday, the weekend skipped, 09:30 on Monday.
    expect(await dueFor('2026-12-04T21:30:00Z')).toBe('2026-12-07T14:30:00.000Z');
    // Thursday 24 December: Christmas Day (Friday) skipped too.
    expect(await dueFor('2026-12-24T21:30:00Z')).toBe('2026-12-28T14:30:00.000Z');
    // Friday 30 October (EDT, UTC-4): clocks go back on Sunday 1 November; Monday 09:30 is EST.
    expect(await dueFor('2026-10-30T20:30:00Z')).toBe('2026-11-02T14:30:00.000Z');
  });
});
