import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Channel, Role } from '@civitas/contracts';
import { surveyLinkSigner } from '@civitas/crypto';
import {
  aChangeCaseStatusInput,
  aSubmitServiceRequestInput,
  waitFor,
  type GraphqlResponse,
} from '@civitas/testing';
import { startE2ePlatform, type E2ePlatform } from './platform.js';

const SURVEY_PAGE = 'https://311.example.test/survey';
const CHANGE = `mutation($i: ChangeCaseStatusInput!) { changeCaseStatus(input: $i) { status } }`;
const ANSWER = `mutation($i: SubmitSatisfactionInput!) { submitSatisfaction(input: $i) { ticketNumber score } }`;
const SATISFACTION = `query($t: String!) { caseByTicket(ticketNumber: $t) { satisfaction { score comment } } }`;
const STATS = `query($f: CaseStatsFilter) { caseStats(filter: $f, groupBy: [SERVICE]) { key { service } satisfactionAverage satisfactionResponses } }`;

/**
 * The closure survey through the gateway (docs/adr/0060): the reporter's closure e-mail asks the
 * question with a link; the answer is taken once, staff read it, analysts see it in the figures.
 */
describe('the closure survey (whole platform through the gateway)', () => {
  let e2e: E2ePlatform;
  const tokens: Record<string, string> = {};

  const call = <T>(query: string, variables: Record<string, unknown>, who?: string) =>
    e2e.call<T>(query, variables, who && tokens[who]);
  const refusal = (res: GraphqlResponse<unknown>) => ({
    code: res.errors?.[0]?.extensions?.code,
    fields: (res.errors?.[0]?.extensions?.fields as { field: string }[] | undefined)?.map(
      (f) => f.field,
    ),
  });

  beforeAll(async () => {
    e2e = await startE2ePlatform({ SURVEY_URL: SURVEY_PAGE }, { mailbox: true });
    tokens.analyst = await e2e.token(Role.Analyst, { sub: 'analyst-survey' });
    tokens.agent = await e2e.token(Role.Agent, { sub: 'agent-survey' });
  });

  afterAll(async () => {
    await e2e?.dispose();
  });

  it('a resident answers the closure e-mail’s question once; a used, expired or out-of-range answer is refused', async () => {
    const {
      ticketNumber: ticket,
      caseId,
      departmentCode,
    } = await e2e.submitRouted(
      aSubmitServiceRequestInput('pothole')
        .describedAs('Pothole outside the library')
        .via(Channel.WEB)
        .at({ latitude: 40.7128, longitude: -74.006, address: '1 Library Way' })
        .withReporter({ firstName: 'Rosa', email: 'rosa.survey@example.org' })
        .build(),
    );
    tokens.caseworker = await e2e.token(Role.Caseworker, {
      sub: 'cw-survey',
      departments: [departmentCode],
    });
    const closed = await call(
      CHANGE,
      { i: aChangeCaseStatusInput(ticket, 'CLOSED').withPublicNote('Pothole filled').build() },
      'caseworker',
    );
    expect(closed.errors).toBeUndefined();

    const mail = await waitFor(
      async () => e2e.mails.find((m) => m.subject === `Your request ${ticket} is closed`),
      { what: 'the closure e-mail' },
    );
    const link = new URL(/1 to 5: (\S+)/.exec(mail.text ?? '')![1]);
    expect(`${link.origin}${link.pathname}`).toBe(SURVEY_PAGE);
    expect(link.searchParams.get('lang')).toBe('en');
    const token = link.searchParams.get('token')!;

    // The survey page sends the answer, anonymously: the link is the credential.
    const outOfRange = await call(ANSWER, { i: { token, score: 9 } });
    expect(refusal(outOfRange)).toEqual({ code: 'BAD_USER_INPUT', fields: ['score'] });
    const answered = await call<{ submitSatisfaction: { ticketNumber: string; score: number } }>(
      ANSWER,
      { i: { token, score: 4, comment: 'Fixed within the week' } },
    );
    expect(answered.errors).toBeUndefined();
    expect(answered.data!.submitSatisfaction).toEqual({ ticketNumber: ticket, score: 4 });
    const again = await call(ANSWER, { i: { token, score: 1 } });
    expect(refusal(again)).toEqual({ code: 'SURVEY_ALREADY_ANSWERED', fields: ['token'] });

    // A link past its time, signed as citizens signs them.
    const expired = surveyLinkSigner(e2e.platform.secrets.SURVEY_TOKEN_KEYS).sign({
      exp: Math.floor(Date.now() / 1000) - 60,
      lid: randomUUID(),
      cid: caseId,
    });
    expect(refusal(await call(ANSWER, { i: { token: expired, score: 3 } }))).toEqual({
      code: 'SURVEY_LINK_EXPIRED',
      fields: ['token'],
    });
    expect(await e2e.count('cases', 'SELECT count(*) AS n FROM case_satisfaction_answer')).toBe(1);

    // Staff read the answer; analysts see it counted (and nobody else's answer is in pothole's).
    const seen = await call<{ caseByTicket: { satisfaction: unknown } }>(
      SATISFACTION,
      { t: ticket },
      'agent',
    );
    expect(seen.data!.caseByTicket.satisfaction).toEqual({
      score: 4,
      comment: 'Fixed within the week',
    });
    const figures = await waitFor(
      async () => {
        const res = await call<{
          caseStats: {
            key: { service: string };
            satisfactionAverage: number | null;
            satisfactionResponses: number;
          }[];
        }>(STATS, { f: { serviceCodes: ['pothole'] } }, 'analyst');
        const row = res.data?.caseStats[0];
        return row && row.satisfactionResponses === 1 && row;
      },
      { what: 'the answer in the figures' },
    );
    expect(figures.satisfactionAverage).toBe(4);
  });
});
