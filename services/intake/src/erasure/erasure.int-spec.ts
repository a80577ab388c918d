import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CaseOpened,
  Channel,
  CitizenErased,
  ClassifyText,
  GetServiceCatalog,
  IntakeCitizenData,
  Role,
  type ServiceName,
} from '@civitas/contracts';
import { parseKeyring, PiiCipher } from '@civitas/crypto';
import { pendingSchemaDrift } from '@civitas/persistence';
import {
  aCaseOpened,
  aCitizenErased,
  aSubmitServiceRequestInput,
  peer,
  routingCatalog,
  startServiceHarness,
  TEST_PII_HASH_KEY,
  TEST_PII_KEYS,
  waitFor,
  type ServiceHarness,
  aStaffMember,
} from '@civitas/testing';
import nodemailer from 'nodemailer';
import type { DataSource } from 'typeorm';
import { INTAKE_APP } from '../app.module.js';
import type { IntakeConfig } from '../config/intake.config.js';
import { SmtpReceiver } from '../email/index.js';

const AGENT = aStaffMember(Role.Agent, 'agent-4');
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
    await intake.publish(
      CaseOpened,
      aCaseOpened().forSubmission(made).via(Channel.WEB).reportedBy(reporterId).build(),
    );
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

  /** Replies to e-mail go to .eml files here (development: no SMTP_URL). */
  let mailDir: string;

  beforeAll(async () => {
    mailDir = join(await mkdtemp(join(tmpdir(), 'intake-erasure-')), 'outbox-mail');
    intake = await startServiceHarness({
      ...INTAKE_APP,
      peers: [
        peer(GetServiceCatalog, routingCatalog(['pothole'])),
        peer(ClassifyText, async () => ({
          serviceCode: 'pothole',
          matched: true,
          keywords: ['pothole'],
        })),
      ],
      env: { SMTP_LISTEN_PORT: '0', MAIL_OUTBOX_DIR: mailDir, MAIL_POLL_MS: '100' },
    });
    sql = await intake.database.dataSource();
  });

  afterAll(async () => {
    await intake?.dispose();
    await rm(join(mailDir, '..'), { recursive: true, force: true });
  });

  /** A resident e-mails a request; resolves with the submission once the reply's file is written. */
  async function mailIn(from: string): Promise<{ submissionId: string; ticketNumber: string }> {
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: Number(new URL(intake.app.get(SmtpReceiver).url!).port),
      secure: false,
      ignoreTLS: true,
    });
    try {
      const sent = (await transport.sendMail({
        from,
        to: '311@city.example',
        subject: 'Pothole on Birch Rd',
        text: 'A deep pothole.\nAddress: 9 Birch Rd',
      })) as { response: string };
      const ticketNumber = /SR-\d{4}-\d{7}/.exec(sent.response)![0];
      const [{ id }] = await sql.query<{ id: string }[]>(
        'SELECT id FROM submission WHERE ticket_number = $1',
        [ticketNumber],
      );
      await waitFor(async () => (await mailFiles()).some((f) => f.startsWith(`${id}.`)), {
        what: `the reply to ${ticketNumber} written`,
      });
      return { submissionId: id, ticketNumber };
    } finally {
      transport.close();
    }
  }

  const mailFiles = async () => (await readdir(mailDir).catch(() => [] as string[])).sort();

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
    await intake.publish(CitizenErased, aCitizenErased().of(IRIS).build());
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

  it('deletes the .eml files of replies to an erased resident, and keeps them private', async () => {
    const erased = randomUUID();
    const kept = randomUUID();
    const hers = await mailIn('"Nora Vance" <nora.vance@example.net>');
    const his = await mailIn('"Otto Berg" <otto.berg@example.net>');
    await announce(hers, erased);
    await announce(his, kept);
    const files = await mailFiles();
    expect(files).toHaveLength(2);
    expect((await stat(mailDir)).mode & 0o777).toBe(0o700);
    for (const file of files) {
      expect((await stat(join(mailDir, file))).mode & 0o777).toBe(0o600);
    }
    await waitFor(
      async () =>
        (
          await sql.query<{ n: string }[]>(
            'SELECT count(*) AS n FROM submission WHERE citizen_id IS NOT NULL AND id = ANY($1)',
            [[hers.submissionId, his.submissionId]],
          )
        )[0].n === '2',
      { what: 'both submissions attributed' },
    );

    await intake.publish(CitizenErased, aCitizenErased().of(erased).build());
    await waitFor(async () => !(await mailFiles()).some((f) => f.startsWith(hers.submissionId)), {
      what: 'her reply file deleted',
    });
    expect(await mailFiles()).toEqual([
      expect.stringMatching(new RegExp(`^${his.submissionId}\\.`)),
    ]);
  });

  it('has migrations that match its entities', async () => {
    const drift = await pendingSchemaDrift(sql);
    expect(drift).toEqual([]);
  });
});
