import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CaseRouted,
  CitizenErased,
  RecordPersonalRead,
  ResolveIdentity,
  Role,
  SatisfactionRecorded,
  SubmissionAccepted,
  type Envelope,
  type SatisfactionRecordedV1,
} from '@civitas/contracts';
import { surveyLinkSigner } from '@civitas/crypto';
import type { Consumer } from '@nats-io/jetstream';
import {
  aCaseRouted,
  aCitizenErased,
  aSubmissionAccepted,
  nextMatching,
  peer,
  startServiceHarness,
  TEST_SURVEY_TOKEN_KEYS,
  waitFor,
  type GraphqlResponse,
  type ServiceHarness,
  aStaffMember,
  aResident,
} from '@civitas/testing';
import { CASES_APP } from '../app.module.js';
import type { CasesConfig } from '../config/cases.config.js';

const AGENT = aStaffMember(Role.Agent, 'agent-7');
const ANALYST = aStaffMember(Role.Analyst, 'analyst-7');
const STREETS_WORKER = aStaffMember(Role.Caseworker, 'cw-streets', 'streets');
const REPORTER = randomUUID();

const SUBMIT = `mutation($input: SubmitSatisfactionInput!) {
  submitSatisfaction(input: $input) { ticketNumber score at }
}`;
const READ = `query($t: String!) { caseByTicket(ticketNumber: $t) { id satisfaction { score comment at } } }`;
const CLOSE = `mutation($t: String!) {
  changeCaseStatus(input: { ticketNumber: $t, status: CLOSED, publicNote: "Filled" }) { status }
}`;

interface Read {
  caseByTicket: {
    id: string;
    satisfaction: { score: number; comment: string | null; at: string } | null;
  } | null;
}

