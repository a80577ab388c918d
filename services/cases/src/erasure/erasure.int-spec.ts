import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CaseRouted,
  CasesCitizenData,
  CasesCitizenRequests,
  CitizenErased,
  CitizensMerged,
  RecordPersonalRead,
  ResolveIdentity,
  Role,
  SubmissionAccepted,
  type ServiceName,
} from '@civitas/contracts';
import { surveyLinkSigner } from '@civitas/crypto';
import {
  aCaseRouted,
  aCitizenErased,
  aCitizensMerged,
  aSubmissionAccepted,
  openSealedTestContact,
  peer,
  startServiceHarness,
  TEST_SURVEY_TOKEN_KEYS,
  waitFor,
  type BusReply,
  type ServiceHarness,
  aStaffMember,
} from '@civitas/testing';
import type { DataSource } from 'typeorm';
import { CASES_APP } from '../app.module.js';
import type { CasesConfig } from '../config/cases.config.js';

const AGENT = aStaffMember(Role.Agent, 'agent-9');
const ANALYST = aStaffMember(Role.Analyst, 'analyst-9');
const STREETS_WORKER = aStaffMember(Role.Caseworker, 'cw-9', 'streets');
const GAIL = randomUUID();
const HUGO = randomUUID();

interface CaseData {
  ticketNumber: string;
  description: string | null;
  timeline: { kind: string; summary: string }[];
  satisfaction: { at: string; score: number; comment: string | null }[];
}

