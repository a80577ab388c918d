import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  Channel,
  InteractionLogged,
  LogInteraction,
  LogInteractionRequest,
  Role,
  SubmissionAccepted,
} from '@civitas/contracts';
import { pendingSchemaDrift } from '@civitas/persistence';
import {
  aSubmissionAccepted,
  errorCodes,
  nextMatching,
  startServiceHarness,
  waitFor,
  type ServiceHarness,
  aStaffMember,
  aResident,
} from '@civitas/testing';
import { CASES_APP } from '../app.module.js';
import type { CasesConfig } from '../config/cases.config.js';

const LOG = `mutation Log($input: LogInteractionInput!) {
  logInteraction(input: $input) { id ticketNumber channel summary visibility citizenId loggedAt }
}`;
const TIMELINE =
  'query($t: String!) { caseByTicket(ticketNumber: $t) { timeline { kind visibility summary } } }';

const AGENT = aStaffMember(Role.Agent, 'agent-7');
const CITIZEN_ID = '00000000-0000-4000-8000-0000000000c1';

interface Timeline {
  caseByTicket: { timeline: { kind: string; visibility: string; summary: string }[] };
}

describe('cases: interactions logged on a case', () => {
  let cases: ServiceHarness<CasesConfig>;
  // An anonymous report: cases opens it without asking citizens.
  const submission = aSubmissionAccepted().at({ address: '1 Main St' }).build();
  const { ticketNumber } = submission;

  beforeAll(async () => {
    cases = await startServiceHarness(CASES_APP);
    await cases.publish(SubmissionAccepted, submission);
    await waitFor(
      async () =>
        (await cases.query<{ caseByTicket: unknown }>(TIMELINE, { t: ticketNumber })).data
          ?.caseByTicket,
      { what: 'the case to open' },
    );
  });

  afterAll(async () => {
    await cases?.dispose();
  });

  it('an agent logs a call on the case: internal on the timeline, hidden from the public, and announced', async () => {
    const logged = await cases.probe(InteractionLogged);
    const res = await cases.query<{
      logInteraction: { id: string; visibility: string; channel: string; citizenId: string };
    }>(
      LOG,
      {
        input: {
          ticketNumber: ticketNumber.toLowerCase(),
          channel: 'PHONE',
          summary: 'Caller asked when the crew will come; told within 3 days.',
          citizenId: CITIZEN_ID,
        },
      },
      AGENT,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.logInteraction).toMatchObject({
      channel: 'PHONE',
      visibility: 'INTERNAL',
      citizenId: CITIZEN_ID,
      ticketNumber,
    });

    const staff = await cases.query<Timeline>(TIMELINE, { t: ticketNumber }, AGENT);
    expect(staff.data!.caseByTicket.timeline).toContainEqual({
      kind: 'INTERACTION',
      visibility: 'INTERNAL',
      summary: 'Phone call: Caller asked when the crew will come; told within 3 days.',
    });
    const resident = await cases.query<Timeline>(TIMELINE, { t: ticketNumber });
    expect(resident.data!.caseByTicket.timeline.map((e) => e.kind)).not.toContain('INTERACTION');

    const event = await nextMatching<{ payload: Record<string, unknown> }>(
      logged,
      (b) => b.payload.interactionId === res.data!.logInteraction.id,
    );
    expect(event.payload).toMatchObject({
      ticketNumber,
      channel: 'PHONE',
      visibility: 'INTERNAL',
      citizenId: CITIZEN_ID,
      loggedBy: 'agent-7',
    });
    expect(event.payload).not.toHaveProperty('summary');
  });

  it('a public walk-in note is shown to the resident', async () => {
    const res = await cases.query(
      LOG,
      {
        input: {
          ticketNumber,
          channel: 'WALK_IN',
          summary: 'Brought photos of the damage.',
          visibility: 'PUBLIC',
        },
      },
      aStaffMember(Role.Caseworker, 'cw-1'),
    );
    expect(res.errors).toBeUndefined();
    const resident = await cases.query<Timeline>(TIMELINE, { t: ticketNumber });
    expect(resident.data!.caseByTicket.timeline).toContainEqual({
      kind: 'INTERACTION',
      visibility: 'PUBLIC',
      summary: 'Walk-in visit: Brought photos of the damage.',
    });
  });

  it.each([
    [
      'an unknown ticket',
      { ticketNumber: 'SR-1999-0000000', channel: 'LETTER', summary: 'x' },
      'CASE_NOT_FOUND',
      'ticketNumber',
    ],
    [
      'a channel staff do not log',
      { ticketNumber, channel: 'WEB', summary: 'x' },
      'BAD_USER_INPUT',
      'channel',
    ],
    [
      'an empty summary',
      { ticketNumber, channel: 'LETTER', summary: '' },
      'BAD_USER_INPUT',
      'summary',
    ],
    [
      'a citizen id that is not one',
      { ticketNumber, channel: 'LETTER', summary: 'x', citizenId: 'bob' },
      'BAD_USER_INPUT',
      'citizenId',
    ],
  ])('refuses %s, naming the field', async (_what, input, code, field) => {
    const res = await cases.query(LOG, { input }, AGENT);
    expect(errorCodes(res)).toEqual([code]);
    expect(
      (res.errors![0].extensions!.fields as { field: string }[]).map((f) => f.field),
    ).toContain(field);
  });

  it('is for staff only', async () => {
    const input = { ticketNumber, channel: 'PHONE', summary: 'x' };
    expect(errorCodes(await cases.query(LOG, { input }))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await cases.query(LOG, { input }, aResident('r')))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await cases.query(LOG, { input }, aStaffMember(Role.Analyst, 'a')))).toEqual([
      'FORBIDDEN',
    ]);
  });

  it('logs an e-mail for intake once per message, and says when no case has the ticket', async () => {
    const ask = (payload: LogInteractionRequest, as: 'intake' | 'routing' = 'intake') =>
      cases.request(LogInteraction, payload, { as });
    const payload = {
      ticketNumber,
      channel: Channel.EMAIL,
      summary: 'Any news? It is getting worse.',
      idempotencyKey: '<abc@mail.example>',
    };
    const first = await ask(payload);
    const again = await ask(payload);
    expect(first).toMatchObject({ ok: true, payload: { found: true } });
    expect(again.payload!.interactionId).toBe(first.payload!.interactionId);
    const staff = await cases.query<Timeline>(TIMELINE, { t: ticketNumber }, AGENT);
    expect(
      staff.data!.caseByTicket.timeline.filter((e) => e.summary.startsWith('E-mail:')),
    ).toHaveLength(1);

    expect(
      await ask({ ...payload, ticketNumber: 'SR-1999-0000001', idempotencyKey: undefined }),
    ).toMatchObject({ ok: true, payload: { found: false } });
    expect(await ask(payload, 'routing')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  // Scoped to this feature's table: timeline_entry's foreign key predates entity declarations of keys.
  it('has no drift between the interaction entity and its migration', async () => {
    expect(await pendingSchemaDrift(await cases.database.dataSource())).toEqual([]);
  });
});
