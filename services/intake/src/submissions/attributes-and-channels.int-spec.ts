import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  AttributeDatatype,
  Channel,
  GetServiceCatalog,
  Role,
  type ServiceAttributeView,
} from '@civitas/contracts';
import {
  aSubmitServiceRequestInput,
  errorCodes,
  peer,
  routingCatalog,
  startServiceHarness,
  type ServiceHarness,
  TEST_PII_HASH_KEY,
  TEST_PII_KEYS,
  aStaffMember,
  aResident,
} from '@civitas/testing';
import { piiCipherFrom } from '@civitas/crypto';
import { INTAKE_APP } from '../app.module.js';
import type { IntakeConfig } from '../config/intake.config.js';

const SUBMIT = `mutation Submit($input: SubmitServiceRequestInput!) {
  submitServiceRequest(input: $input) { ticketNumber submissionId }
}`;

const list = (
  code: string,
  datatype: AttributeDatatype,
  required: boolean,
  order: number,
  keys: string[],
): ServiceAttributeView => ({
  code,
  variable: true,
  datatype,
  required,
  order,
  description: code,
  values: keys.map((key) => ({ key, name: key.toUpperCase() })),
});

// Routing's definitions, played by the test: the same shape routing answers with.
const DEFINITIONS: Record<string, ServiceAttributeView[]> = {
  pothole: [
    list('size', AttributeDatatype.singlevaluelist, true, 1, ['small', 'medium', 'large']),
    list('in_bus_lane', AttributeDatatype.singlevaluelist, false, 2, ['yes', 'no']),
  ],
  'missed-collection': [
    list('collection_type', AttributeDatatype.multivaluelist, true, 1, [
      'trash',
      'recycling',
      'compost',
    ]),
  ],
  'abandoned-vehicle': [
    {
      code: 'license_plate',
      variable: true,
      datatype: AttributeDatatype.string,
      required: false,
      order: 1,
      values: [],
    },
    {
      code: 'days_parked',
      variable: true,
      datatype: AttributeDatatype.number,
      required: false,
      order: 2,
      values: [],
    },
    {
      code: 'first_seen',
      variable: true,
      datatype: AttributeDatatype.datetime,
      required: false,
      order: 3,
      values: [],
    },
  ],
  graffiti: [],
};

const AGENT = aStaffMember(Role.Agent, 'agent-1');
const WHERE = { address: '12 Elm St' };

