import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  Channel,
  CitizensMerged,
  CitizensUnmerged,
  RecordPersonalRead,
  ResolveIdentity,
  Role,
  SubmissionAccepted,
  type Actor,
  type Identity,
  type RecordPersonalReadRequest,
} from '@civitas/contracts';
import { pendingSchemaDrift } from '@civitas/persistence';
import {
  aCitizensMerged,
  aCitizensUnmerged,
  aSubmissionAccepted,
  errorCodes,
  openSealedTestContact,
  peer,
  startServiceHarness,
  waitFor,
  type ServiceHarness,
  aStaffMember,
} from '@civitas/testing';
import type { DataSource } from 'typeorm';
import { CASES_APP } from '../app.module.js';
import type { CasesConfig } from '../config/cases.config.js';

const AGENT = aStaffMember(Role.Agent, 'agent-1');
const ANALYST = aStaffMember(Role.Analyst, 'analyst-1');
const ANN = randomUUID();
const ANNIE = randomUUID();

describe("cases: a resident's cases, through merges and unmerges", () => {
  let cases: ServiceHarness<CasesConfig>;
  /** What citizens' audit log was asked to record (played by the test), and for whom. */
  const audited: { read: RecordPersonalReadRequest; actor: Actor }[] = [];
  let auditDown = false;
  let sql: DataSource;

  async function submit(email: string): Promise<string> {
    const submission = aSubmissionAccepted()
      .via(Channel.PHONE)
      .at({ latitude: 40.7, longitude: -74 })
      .withReporter({ email })
      .build();
    await cases.publish(SubmissionAccepted, submission);
    return submission.ticketNumber;
  }

  async function casesOf(citizenId: string, who: Partial<Identity> = AGENT) {
    return cases.query<{ _entities: { id: string; cases: { ticketNumber: string }[] | null }[] }>(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Citizen { id cases { ticketNumber } } } }',
      { r: [{ __typename: 'Citizen', id: citizenId }] },
      who,
    );
  }

  const ticketsOf = async (citizenId: string) =>
    ((await casesOf(citizenId)).data?._entities[0].cases ?? []).map((c) => c.ticketNumber).sort();

  beforeAll(async () => {
    cases = await startServiceHarness({
      ...CASES_APP,
      namespace: 'cc',
      peers: [
        peer(ResolveIdentity, async ({ sealedContact }) => ({
          citizenId:
            openSealedTestContact(sealedContact)?.email === 'ann@example.org' ? ANN : ANNIE,
          match: 'EMAIL',
        })),
        peer(RecordPersonalRead, async (read, envelope) => {
          if (auditDown) {
            throw new Error('audit log unavailable');
          }
          audited.push({ read, actor: envelope.actor });
          return { recorded: true };
        }),
      ],
    });
    sql = await cases.database.dataSource();
  });

  afterAll(async () => {
    await cases?.dispose();
  });

  let annTickets: string[];
  let annieTicket: string;

  it("lists a resident's cases for staff", async () => {
    annTickets = [await submit('ann@example.org'), await submit('ann@example.org')].sort();
    annieTicket = await submit('annie@example.org');
    await waitFor(
      async () => (await ticketsOf(ANN)).length === 2 && (await ticketsOf(ANNIE)).length === 1,
      {
        what: 'three cases opened',
      },
    );
    expect(await ticketsOf(ANN)).toEqual(annTickets);
  });

  it('refuses an analyst who a resident reported what', async () => {
    const before = audited.length;
    const res = await casesOf(ANN, ANALYST);
    expect(res.data?._entities[0]).toEqual({ id: ANN, cases: null });
    expect(errorCodes(res)).toEqual(['FORBIDDEN']);
    expect(audited).toHaveLength(before);
  });

  it('records each staff read in citizens’ audit log, with who read whose cases, before answering', async () => {
    audited.length = 0;
    expect((await casesOf(ANNIE)).data?._entities[0].cases).toHaveLength(1);
    expect(audited).toEqual([
      {
        read: { citizenId: ANNIE, fields: ['cases'] },
        actor: expect.objectContaining({ service: 'cases', sub: 'agent-1', roles: [Role.Agent] }),
      },
    ]);
    // No entry, no data.
    auditDown = true;
    try {
      const res = await casesOf(ANNIE);
      expect(res.data?._entities[0].cases ?? null).toBeNull();
      expect(errorCodes(res)).toEqual(['UNAVAILABLE']);
    } finally {
      auditDown = false;
    }
  });

  it('moves the merged resident’s cases to the survivor, and back on unmerge', async () => {
    const merge = aCitizensMerged().of(ANNIE, ANN).build();
    const merged = await cases.publish(CitizensMerged, merge);
    await waitFor(async () => (await ticketsOf(ANN)).length === 3, { what: 'cases re-pointed' });
    expect(await ticketsOf(ANNIE)).toEqual([]);
    // The same event delivered again changes nothing.
    await cases.publish(CitizensMerged, merged.payload, {
      envelope: merged,
      msgID: randomUUID(),
    });

    // A case Ann opens after the merge stays hers when the merge is undone.
    const later = await submit('ann@example.org');
    await waitFor(async () => (await ticketsOf(ANN)).length === 4, { what: 'a later case' });
    await cases.publish(CitizensUnmerged, aCitizensUnmerged().undoing(merge).build());
    await waitFor(async () => (await ticketsOf(ANNIE)).length === 1, { what: 'cases restored' });
    expect(await ticketsOf(ANNIE)).toEqual([annieTicket]);
    expect(await ticketsOf(ANN)).toEqual([...annTickets, later].sort());
  });

  it('has migrations that match its entities', async () => {
    const drift = await pendingSchemaDrift(sql);
    expect(drift).toEqual([]);
  });
});
