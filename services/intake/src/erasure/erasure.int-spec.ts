import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CaseOpened,
  Channel,
  CitizenErased,
  GetServiceDefinition,
  IntakeCitizenData,
  Role,
  type Identity,
  type ServiceName,
} from '@civitas/contracts';
import { parseKeyring, PiiCipher } from '@civitas/crypto';
import { pendingSchemaDrift } from '@civitas/persistence';
import {
  aSubmitServiceRequestInput,
  peer,
  routingCatalog,
  startServiceHarness,
  TEST_PII_HASH_KEY,
  TEST_PII_KEYS,
  waitFor,
  type ServiceHarness,
} from '@civitas/testing';
import type { DataSource } from 'typeorm';
import { AppModule } from '../app.module.js';
import { IntakeConfig } from '../config/intake.config.js';
import { INTAKE } from '../database/definition.js';

const AGENT: Partial<Identity> = { sub: 'agent-4', roles: [Role.Agent] };
const IRIS = randomUUID();
const JOHAN = randomUUID();

interface SubmissionData {
  ticketNumber: string;
  channel: string;
  payload: { reporter?: { email?: string; firstName?: string } } | null;
}

describe("intake: a resident's submissions for their download, blanked on erasure", () => {
  const cipher = new PiiCipher(parseKeyring(TEST_PII_KEYS, TEST_PII_HASH_KEY));
  let intake: ServiceHarness<IntakeConfig>;
  let sql: DataSource;

  /** A submission as a resident makes it; `reporterId` set = cases announces whose it is. */
  async function contact(
    firstName: string,
    reporterId: string | null,
  ): Promise<{ submissionId: string; ticketNumber: string }> {
    const res = await intake.query<{
      submitServiceRequest: { submissionId: string; ticketNumber: string };
    }>(
      `mutation($i: SubmitServiceRequestInput!) { submitServiceRequest(input: $i) { submissionId ticketNumber } }`,
      {
        i: aSubmitServiceRequestInput()
          .via(Channel.WEB)
          .atAddress('9 Birch Rd')
          .withReporter({ firstName, email: `${firstName.toLowerCase()}@example.org` })
          .build(),
      },
      AGENT,
    );
    expect(res.errors).toBeUndefined();
    const made = res.data!.submitServiceRequest;
    if (reporterId) {
      await announce(made, reporterId);
    }
    return made;
  }

  async function announce(
    made: { submissionId: string; ticketNumber: string },
    reporterId: string,
  ): Promise<void> {
    await intake.publish(CaseOpened, {
      caseId: randomUUID(),
      ticketNumber: made.ticketNumber,
      submissionId: made.submissionId,
      serviceCode: 'pothole',
      channel: Channel.WEB,
      reporterId,
      emergency: false,
      openedAt: new Date().toISOString(),
    });
  }

  const ask = (citizenId: string, caller: ServiceName = 'citizens') =>
    intake.request(IntakeCitizenData, { citizenId }, { as: caller });

  const submissionsOf = async (citizenId: string) =>
    (await ask(citizenId)).payload!.submissions as unknown as SubmissionData[];

  const payloadOf = async (submissionId: string) => {
    const [row] = await sql.query<{ payload_sealed: string }[]>(
      'SELECT payload_sealed FROM submission WHERE id = $1',
      [submissionId],
    );
    return cipher.decrypt(row.payload_sealed);
  };

  beforeAll(async () => {
    intake = await startServiceHarness({
      definition: INTAKE,
      configClass: IntakeConfig,
      appModule: (c) => AppModule.forRoot(c),
      peers: [peer(GetServiceDefinition, routingCatalog(['pothole']))],
    });
    sql = await intake.database.dataSource();
  });

  afterAll(() => intake?.dispose());

  let iris: { submissionId: string; ticketNumber: string };
  let johan: { submissionId: string; ticketNumber: string };

  it('answers citizens with the resident’s submissions, unsealed', async () => {
    iris = await contact('Iris', IRIS);
    johan = await contact('Johan', JOHAN);
    await waitFor(async () => (await submissionsOf(IRIS)).length === 1, {
      what: 'submission attributed',
    });
    const [mine] = await submissionsOf(IRIS);
    expect(mine).toMatchObject({ ticketNumber: iris.ticketNumber, channel: 'WEB' });
    expect(mine.payload?.reporter).toMatchObject({ firstName: 'Iris', email: 'iris@example.org' });
  });

  it('answers no other service', async () => {
    const reply = await ask(IRIS, 'cases');
    expect(reply.ok).toBe(false);
  });

  it('blanks the erased resident’s submissions, also one announced after the erasure', async () => {
    const late = await contact('Iris', null);
    await intake.publish(CitizenErased, {
      citizenId: IRIS,
      erasedAt: new Date().toISOString(),
    });
    await waitFor(async () => (await payloadOf(iris.submissionId)) === '{}', {
      what: 'payload blanked',
    });
    expect(await submissionsOf(IRIS)).toEqual([
      expect.objectContaining({ ticketNumber: iris.ticketNumber, payload: null }),
    ]);
    // A case opened for her before the erasure, announced after it.
    await announce(late, IRIS);
    await waitFor(async () => (await payloadOf(late.submissionId)) === '{}', {
      what: 'late submission blanked',
    });
    // The envelopes published from the outbox no longer carry her contact either, not even
    // sealed (ADR 0023); none ever held a contact in clear.
    const sealedContacts = async () =>
      (
        await sql.query<{ s: string }[]>(
          `SELECT envelope->'payload'->>'reporterSealed' AS s FROM outbox
           WHERE published_at IS NOT NULL AND envelope->'payload' ? 'reporterSealed'`,
        )
      ).map((r) => cipher.decrypt(r.s));
    await waitFor(
      async () => !(await sealedContacts()).some((c) => c.includes('iris@example.org')),
      { what: 'outbox blanked' },
    );
    expect((await sealedContacts()).some((c) => c.includes('johan@example.org'))).toBe(true);
    const [{ clear }] = await sql.query<{ clear: string }[]>(
      `SELECT count(*) AS clear FROM outbox WHERE envelope::text ILIKE '%@example.org%'`,
    );
    expect(Number(clear)).toBe(0);
    // Counts stay; Johan keeps what he sent.
    const [{ n }] = await sql.query<{ n: string }[]>('SELECT count(*) AS n FROM submission');
    expect(Number(n)).toBe(3);
    expect(await payloadOf(johan.submissionId)).toContain('johan@example.org');
  });

  it('has migrations that match its entities', async () => {
    const drift = await pendingSchemaDrift(sql);
    expect(drift).toEqual([]);
  });
});
