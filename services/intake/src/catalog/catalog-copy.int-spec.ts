import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  AttributeDatatype,
  GetServiceCatalog,
  ServiceDefinitionChanged,
  type ServiceDefinitionChangedV1,
} from '@civitas/contracts';
import {
  aSubmitServiceRequestInput,
  errorCodes,
  peer,
  routingCatalog,
  routingServiceDefinition,
  startServiceHarness,
  waitFor,
  type ServiceHarness,
} from '@civitas/testing';
import { INTAKE_APP } from '../app.module.js';
import type { IntakeConfig } from '../config/intake.config.js';

const SUBMIT = `mutation Submit($input: SubmitServiceRequestInput!) {
  submitServiceRequest(input: $input) { ticketNumber }
}`;

const SIZE = {
  code: 'size',
  variable: true,
  datatype: AttributeDatatype.singlevaluelist,
  required: true,
  order: 1,
  values: [
    { key: 'small', name: 'Small' },
    { key: 'large', name: 'Large' },
  ],
};

/** A `service-definition-changed` as routing publishes it. */
const changed = (
  code: string,
  version: number,
  options: { attributes?: (typeof SIZE)[]; active?: boolean } = {},
): ServiceDefinitionChangedV1 => ({
  ...routingServiceDefinition(
    code,
    options.attributes ?? [],
    {},
    {
      version,
      active: options.active ?? true,
    },
  ),
  changedAt: new Date().toISOString(),
});

/**
 * Intake validates every report against its own copy of the catalog, kept from routing's
 * `service-definition-changed` (docs/adr/0069): no routing answers anything in these tests.
 */
describe('intake: its own copy of the catalog', () => {
  let intake: ServiceHarness<IntakeConfig>;

  beforeAll(async () => {
    intake = await startServiceHarness({
      ...INTAKE_APP,
      namespace: 'catalog-copy',
      env: { CATALOG_FILL_RETRY_MS: '500' },
    });
  });

  afterAll(() => intake?.dispose());

  const submit = (input: object) =>
    intake.query<{ submitServiceRequest: { ticketNumber: string } }>(SUBMIT, { input });
  const submissions = async () =>
    Number(
      (await intake.database.rows<{ n: string }>('SELECT count(*) AS n FROM submission'))[0].n,
    );
  const copied = async (code: string) =>
    (
      await intake.database.rows<{ version: number; active: boolean }>(
        'SELECT version, active FROM service_definition WHERE code = $1',
        [code],
      )
    )[0];
  /** Published after the events before it: once it is copied, they have been handled. */
  let markers = 0;
  const handledSoFar = async () => {
    const code = `marker-${++markers}`;
    await intake.publish(ServiceDefinitionChanged, changed(code, 1));
    await waitFor(() => copied(code), { what: `${code} copied` });
  };

  it('answers CATALOG_UNAVAILABLE, storing nothing, while its copy is empty and routing does not answer', async () => {
    const res = await submit(aSubmitServiceRequestInput('pothole').build());
    expect(errorCodes(res)).toEqual(['CATALOG_UNAVAILABLE']);
    expect(await submissions()).toBe(0);
  });

  it('validates against a definition routing published, with routing not answering at all', async () => {
    await intake.publish(ServiceDefinitionChanged, changed('pothole', 2, { attributes: [SIZE] }));
    await waitFor(() => copied('pothole'), { what: 'pothole copied' });

    const unanswered = await submit(aSubmitServiceRequestInput('pothole').build());
    expect(errorCodes(unanswered)).toEqual(['INVALID_ATTRIBUTE']);
    expect(unanswered.errors![0].extensions!.fields).toEqual([
      { field: 'attributes.size', reason: 'is required' },
    ]);
    const accepted = await submit(
      aSubmitServiceRequestInput('pothole')
        .withAnswers([{ code: 'size', values: ['large'] }])
        .build(),
    );
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.submitServiceRequest.ticketNumber).toMatch(/^SR-/);
  });

  it('never lets an older version replace a newer one, nor the same one come again', async () => {
    await intake.publish(ServiceDefinitionChanged, changed('pothole', 1));
    await intake.publish(ServiceDefinitionChanged, changed('pothole', 2));
    await handledSoFar();
    expect(await copied('pothole')).toEqual({ version: 2, active: true });
    // Still the question of version 2.
    const res = await submit(aSubmitServiceRequestInput('pothole').build());
    expect(errorCodes(res)).toEqual(['INVALID_ATTRIBUTE']);
  });

  it('refuses a retired service as unknown, naming serviceCode and the codes still offered', async () => {
    await intake.publish(ServiceDefinitionChanged, changed('graffiti', 1));
    await intake.publish(ServiceDefinitionChanged, changed('pothole', 3, { active: false }));
    await handledSoFar();
    const before = await submissions();
    const res = await submit(aSubmitServiceRequestInput('pothole').build());
    expect(errorCodes(res)).toEqual(['UNKNOWN_SERVICE_CODE']);
    expect(res.errors![0].extensions!.fields).toEqual([
      {
        field: 'serviceCode',
        reason: expect.stringMatching(/known codes: graffiti, marker-\d/),
      },
    ]);
    expect(await submissions()).toBe(before);
  });

  it('takes definitions from routing only', async () => {
    await intake.publish(ServiceDefinitionChanged, changed('forged', 1), { as: 'cases' });
    await handledSoFar();
    expect(await copied('forged')).toBeUndefined();
  });

  // Last: it lets routing answer. The copy already holds services that came by events while
  // routing was silent; the rest of the catalog is only in routing, and intake keeps asking for it.
  it('still takes the whole catalog once routing answers, although events already filled part of the copy', async () => {
    expect(await copied('streetlight')).toBeUndefined();
    intake.respondAs(GetServiceCatalog, routingCatalog(['streetlight']));
    await waitFor(() => copied('streetlight'), { what: 'the rest of the catalog copied' });
    const res = await submit(aSubmitServiceRequestInput('streetlight').build());
    expect(res.errors).toBeUndefined();
  });
});

describe('intake: a new intake fills its empty copy from routing once', () => {
  let intake: ServiceHarness<IntakeConfig>;

  beforeAll(async () => {
    intake = await startServiceHarness({
      ...INTAKE_APP,
      namespace: 'catalog-fill',
      peers: [
        peer(
          GetServiceCatalog,
          routingCatalog(['pothole', 'graffiti'], { graffiti: { alwaysPrivate: true } }),
        ),
      ],
    });
  });

  afterAll(() => intake?.dispose());

  it('asks for the whole catalog at start-up, before any report', async () => {
    const rows = await waitFor(
      async () => {
        const found = await intake.database.rows<{ code: string; private: boolean }>(
          `SELECT code, (definition->>'alwaysPrivate')::boolean AS private
             FROM service_definition ORDER BY code`,
        );
        return found.length === 2 ? found : undefined;
      },
      { what: 'the catalog copied' },
    );
    expect(rows).toEqual([
      { code: 'graffiti', private: true },
      { code: 'pothole', private: null },
    ]);
    const res = await intake.query(SUBMIT, {
      input: aSubmitServiceRequestInput('graffiti').build(),
    });
    expect(res.errors).toBeUndefined();
  });
});
