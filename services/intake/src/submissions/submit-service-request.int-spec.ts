import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AckPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { Channel, GetServiceCatalog, Role, SubmissionAccepted } from '@civitas/contracts';
import { piiCipherFrom } from '@civitas/crypto';
import {
  aSubmitServiceRequestInput,
  errorCodes,
  nextMessage,
  plaintextFound,
  TEST_PII_HASH_KEY,
  TEST_PII_KEYS,
  routingCatalog,
  startServiceHarness,
  waitFor,
  type ServiceHarness,
  gatewayHeaders,
  servedAndCommittedSdl,
  aStaffMember,
} from '@civitas/testing';
import { INTAKE_APP } from '../app.module.js';
import type { IntakeConfig } from '../config/intake.config.js';

const SUBMIT = `mutation Submit($input: SubmitServiceRequestInput!) {
  submitServiceRequest(input: $input) { ticketNumber submissionId serviceNotice emergency }
}`;

interface Receipt {
  submitServiceRequest: {
    ticketNumber: string;
    submissionId: string;
    serviceNotice: string | null;
  };
}

describe('intake: submitting a service request', () => {
  let intake: ServiceHarness<IntakeConfig>;
  let stopCatalog: () => Promise<void>;

  beforeAll(async () => {
    intake = await startServiceHarness(INTAKE_APP);
    // Routing's catalog answer, played by the test: intake is the unit under test here.
    stopCatalog = intake.respondAs(
      GetServiceCatalog,
      routingCatalog(['pothole', 'graffiti', 'general-inquiry']),
    );
  });

  afterAll(() => intake?.dispose());

  const count = async (sql: string, params: unknown[] = []) =>
    Number((await intake.database.rows<{ n: string }>(sql, params))[0].n);

  it('answers a ticket number at once and publishes submission-accepted with the same ticket', async () => {
    const res = await intake.query<Receipt>(SUBMIT, {
      input: aSubmitServiceRequestInput()
        .describedAs('Deep pothole in the bus lane')
        .via(Channel.WEB)
        .at({ latitude: 40.7128, longitude: -74.006, address: '1 Centre St' })
        .withReporter({
          firstName: 'Ana',
          // Long enough that ciphertext cannot hold it by chance (plaintextFound).
          lastName: 'Ruiz-Valdecasas',
          email: 'ana@example.org',
          phone: '+12125550100',
        })
        .build(),
    });
    expect(res.errors).toBeUndefined();
    const { ticketNumber, submissionId } = res.data!.submitServiceRequest;
    expect(ticketNumber).toMatch(/^SR-\d{4}-\d{7}$/);

    const jsm = await jetstreamManager(intake.nc);
    const stream = intake.naming.stream('intake');
    await jsm.consumers.add(stream, { durable_name: 'probe', ack_policy: AckPolicy.Explicit });
    const consumer = await jetstream(intake.nc).consumers.get(stream, 'probe');
    const event = await waitFor(async () => {
      const msg = await nextMessage(consumer);
      const body = msg?.json<{
        type: string;
        payload: { submissionId: string; ticketNumber: string };
      }>();
      msg?.ack();
      return body?.payload.submissionId === submissionId ? body : undefined;
    });
    expect(event.type).toBe(SubmissionAccepted.subject);
    expect(event.payload.ticketNumber).toBe(ticketNumber);
    // The stream keeps events for weeks: the reporter travels sealed, for citizens to open.
    expect(
      plaintextFound(JSON.stringify(event), ['ana@example.org', 'ruiz-valdecasas', '+12125550100']),
    ).toEqual([]);
    expect(await publishedReporter(ticketNumber)).toEqual({
      firstName: 'Ana',
      lastName: 'Ruiz-Valdecasas',
      email: 'ana@example.org',
      phone: '+12125550100',
    });
  });

  it('publishes an anonymous report with no reporter at all', async () => {
    const res = await intake.query<Receipt>(SUBMIT, {
      input: aSubmitServiceRequestInput()
        .atAddress('1 Centre St')
        .withReporter({ firstName: '  ' })
        .build(),
    });
    expect(res.errors).toBeUndefined();
    const event = await published(res.data!.submitServiceRequest.ticketNumber);
    expect(event).not.toHaveProperty('reporter');
    expect(event).not.toHaveProperty('reporterSealed');
  });

  it('tells the person to call 911 when the text reads like an emergency, and flags the submission', async () => {
    const res = await intake.query<{
      submitServiceRequest: { ticketNumber: string; serviceNotice: string; emergency: boolean };
    }>(SUBMIT, {
      input: aSubmitServiceRequestInput('general-inquiry')
        .describedAs('Strong SMELL of gas near the school, gas leak?')
        .atAddress('9 School Rd')
        .build(),
    });
    const receipt = res.data!.submitServiceRequest;
    expect(receipt.emergency).toBe(true);
    expect(receipt.serviceNotice).toContain('911');
    expect(
      await count(
        "SELECT count(*) AS n FROM outbox WHERE (envelope->'payload'->>'emergency')::boolean AND envelope->'payload'->>'ticketNumber' = $1",
        [receipt.ticketNumber],
      ),
    ).toBe(1);
  });

  const one = async <T>(sql: string, params: unknown[] = []) =>
    (await intake.database.rows<T>(sql, params))[0];
  const published = async (ticketNumber: string) =>
    (
      await one<{ p: Record<string, unknown> }>(
        `SELECT envelope->'payload' AS p FROM outbox WHERE envelope->'payload'->>'ticketNumber' = $1`,
        [ticketNumber],
      )
    ).p;
  const cipher = piiCipherFrom(TEST_PII_KEYS, TEST_PII_HASH_KEY);
  /** The reporter as the event carries it: sealed for citizens (docs/adr/0023). */
  const publishedReporter = async (ticketNumber: string) => {
    const event = await published(ticketNumber);
    expect(event).not.toHaveProperty('reporter');
    return event.reporterSealed === undefined
      ? undefined
      : (JSON.parse(cipher.decrypt(event.reporterSealed as string)) as Record<string, unknown>);
  };
  const sealedPayload = async (ticketNumber: string) =>
    JSON.parse(
      cipher.decrypt(
        (
          await one<{ s: string }>(
            'SELECT payload_sealed AS s FROM submission WHERE ticket_number = $1',
            [ticketNumber],
          )
        ).s,
      ),
    ) as Record<string, unknown>;

  it("passes on the reporter's postal address, organisation and language, and stores them only sealed", async () => {
    const res = await intake.query<Receipt>(
      SUBMIT,
      {
        input: aSubmitServiceRequestInput()
          .via(Channel.PHONE)
          .atAddress('40 Market St')
          .withReporter({
            firstName: 'Lucia',
            lastName: 'Fernandez-Arrieta',
            postalAddress: '12 North Main Street, Apt 4',
            organisationName: 'Panaderia Lucia',
            preferredLanguage: ' ES-mx ',
          })
          .build(),
      },
      aStaffMember(Role.Agent, 'agent-7'),
    );
    expect(res.errors).toBeUndefined();
    const { ticketNumber } = res.data!.submitServiceRequest;
    const expected = {
      firstName: 'Lucia',
      lastName: 'Fernandez-Arrieta',
      postalAddress: '12 North Main Street, Apt 4',
      organisationName: 'Panaderia Lucia',
      preferredLanguage: 'es-mx',
    };
    expect(await publishedReporter(ticketNumber)).toEqual(expected);
    expect(
      plaintextFound(JSON.stringify(await published(ticketNumber)), ['fernandez-arrieta']),
    ).toEqual([]);
    expect((await sealedPayload(ticketNumber)).reporter).toEqual(expected);
    const row = JSON.stringify(
      await one('SELECT * FROM submission WHERE ticket_number = $1', [ticketNumber]),
    );
    expect(
      plaintextFound(row, ['north main street', 'panaderia lucia', 'fernandez-arrieta']),
    ).toEqual([]);

    // A form's empty language field is no preference, not a mistake.
    const blank = await intake.query<Receipt>(SUBMIT, {
      input: aSubmitServiceRequestInput()
        .atAddress('40 Market St')
        .withReporter({ lastName: 'Fernandez', preferredLanguage: '  ' })
        .build(),
    });
    expect(blank.errors).toBeUndefined();
    expect(await publishedReporter(blank.data!.submitServiceRequest.ticketNumber)).toEqual({
      lastName: 'Fernandez',
    });
  });

  it('takes an Open311 address id as the location and a device id, passing on only the address id', async () => {
    const res = await intake.query<Receipt>(
      SUBMIT,
      {
        input: aSubmitServiceRequestInput('graffiti')
          .via(Channel.OPEN311)
          .at({ addressId: 'MAR-545483' })
          .with({ deviceId: 'ios-3F2A-77' })
          .build(),
      },
      { sub: 'app', roles: [Role.Integration], clientId: 'app-1' },
    );
    expect(res.errors).toBeUndefined();
    const { ticketNumber } = res.data!.submitServiceRequest;
    const event = await published(ticketNumber);
    expect(event.addressId).toBe('MAR-545483');
    expect(event).not.toHaveProperty('location');
    expect(JSON.stringify(event)).not.toContain('ios-3F2A-77');
    expect(await sealedPayload(ticketNumber)).toMatchObject({
      location: { addressId: 'MAR-545483' },
      deviceId: 'ios-3F2A-77',
    });
  });

  it('stores the reporter only sealed, never in plaintext', async () => {
    const rows = await intake.database.rows('SELECT * FROM submission');
    expect(rows.length).toBeGreaterThan(0);
    expect(plaintextFound(JSON.stringify(rows), ['ana@example.org', 'ruiz-valdecasas'])).toEqual(
      [],
    );
  });

  it('the same idempotency key answers the same ticket and creates nothing new', async () => {
    const input = aSubmitServiceRequestInput('graffiti')
      .atAddress('5 Main St')
      .withIdempotencyKey(randomUUID())
      .build();
    const [first, second] = await Promise.all([
      intake.query<Receipt>(SUBMIT, { input }),
      intake.query<Receipt>(SUBMIT, { input }),
    ]);
    const third = await intake.query<Receipt>(SUBMIT, { input });
    const tickets = new Set(
      [first, second, third].map((r) => r.data!.submitServiceRequest.ticketNumber),
    );
    expect(tickets.size).toBe(1);
    expect(
      await count('SELECT count(*) AS n FROM submission WHERE idempotency_key = $1', [
        input.idempotencyKey,
      ]),
    ).toBe(1);
    expect(
      await count(
        `SELECT count(*) AS n FROM outbox WHERE envelope->'payload'->>'ticketNumber' = $1`,
        [[...tickets][0]],
      ),
    ).toBe(1);
  });

  it.each([
    [
      'an unknown service code',
      aSubmitServiceRequestInput('teleport'),
      'UNKNOWN_SERVICE_CODE',
      'serviceCode',
    ],
    [
      'no location',
      aSubmitServiceRequestInput().without('location'),
      'LOCATION_REQUIRED',
      'location',
    ],
    [
      'half a coordinate pair',
      aSubmitServiceRequestInput().at({ latitude: 40.7 }),
      'LOCATION_REQUIRED',
      'location',
    ],
    [
      'a description over 4000 characters',
      aSubmitServiceRequestInput().describedAs('x'.repeat(4001)),
      'BAD_USER_INPUT',
      'description',
    ],
    [
      'a malformed e-mail',
      aSubmitServiceRequestInput().withReporter({ email: 'not-an-email' }),
      'BAD_USER_INPUT',
      'reporter.email',
    ],
    [
      "a reporter's postal address over 500 characters",
      aSubmitServiceRequestInput().withReporter({
        lastName: 'Ruiz',
        postalAddress: '9'.repeat(501),
      }),
      'BAD_USER_INPUT',
      'reporter.postalAddress',
    ],
    [
      'an organisation name over 300 characters',
      aSubmitServiceRequestInput().withReporter({ organisationName: 'A'.repeat(301) }),
      'BAD_USER_INPUT',
      'reporter.organisationName',
    ],
    [
      'a preferred language that is not a language tag',
      aSubmitServiceRequestInput().withReporter({
        firstName: 'Ana',
        preferredLanguage: 'Spanish please',
      }),
      'BAD_USER_INPUT',
      'reporter.preferredLanguage',
    ],
    [
      'an address id over 200 characters',
      aSubmitServiceRequestInput().at({ addressId: '7'.repeat(201) }),
      'BAD_USER_INPUT',
      'location.addressId',
    ],
    [
      'a device id over 200 characters',
      aSubmitServiceRequestInput().with({ deviceId: 'd'.repeat(201) }),
      'BAD_USER_INPUT',
      'deviceId',
    ],
    [
      'a latitude off the globe',
      aSubmitServiceRequestInput().at({ latitude: 123, longitude: 0 }),
      'BAD_USER_INPUT',
      'location.latitude',
    ],
  ])(
    'refuses %s with a code naming the problem, and stores nothing',
    async (_what, input, code, field) => {
      const before = await count('SELECT count(*) AS n FROM submission');
      const outboxBefore = await count('SELECT count(*) AS n FROM outbox');
      const res = await intake.query(SUBMIT, { input: input.build() });
      expect(errorCodes(res)).toEqual([code]);
      const fields = (res.errors![0].extensions?.fields as { field: string }[]).map((f) => f.field);
      expect(fields).toContain(field);
      expect(await count('SELECT count(*) AS n FROM submission')).toBe(before);
      expect(await count('SELECT count(*) AS n FROM outbox')).toBe(outboxBefore);
    },
  );

  it.each([
    ['description', 'probe\u0000nul', { description: 'probe\u0000nul' }],
    ['location.address', '1 Centre\u0007 St', { address: '1 Centre\u0007 St' }],
    ['reporter.lastName', 'Ruiz\u001b[31m', { lastName: 'Ruiz\u001b[31m' }],
  ])(
    'refuses a control character in %s as BAD_USER_INPUT naming the field, storing nothing',
    async (field, _text, change) => {
      const before = await count('SELECT count(*) AS n FROM submission');
      let builder = aSubmitServiceRequestInput().withReporter({
        firstName: 'Ana',
        lastName: 'lastName' in change ? change.lastName : 'Ruiz',
        email: 'probe-reporter@example.org',
      });
      if ('description' in change) {
        builder = builder.describedAs(change.description);
      }
      if ('address' in change) {
        builder = builder.at({ latitude: 40.7128, longitude: -74.006, address: change.address });
      }
      const res = await intake.query(SUBMIT, { input: builder.build() });
      expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
      expect(res.errors![0].extensions?.fields).toEqual([
        {
          field,
          reason: expect.stringMatching(/^must not contain control characters \(found U\+00/),
        },
      ]);
      // Neither the text nor the reporter's address comes back in the error.
      expect(JSON.stringify(res.errors)).not.toMatch(/probe|example\.org|Centre|Ruiz/);
      expect(await count('SELECT count(*) AS n FROM submission')).toBe(before);
    },
  );

  it('takes tabs and line breaks in a description', async () => {
    const res = await intake.query<Receipt>(SUBMIT, {
      input: aSubmitServiceRequestInput().describedAs('Pothole\r\nby the\tbus stop').build(),
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.submitServiceRequest.ticketNumber).toMatch(/^SR-/);
  });

  it('accepts a report from its own copy of the catalog when routing does not answer (docs/adr/0069)', async () => {
    await stopCatalog();
    const res = await intake.query<Receipt>(SUBMIT, {
      input: aSubmitServiceRequestInput('graffiti').build(),
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.submitServiceRequest.ticketNumber).toMatch(/^SR-/);
  });

  it('serves the subgraph schema committed in services/intake/schema.graphql (run npm run schema after changing it)', async () => {
    const { served, committed, path } = await servedAndCommittedSdl(
      intake.url,
      gatewayHeaders(),
      'intake',
    );
    expect(committed).not.toBeNull();
    expect(served).toBe(committed);
    expect(path).toContain('intake');
  });
});
