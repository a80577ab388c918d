import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect, type NatsConnection } from '@nats-io/transport-node';
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
import { BusNaming, createEnvelope, type WireReply } from '@civitas/messaging';
import { pendingSchemaDrift } from '@civitas/persistence';
import { serviceDataSourceOptions } from '@civitas/service-kit';
import {
  deleteNamespaceStreams,
  publishEvent,
  respondAs,
  startServiceForTest,
  TEST_PII_HASH_KEY,
  TEST_PII_KEYS,
  testNatsUrl,
  uniqueName,
  waitFor,
  type ServiceUnderTest,
} from '@civitas/testing';
import { DataSource } from 'typeorm';
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
  const namespace = uniqueName('ier');
  const cipher = new PiiCipher(parseKeyring(TEST_PII_KEYS, TEST_PII_HASH_KEY));
  let intake: ServiceUnderTest<IntakeConfig>;
  let nc: NatsConnection;
  let sql: DataSource;
  let stopRouting: () => Promise<void>;

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
        i: {
          serviceCode: 'pothole',
          channel: Channel.WEB,
          location: { address: '9 Birch Rd' },
          reporter: { firstName, email: `${firstName.toLowerCase()}@example.org` },
        },
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
    await publishEvent(nc, namespace, CaseOpened, {
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

  async function ask(citizenId: string, caller: ServiceName = 'citizens'): Promise<WireReply> {
    const envelope = createEnvelope(caller, IntakeCitizenData.subject, { citizenId });
    const msg = await nc.request(
      new BusNaming(namespace).subject(IntakeCitizenData.subject),
      JSON.stringify(envelope),
      { timeout: 10_000 },
    );
    return msg.json<WireReply>();
  }

  const submissionsOf = async (citizenId: string) =>
    ((await ask(citizenId)).payload as { submissions: SubmissionData[] }).submissions;

  const payloadOf = async (submissionId: string) => {
    const [row] = await sql.query<{ payload_sealed: string }[]>(
      'SELECT payload_sealed FROM submission WHERE id = $1',
      [submissionId],
    );
    return cipher.decrypt(row.payload_sealed);
  };

  beforeAll(async () => {
    nc = await connect({ servers: testNatsUrl() });
    stopRouting = respondAs(nc, namespace, GetServiceDefinition, 'routing', async () => ({
      found: true,
      knownCodes: ['pothole'],
      service: {
        code: 'pothole',
        name: 'Pothole',
        departmentCode: 'streets',
        defaultPriority: 'NORMAL',
        targetHours: 72,
      },
    }));
    intake = await startServiceForTest({
      definition: INTAKE,
      configClass: IntakeConfig,
      appModule: (c) => AppModule.forRoot(c),
      namespace,
    });
    sql = new DataSource(serviceDataSourceOptions(INTAKE, intake.config));
    await sql.initialize();
  });

  afterAll(async () => {
    await stopRouting?.();
    await intake?.dispose();
    await sql?.destroy();
    await deleteNamespaceStreams(nc, namespace);
    await nc.close();
  });

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
    await publishEvent(nc, namespace, CitizenErased, {
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
