import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CaseOpened,
  Channel,
  CitizensMerged,
  CitizensUnmerged,
  GetServiceCatalog,
  RecordPersonalRead,
  IntakeCitizenSubmissions,
  Role,
  type Actor,
  type Identity,
  type RecordPersonalReadRequest,
} from '@civitas/contracts';
import { pendingSchemaDrift } from '@civitas/persistence';
import {
  aCaseOpened,
  aCitizensMerged,
  aCitizensUnmerged,
  aSubmitServiceRequestInput,
  errorCodes,
  peer,
  routingCatalog,
  startServiceHarness,
  waitFor,
  type ServiceHarness,
  aResident,
  aStaffMember,
} from '@civitas/testing';
import { INTAKE_APP } from '../app.module.js';
import type { IntakeConfig } from '../config/intake.config.js';

const AGENT = aStaffMember(Role.Agent, 'agent-1');
const ANALYST = aStaffMember(Role.Analyst, 'analyst-1');
const ANN = randomUUID();
const ANNIE = randomUUID();

describe("intake: a resident's submissions, learned from cases and kept through merges", () => {
  /** What citizens' audit log was asked to record (played by the test), and for whom. */
  const audited: { read: RecordPersonalReadRequest; actor: Actor }[] = [];
  let intake: ServiceHarness<IntakeConfig>;

  /** A submission as a resident makes it, then the case cases opened for it (naming who sent it). */
  async function contact(reporterId: string, channel: Channel): Promise<string> {
    const res = await intake.query<{
      submitServiceRequest: { submissionId: string; ticketNumber: string };
    }>(
      `mutation($i: SubmitServiceRequestInput!) { submitServiceRequest(input: $i) { submissionId ticketNumber } }`,
      {
        i: aSubmitServiceRequestInput()
          .via(channel)
          .withReporter({ email: 'ann@example.org' })
          .build(),
      },
      AGENT,
    );
    expect(res.errors).toBeUndefined();
    const made = res.data!.submitServiceRequest;
    await intake.publish(
      CaseOpened,
      aCaseOpened().forSubmission(made).via(channel).reportedBy(reporterId).build(),
    );
    return made.ticketNumber;
  }

  async function submissionsOf(citizenId: string, who: Partial<Identity> = AGENT) {
    return intake.query<{
      _entities: { id: string; submissions: { ticketNumber: string; channel: string }[] | null }[];
    }>(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Citizen { id submissions { ticketNumber channel } } } }',
      { r: [{ __typename: 'Citizen', id: citizenId }] },
      who,
    );
  }

  const ticketsOf = async (citizenId: string) =>
    ((await submissionsOf(citizenId)).data?._entities[0].submissions ?? [])
      .map((s) => s.ticketNumber)
      .sort();

  beforeAll(async () => {
    intake = await startServiceHarness({
      ...INTAKE_APP,
      peers: [
        peer(GetServiceCatalog, routingCatalog(['pothole'])),
        peer(RecordPersonalRead, async (read, envelope) => {
          audited.push({ read, actor: envelope.actor });
          return { recorded: true };
        }),
      ],
    });
  });

  afterAll(() => intake?.dispose());

  let annTickets: string[];
  let annieTicket: string;

  it('lists every contact a resident made, with its channel, once cases says who sent it', async () => {
    annTickets = [await contact(ANN, Channel.WEB), await contact(ANN, Channel.PHONE)].sort();
    annieTicket = await contact(ANNIE, Channel.LETTER);
    await waitFor(
      async () => (await ticketsOf(ANN)).length === 2 && (await ticketsOf(ANNIE)).length === 1,
      {
        what: 'submissions attributed',
      },
    );
    expect((await submissionsOf(ANNIE)).data?._entities[0].submissions).toEqual([
      { ticketNumber: annieTicket, channel: 'LETTER' },
    ]);
  });

  it('refuses an analyst a resident’s contacts', async () => {
    const before = audited.length;
    const res = await submissionsOf(ANN, ANALYST);
    expect(res.data?._entities[0]).toEqual({ id: ANN, submissions: null });
    expect(errorCodes(res)).toEqual(['FORBIDDEN']);
    expect(audited).toHaveLength(before);
  });

  it('records each staff read in citizens’ audit log, with who read whose contacts', async () => {
    audited.length = 0;
    await submissionsOf(ANN);
    expect(audited).toEqual([
      {
        read: { citizenId: ANN, fields: ['submissions'] },
        actor: expect.objectContaining({ service: 'intake', sub: 'agent-1', roles: [Role.Agent] }),
      },
    ]);
  });

  it('moves submissions to the survivor of a merge, also one learned late, and back on unmerge', async () => {
    const merge = aCitizensMerged().of(ANNIE, ANN).build();
    await intake.publish(CitizensMerged, merge);
    await waitFor(async () => (await ticketsOf(ANN)).length === 3, {
      what: 'submissions re-pointed',
    });
    // A case resolved to Annie just before the merge, announced after it, goes to the survivor too.
    const late = await contact(ANNIE, Channel.WALK_IN);
    await waitFor(async () => (await ticketsOf(ANN)).length === 4, {
      what: 'late submission re-pointed',
    });
    await intake.publish(CitizensUnmerged, aCitizensUnmerged().undoing(merge).build());
    await waitFor(async () => (await ticketsOf(ANNIE)).length === 2, {
      what: 'submissions restored',
    });
    expect(await ticketsOf(ANNIE)).toEqual([annieTicket, late].sort());
    expect(await ticketsOf(ANN)).toEqual(annTickets);
  });

  it('tells citizens what a signed-in resident submitted that no case names them for yet, by page', async () => {
    const rosa = aResident('login|rosa-intake');
    const submit = async (who: Partial<Identity>) => {
      const res = await intake.query<{
        submitServiceRequest: { submissionId: string; ticketNumber: string };
      }>(
        `mutation($i: SubmitServiceRequestInput!) { submitServiceRequest(input: $i) { submissionId ticketNumber } }`,
        { i: aSubmitServiceRequestInput().build() },
        who,
      );
      expect(res.errors).toBeUndefined();
      return res.data!.submitServiceRequest;
    };
    const first = await submit(rosa);
    const second = await submit(rosa);
    await submit(AGENT);
    const unopened = (page: {
      first: number;
      before?: { receivedAt: string; ticketNumber: string };
    }) => intake.ask(IntakeCitizenSubmissions, { sub: rosa.sub!, ...page });

    const all = await unopened({ first: 10 });
    expect(all.submissions.map((s) => s.ticketNumber)).toEqual([
      second.ticketNumber,
      first.ticketNumber,
    ]);
    expect(all.submissions[0]).toEqual({
      ticketNumber: second.ticketNumber,
      serviceCode: 'pothole',
      receivedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/),
    });
    const next = await unopened({
      first: 10,
      before: { receivedAt: all.submissions[0].receivedAt, ticketNumber: second.ticketNumber },
    });
    expect(next.submissions.map((s) => s.ticketNumber)).toEqual([first.ticketNumber]);

    // Once cases names her as its reporter, the case answers for it: intake no longer does.
    await intake.publish(
      CaseOpened,
      aCaseOpened().forSubmission(second).via(Channel.WEB).reportedBy(randomUUID()).build(),
    );
    await waitFor(async () => (await unopened({ first: 10 })).submissions.length === 1, {
      what: 'the opened one left out',
    });
    // Only citizens may ask.
    const byCases = await intake.request(
      IntakeCitizenSubmissions,
      { sub: rosa.sub!, first: 10 },
      { as: 'cases' },
    );
    expect(byCases.ok).toBe(false);
  });

  it('has migrations that match its entities', async () => {
    const drift = await pendingSchemaDrift(await intake.database.dataSource());
    expect(drift).toEqual([]);
  });
});