/** The closure survey's answers (docs/adr/0060): the link citizens signs, checked and used here. */
describe('cases: answers to the closure survey', () => {
  let cases: ServiceHarness<CasesConfig>;
  let recorded: Consumer;
  const links = surveyLinkSigner(TEST_SURVEY_TOKEN_KEYS);

  beforeAll(async () => {
    cases = await startServiceHarness({
      ...CASES_APP,
      namespace: 'csat',
      peers: [
        peer(ResolveIdentity, async () => ({ citizenId: REPORTER, match: 'EMAIL' })),
        peer(RecordPersonalRead, async () => ({ recorded: true })),
      ],
    });
    recorded = await cases.probe(SatisfactionRecorded);
  });

  afterAll(() => cases?.dispose());

  const linkFor = (caseId: string, expiresInSeconds = 3600, linkId = randomUUID()) =>
    links.sign({ exp: Math.floor(Date.now() / 1000) + expiresInSeconds, lid: linkId, cid: caseId });

  const submit = (input: Record<string, unknown>) =>
    cases.query<{ submitSatisfaction: { ticketNumber: string; score: number } }>(SUBMIT, {
      input,
    });

  const errorOf = (res: GraphqlResponse<unknown>) => ({
    code: res.errors?.[0]?.extensions?.code,
    fields: (res.errors?.[0]?.extensions?.fields as { field: string }[] | undefined)?.map(
      (f) => f.field,
    ),
  });

  async function closedCase(): Promise<{ ticketNumber: string; caseId: string }> {
    const submission = aSubmissionAccepted().withReporter({ email: 'sat@example.org' }).build();
    await cases.publish(SubmissionAccepted, submission);
    const opened = await waitFor(
      async () =>
        (await cases.query<Read>(READ, { t: submission.ticketNumber }, AGENT)).data?.caseByTicket,
      { what: `case ${submission.ticketNumber} opened` },
    );
    await cases.publish(
      CaseRouted,
      aCaseRouted()
        .forCase({ caseId: opened.id, ticketNumber: submission.ticketNumber })
        .toDepartment('streets', 'streets.general')
        .build(),
    );
    await waitFor(
      async () =>
        (await cases.query(CLOSE, { t: submission.ticketNumber }, STREETS_WORKER)).errors ===
        undefined,
      { what: `case ${submission.ticketNumber} routed and closed` },
    );
    return { ticketNumber: submission.ticketNumber, caseId: opened.id };
  }

  it('records an answer once per link, shows it to staff and tells analytics the score alone', async () => {
    const { ticketNumber, caseId } = await closedCase();
    const token = linkFor(caseId);
    const answered = await submit({ token, score: 4, comment: '  Quick, thank you  ' });
    expect(answered.errors).toBeUndefined();
    expect(answered.data!.submitSatisfaction).toMatchObject({ ticketNumber, score: 4 });

    const event = await nextMatching<Envelope<SatisfactionRecordedV1>>(
      recorded,
      (e) => e.payload.caseId === caseId,
    );
    expect(event.payload).toEqual({
      caseId,
      ticketNumber,
      serviceCode: expect.any(String),
      score: 4,
      answeredAt: expect.any(String),
    });

    const seen = await cases.query<Read>(READ, { t: ticketNumber }, AGENT);
    expect(seen.data!.caseByTicket!.satisfaction).toMatchObject({
      score: 4,
      comment: 'Quick, thank you',
    });

    const again = await submit({ token, score: 1 });
    expect(errorOf(again)).toEqual({ code: 'SURVEY_ALREADY_ANSWERED', fields: ['token'] });
    expect(
      (await cases.query<Read>(READ, { t: ticketNumber }, AGENT)).data!.caseByTicket!.satisfaction!
        .score,
    ).toBe(4);
  });

  it('lets one link answer once when two answers race', async () => {
    const { caseId } = await closedCase();
    const token = linkFor(caseId);
    const results = await Promise.all([submit({ token, score: 5 }), submit({ token, score: 2 })]);
    expect(results.filter((r) => r.errors === undefined)).toHaveLength(1);
    expect(results.map((r) => errorOf(r).code).filter(Boolean)).toEqual([
      'SURVEY_ALREADY_ANSWERED',
    ]);
    const rows = await cases.database.rows(
      'SELECT * FROM case_satisfaction_answer WHERE case_id = $1',
      [caseId],
    );
    expect(rows).toHaveLength(1);
  });

  it('refuses an expired link, an altered one and a score outside 1 to 5, naming the field, and records nothing', async () => {
    const { caseId } = await closedCase();
    expect(errorOf(await submit({ token: linkFor(caseId, -1), score: 3 }))).toEqual({
      code: 'SURVEY_LINK_EXPIRED',
      fields: ['token'],
    });
    const [keyId, , mac] = linkFor(caseId).split('.');
    const altered = `${keyId}.${Buffer.from(JSON.stringify({ exp: 9e9, lid: randomUUID(), cid: caseId })).toString('base64url')}.${mac}`;
    expect(errorOf(await submit({ token: altered, score: 3 }))).toEqual({
      code: 'SURVEY_LINK_INVALID',
      fields: ['token'],
    });
    for (const score of [0, 6]) {
      expect(errorOf(await submit({ token: linkFor(caseId), score }))).toEqual({
        code: 'BAD_USER_INPUT',
        fields: ['score'],
      });
    }
    expect(
      await cases.database.rows('SELECT 1 FROM case_satisfaction_answer WHERE case_id = $1', [
        caseId,
      ]),
    ).toEqual([]);
  });

  it('keeps the answer from residents and analysts, and the comment from an erased reporter', async () => {
    const { ticketNumber, caseId } = await closedCase();
    expect(
      (await submit({ token: linkFor(caseId), score: 2, comment: 'Call me on 555-0100' })).errors,
    ).toBeUndefined();
    const refusals = [];
    for (const who of [undefined, ANALYST, aResident('r-1')]) {
      const res = await cases.query<Read>(READ, { t: ticketNumber }, who);
      refusals.push(res.errors?.[0]?.extensions?.code);
    }
    expect(refusals).toEqual(['UNAUTHENTICATED', 'FORBIDDEN', 'FORBIDDEN']);
    await cases.publish(CitizenErased, aCitizenErased().of(REPORTER).build());
    await waitFor(
      async () =>
        (await cases.query<Read>(READ, { t: ticketNumber }, AGENT)).data!.caseByTicket!
          .satisfaction!.comment === null,
      { what: 'the comment forgotten' },
    );
    expect(
      (await cases.query<Read>(READ, { t: ticketNumber }, AGENT)).data!.caseByTicket!.satisfaction,
    ).toMatchObject({ score: 2, comment: null });
  });
});