describe("cases: a resident's cases for their download, forgotten on erasure", () => {
  let cases: ServiceHarness<CasesConfig>;
  let sql: DataSource;

  async function submit(email: string): Promise<string> {
    const submission = aSubmissionAccepted()
      .at({ latitude: 40.7, longitude: -74, address: '5 Elm St' })
      .describedAs('Deep pothole by the bus stop')
      .withReporter({ email })
      .build();
    await cases.publish(SubmissionAccepted, submission);
    return submission.ticketNumber;
  }

  const ask = (citizenId: string, as: ServiceName = 'citizens'): Promise<BusReply<unknown>> =>
    cases.request(CasesCitizenData, { citizenId }, { as });

  const casesOf = async (citizenId: string) =>
    ((await ask(citizenId)).payload as { cases: CaseData[] }).cases;

  const openCases = async () =>
    (await sql.query<{ n: string }[]>('SELECT count(*) AS n FROM service_case'))[0].n;

  beforeAll(async () => {
    cases = await startServiceHarness({
      ...CASES_APP,
      namespace: 'cer',
      peers: [
        peer(ResolveIdentity, async ({ sealedContact }) => ({
          citizenId:
            openSealedTestContact(sealedContact)?.email === 'gail@example.org' ? GAIL : HUGO,
          match: 'EMAIL',
        })),
        peer(RecordPersonalRead, async () => ({ recorded: true })),
      ],
    });
    sql = await cases.database.dataSource();
  });

  afterAll(async () => {
    await cases?.dispose();
  });

  let gailTicket: string;
  let hugoTicket: string;

  it('answers citizens with the resident’s cases and their public timeline only', async () => {
    gailTicket = await submit('gail@example.org');
    hugoTicket = await submit('hugo@example.org');
    await waitFor(
      async () => (await casesOf(GAIL)).length === 1 && (await casesOf(HUGO)).length === 1,
      {
        what: 'cases opened',
      },
    );
    const logged = await cases.query(
      `mutation($t: String!, $c: ID!) { logInteraction(input: {
         ticketNumber: $t, channel: PHONE, citizenId: $c, visibility: PUBLIC,
         summary: "Gail Ostrander called from 617-555-0199 about her car tyre" }) { id } }`,
      { t: gailTicket, c: GAIL },
      AGENT,
    );
    expect(logged.errors).toBeUndefined();
    await cases.query(
      `mutation($t: String!) { logInteraction(input: {
         ticketNumber: $t, channel: PHONE, summary: "Internal: crew scheduled" }) { id } }`,
      { t: gailTicket },
      AGENT,
    );
    const [gails] = await casesOf(GAIL);
    expect(gails).toMatchObject({
      ticketNumber: gailTicket,
      description: 'Deep pothole by the bus stop',
    });
    const summaries = gails.timeline.map((e) => e.summary).join('\n');
    expect(summaries).toContain('Gail Ostrander');
    expect(summaries).not.toContain('crew scheduled');
    expect(gails.satisfaction).toEqual([]);
  });

  it('answers citizens a page of her own list, and which of the tickets asked have a case', async () => {
    const page = await cases.ask(CasesCitizenRequests, {
      citizenId: GAIL,
      first: 10,
      tickets: [gailTicket, hugoTicket, 'SR-2026-9999999'],
    });
    expect(page.requests).toEqual([
      {
        ticketNumber: gailTicket,
        serviceCode: 'pothole',
        status: 'NEW',
        receivedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/),
        changedAt: expect.any(String),
      },
    ]);
    // Hugo's ticket has a case (his, not hers): opened, so citizens will not call it hers.
    expect(page.opened.sort()).toEqual([gailTicket, hugoTicket].sort());
    const next = await cases.ask(CasesCitizenRequests, {
      citizenId: GAIL,
      first: 10,
      before: { receivedAt: page.requests[0].receivedAt, ticketNumber: gailTicket },
      tickets: [],
    });
    expect(next).toEqual({ requests: [], opened: [] });
    const byIntake = await cases.request(
      CasesCitizenRequests,
      { citizenId: GAIL, first: 10, tickets: [] },
      { as: 'intake' },
    );
    expect(byIntake.ok).toBe(false);
  });

  it('lists her answer to the closure survey in her download, comment included', async () => {
    const caseId = (
      await cases.query<{ caseByTicket: { id: string } }>(
        'query($t: String!) { caseByTicket(ticketNumber: $t) { id } }',
        { t: gailTicket },
        AGENT,
      )
    ).data!.caseByTicket.id;
    await cases.publish(
      CaseRouted,
      aCaseRouted()
        .forCase({ caseId, ticketNumber: gailTicket })
        .toDepartment('streets', 'streets.general')
        .build(),
    );
    await waitFor(
      async () =>
        (
          await cases.query(
            `mutation($t: String!) { changeCaseStatus(input: {
               ticketNumber: $t, status: CLOSED, publicNote: "Filled" }) { status } }`,
            { t: gailTicket },
            STREETS_WORKER,
          )
        ).errors === undefined,
      { what: `case ${gailTicket} routed and closed` },
    );
    // The link of her closure notice, signed as citizens signs them (docs/adr/0060).
    const token = surveyLinkSigner(TEST_SURVEY_TOKEN_KEYS).sign({
      exp: Math.floor(Date.now() / 1000) + 3600,
      lid: randomUUID(),
      cid: caseId,
    });
    const answered = await cases.query(
      `mutation($i: SubmitSatisfactionInput!) { submitSatisfaction(input: $i) { score } }`,
      { i: { token, score: 5, comment: 'Fixed the same day, thanks Gail here' } },
    );
    expect(answered.errors).toBeUndefined();

    const [gails] = await casesOf(GAIL);
    expect(gails.satisfaction).toEqual([
      { at: expect.any(String), score: 5, comment: 'Fixed the same day, thanks Gail here' },
    ]);
    expect((await casesOf(HUGO))[0].satisfaction).toEqual([]);
  });

  it('answers no other service', async () => {
    const reply = await ask(GAIL, 'intake');
    expect(reply.ok).toBe(false);
    expect(reply.payload).toBeUndefined();
  });

  it('forgets who reported on erasure: the case stays and counts, nothing names her', async () => {
    const before = await openCases();
    await cases.publish(CitizenErased, aCitizenErased().of(GAIL).build());
    await waitFor(async () => (await casesOf(GAIL)).length === 0, { what: 'reporter forgotten' });
    expect(await openCases()).toBe(before);
    const [row] = await sql.query<{ reporter_id: string | null; description: string }[]>(
      'SELECT reporter_id, description FROM service_case WHERE ticket_number = $1',
      [gailTicket],
    );
    expect(row).toEqual({ reporter_id: null, description: 'Deep pothole by the bus stop' });
    const texts = await sql.query<{ v: string }[]>(
      `SELECT summary AS v FROM timeline_entry UNION ALL SELECT summary FROM interaction
       UNION ALL SELECT coalesce(citizen_id::text, '') FROM interaction`,
    );
    const all = texts.map((t) => t.v).join('\n');
    expect(all).not.toContain('Ostrander');
    expect(all).not.toContain(GAIL);
    expect(all).toContain('crew scheduled');
    // Hugo is untouched.
    expect(await casesOf(HUGO)).toHaveLength(1);
    // The staff view of her cases is empty too (and analysts still see no one's).
    const staff = await cases.query<{ _entities: { cases: unknown[] | null }[] }>(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Citizen { cases { ticketNumber } } } }',
      { r: [{ __typename: 'Citizen', id: GAIL }] },
      AGENT,
    );
    expect(staff.data!._entities[0].cases).toEqual([]);
    const analyst = await cases.query<{ _entities: { cases: unknown[] | null }[] }>(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Citizen { cases { ticketNumber } } } }',
      { r: [{ __typename: 'Citizen', id: HUGO }] },
      ANALYST,
    );
    expect(analyst.data!._entities[0].cases).toBeNull();
  });
  it('lists the cases of a record merged into hers as hers in her own list', async () => {
    const survivor = randomUUID();
    await cases.publish(CitizensMerged, aCitizensMerged().of(HUGO, survivor).build());
    const page = await waitFor(
      async () => {
        const asked = await cases.ask(CasesCitizenRequests, {
          citizenId: survivor,
          first: 10,
          tickets: [],
        });
        return asked.requests.length > 0 ? asked : undefined;
      },
      { what: "Hugo's case re-pointed" },
    );
    expect(page.requests.map((r) => r.ticketNumber)).toEqual([hugoTicket]);
  });
});