describe('intake: attribute answers and who may use which channel', () => {
  let intake: ServiceHarness<IntakeConfig>;

  beforeAll(async () => {
    intake = await startServiceHarness({
      ...INTAKE_APP,
      peers: [peer(GetServiceCatalog, routingCatalog(DEFINITIONS))],
    });
  });

  afterAll(() => intake?.dispose());

  const one = async <T>(sql: string, params: unknown[] = []) =>
    (await intake.database.rows<T>(sql, params))[0];
  const counts = () =>
    one<{ s: string; o: string }>(
      'SELECT (SELECT count(*) FROM submission) AS s, (SELECT count(*) FROM outbox) AS o',
    );
  const publishedAttributes = async (ticketNumber: string) =>
    (
      await one<{ a: unknown }>(
        `SELECT envelope->'payload'->'attributes' AS a FROM outbox WHERE envelope->'payload'->>'ticketNumber' = $1`,
        [ticketNumber],
      )
    ).a;

  it('accepts answers that fit, keeping a multivaluelist answer a list even with one value', async () => {
    const res = await intake.query<{ submitServiceRequest: { ticketNumber: string } }>(SUBMIT, {
      input: aSubmitServiceRequestInput('missed-collection')
        .at(WHERE)
        .withAnswers([{ code: 'collection_type', values: ['trash'] }])
        .build(),
    });
    expect(res.errors).toBeUndefined();
    expect(await publishedAttributes(res.data!.submitServiceRequest.ticketNumber)).toEqual({
      collection_type: ['trash'],
    });

    const vehicle = await intake.query<{ submitServiceRequest: { ticketNumber: string } }>(SUBMIT, {
      input: aSubmitServiceRequestInput('abandoned-vehicle')
        .at(WHERE)
        .withAnswers([
          { code: 'license_plate', values: ['7ABC123'] },
          { code: 'days_parked', values: ['12'] },
          { code: 'first_seen', values: ['2026-11-01T08:00:00-05:00'] },
        ])
        .build(),
    });
    expect(vehicle.errors).toBeUndefined();
    expect(await publishedAttributes(vehicle.data!.submitServiceRequest.ticketNumber)).toEqual({
      license_plate: '7ABC123',
      days_parked: '12',
      first_seen: '2026-11-01T08:00:00-05:00',
    });
  });

  it('refuses answers that do not fit, naming each attribute, and stores nothing', async () => {
    const before = await counts();
    const res = await intake.query(SUBMIT, {
      input: aSubmitServiceRequestInput()
        .at(WHERE)
        .withAnswers([
          { code: 'in_bus_lane', values: ['maybe'] },
          { code: 'depth', values: ['3'] },
        ])
        .build(),
    });
    expect(errorCodes(res)).toEqual(['INVALID_ATTRIBUTE']);
    const fields = res.errors![0].extensions!.fields as { field: string; reason: string }[];
    expect(fields).toEqual(
      expect.arrayContaining([
        { field: 'attributes.size', reason: 'is required' },
        {
          field: 'attributes.in_bus_lane',
          reason: expect.stringContaining('not among the keys: yes, no'),
        },
        {
          field: 'attributes.depth',
          reason: expect.stringContaining('not an attribute of this service'),
        },
      ]),
    );
    expect(await counts()).toEqual(before);
  });

  it.each([
    [
      'a number that is not one',
      'abandoned-vehicle',
      [{ code: 'days_parked', values: ['a week'] }],
      'attributes.days_parked',
    ],
    [
      'a datetime without a time zone',
      'abandoned-vehicle',
      [{ code: 'first_seen', values: ['2026-11-01 08:00'] }],
      'attributes.first_seen',
    ],
    [
      'an unknown key in a multivaluelist',
      'missed-collection',
      [{ code: 'collection_type', values: ['trash', 'glass'] }],
      'attributes.collection_type',
    ],
    [
      'two values for a singlevaluelist',
      'pothole',
      [{ code: 'size', values: ['small', 'large'] }],
      'attributes.size',
    ],
    [
      'any answer for a service without questions',
      'graffiti',
      [{ code: 'colour', values: ['red'] }],
      'attributes.colour',
    ],
  ])('refuses %s', async (_what, serviceCode, attributes, field) => {
    const before = await counts();
    const res = await intake.query(SUBMIT, {
      input: aSubmitServiceRequestInput(serviceCode).at(WHERE).withAnswers(attributes).build(),
    });
    expect(errorCodes(res)).toEqual(['INVALID_ATTRIBUTE']);
    expect((res.errors![0].extensions!.fields as { field: string }[]).map((f) => f.field)).toEqual([
      field,
    ]);
    expect(await counts()).toEqual(before);
  });

  it('lets an agent enter a phone call for a caller, with the caller as reporter', async () => {
    const res = await intake.query<{ submitServiceRequest: { ticketNumber: string } }>(
      SUBMIT,
      {
        input: aSubmitServiceRequestInput()
          .via(Channel.PHONE)
          .describedAs('Caller reports a pothole outside the school')
          .at(WHERE)
          .withReporter({ firstName: 'Maria', phone: '(212) 555-0142' })
          .withAnswers([{ code: 'size', values: ['large'] }])
          .build(),
      },
      AGENT,
    );
    expect(res.errors).toBeUndefined();
    const row = await one<{ channel: string; sealed: string }>(
      `SELECT envelope->'payload'->>'channel' AS channel, envelope->'payload'->>'reporterSealed' AS sealed FROM outbox WHERE envelope->'payload'->>'ticketNumber' = $1`,
      [res.data!.submitServiceRequest.ticketNumber],
    );
    expect(row.channel).toBe('PHONE');
    expect(JSON.parse(piiCipherFrom(TEST_PII_KEYS, TEST_PII_HASH_KEY).decrypt(row.sealed))).toEqual(
      {
        firstName: 'Maria',
        phone: '(212) 555-0142',
      },
    );
    for (const channel of [Channel.WALK_IN, Channel.LETTER]) {
      const other = await intake.query(
        SUBMIT,
        { input: aSubmitServiceRequestInput('graffiti').via(channel).at(WHERE).build() },
        aStaffMember(Role.Caseworker, 'cw'),
      );
      expect(other.errors).toBeUndefined();
    }
    const open311 = await intake.query(
      SUBMIT,
      { input: aSubmitServiceRequestInput('graffiti').via(Channel.OPEN311).at(WHERE).build() },
      { sub: 'app', roles: [Role.Integration], clientId: 'app-1' },
    );
    expect(open311.errors).toBeUndefined();
  });

  it.each([
    ['an anonymous caller claiming a phone call', Channel.PHONE, undefined],
    ['a resident claiming a walk-in', Channel.WALK_IN, aResident('r1')],
    ['a resident claiming Open311', Channel.OPEN311, aResident('r1')],
    ['an agent claiming an e-mail', Channel.EMAIL, AGENT],
    ['an admin claiming legacy history', Channel.LEGACY_IMPORT, aStaffMember(Role.Admin, 'a1')],
  ])('refuses %s with FORBIDDEN_CHANNEL, storing nothing', async (_what, channel, identity) => {
    const before = await counts();
    const res = await intake.query(
      SUBMIT,
      { input: aSubmitServiceRequestInput('graffiti').via(channel).at(WHERE).build() },
      identity,
    );
    expect(errorCodes(res)).toEqual(['FORBIDDEN_CHANNEL']);
    expect(res.errors![0].extensions!.fields).toEqual([
      { field: 'channel', reason: expect.any(String) },
    ]);
    expect(await counts()).toEqual(before);
  });
});
