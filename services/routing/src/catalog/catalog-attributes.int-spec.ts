import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ClassifyText, GetServiceDefinition, Role } from '@civitas/contracts';
import { pendingSchemaDrift } from '@civitas/persistence';
import {
  errorCodes,
  startServiceHarness,
  type ServiceHarness,
  aStaffMember,
} from '@civitas/testing';
import { ROUTING_APP } from '../app.module.js';
import type { RoutingConfig } from '../config/routing.config.js';
import { seedCatalog, SEED_ATTRIBUTES } from './catalog.seed.js';

const ADMIN = aStaffMember(Role.Admin, 'admin-1');
const AGENT = aStaffMember(Role.Agent, 'agent-1');

const SERVICE_FIELDS =
  'code name group keywords type active defaultPriority targetHours metadata department { code } attributes { variable code datatype required datatypeDescription order description values { key name } }';

interface ServiceView {
  code: string;
  metadata: boolean;
  active: boolean;
  department: { code: string };
  attributes: {
    code: string;
    datatype: string;
    required: boolean;
    order: number;
    values: { key: string; name: string }[];
  }[];
}

const SET_ATTRIBUTES = `mutation($code: String!, $attributes: [ServiceAttributeInput!]!) {
  setServiceAttributes(serviceCode: $code, attributes: $attributes) { ${SERVICE_FIELDS} }
}`;

describe('routing: service attributes and catalog administration', () => {
  let routing: ServiceHarness<RoutingConfig>;

  beforeAll(async () => {
    routing = await startServiceHarness({
      ...ROUTING_APP,
      seed: seedCatalog,
    });
  });

  afterAll(() => routing?.dispose());

  it('serves each service with its Open311 attributes in order, and metadata true only when it has some', async () => {
    const res = await routing.query<{ services: ServiceView[] }>(
      `{ services { ${SERVICE_FIELDS} } }`,
    );
    expect(res.errors).toBeUndefined();
    const byCode = new Map(res.data!.services.map((s) => [s.code, s]));
    const pothole = byCode.get('pothole')!;
    expect(pothole.metadata).toBe(true);
    expect(pothole.attributes.map((a) => [a.code, a.datatype, a.required, a.order])).toEqual([
      ['size', 'singlevaluelist', false, 1],
      ['in_bus_lane', 'singlevaluelist', false, 2],
    ]);
    expect(pothole.attributes[0].values.map((v) => v.key)).toEqual(['small', 'medium', 'large']);
    expect(byCode.get('missed-collection')!.attributes[0]).toMatchObject({
      code: 'collection_type',
      datatype: 'multivaluelist',
    });
    expect(byCode.get('abandoned-vehicle')!.attributes.map((a) => a.datatype)).toEqual([
      'string',
      'number',
    ]);
    expect(byCode.get('graffiti')).toMatchObject({ metadata: false, attributes: [] });

    const one = await routing.query<{ service: ServiceView }>(
      `{ service(code: "abandoned-vehicle") { ${SERVICE_FIELDS} } }`,
    );
    expect(one.data!.service.attributes.map((a) => a.code)).toEqual([
      'license_plate',
      'days_parked',
    ]);
  });

  it('gives intake the attribute definitions with the service definition', async () => {
    const reply = await routing.request(GetServiceDefinition, { serviceCode: 'missed-collection' });
    expect(reply.ok).toBe(true);
    expect(reply.payload!.service!.attributes).toEqual([
      expect.objectContaining({
        code: 'collection_type',
        datatype: 'multivaluelist',
        required: false,
        values: expect.arrayContaining([{ key: 'compost', name: 'Compost / yard waste' }]),
      }),
    ]);
  });

  it('guesses the service of free text from the catalog keywords, else general-inquiry; only intake may ask', async () => {
    const hit = await routing.ask(ClassifyText, {
      text: 'Subject: huge POTHOLE\n\nThere is a pothole in the road outside number 12.',
    });
    expect(hit).toMatchObject({ serviceCode: 'pothole', matched: true });
    expect(hit.keywords).toEqual(expect.arrayContaining(['pothole', 'road']));
    const miss = await routing.ask(ClassifyText, {
      text: 'Hello, who do I talk to about my taxes?',
    });
    expect(miss).toEqual({ serviceCode: 'general-inquiry', matched: false, keywords: [] });
    const forbidden = await routing.request(ClassifyText, { text: 'pothole' }, { as: 'cases' });
    expect(forbidden).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('lets only admins change the catalog', async () => {
    const mutation =
      'mutation { updateService(code: "graffiti", input: { targetHours: 1 }) { code } }';
    expect(errorCodes(await routing.query(mutation))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await routing.query(mutation, {}, AGENT))).toEqual(['FORBIDDEN']);
  });

  it('creates and updates a service, refusing an unknown department or a taken code by field', async () => {
    const create = `mutation($input: CreateServiceInput!) { createService(input: $input) { ${SERVICE_FIELDS} } }`;
    const input = {
      code: 'snow-removal',
      name: 'Snow not cleared',
      group: 'Streets',
      keywords: ['snow', ' ice ', 'snow'],
      departmentCode: 'streets',
      targetHours: 24,
    };
    const created = await routing.query<{
      createService: ServiceView & { keywords: string[]; type: string; defaultPriority: string };
    }>(create, { input }, ADMIN);
    expect(created.errors).toBeUndefined();
    expect(created.data!.createService).toMatchObject({
      code: 'snow-removal',
      keywords: ['snow', 'ice'],
      type: 'realtime',
      defaultPriority: 'NORMAL',
      active: true,
      metadata: false,
      department: { code: 'streets' },
    });

    const again = await routing.query(create, { input }, ADMIN);
    expect(errorCodes(again)).toEqual(['SERVICE_EXISTS']);
    expect(again.errors![0].extensions!.fields).toEqual([
      expect.objectContaining({ field: 'code' }),
    ]);

    const badDepartment = await routing.query(
      create,
      { input: { ...input, code: 'snow-2', departmentCode: 'weather' } },
      ADMIN,
    );
    expect(errorCodes(badDepartment)).toEqual(['UNKNOWN_DEPARTMENT']);
    expect(badDepartment.errors![0].extensions!.fields).toEqual([
      expect.objectContaining({
        field: 'departmentCode',
        reason: expect.stringContaining('sanitation'),
      }),
    ]);

    const badType = await routing.query(
      create,
      { input: { ...input, code: 'snow-3', type: 'sometimes' } },
      ADMIN,
    );
    expect(errorCodes(badType)).toEqual(['BAD_USER_INPUT']);
    expect(badType.errors![0].extensions!.fields).toEqual([
      expect.objectContaining({ field: 'type' }),
    ]);

    const update =
      'mutation($input: UpdateServiceInput!) { updateService(code: "snow-removal", input: $input) { code name active departmentCode: department { code } targetHours } }';
    const updated = await routing.query<{
      updateService: { name: string; active: boolean; targetHours: number };
    }>(
      update,
      { input: { departmentCode: 'public-works', active: false, targetHours: 12 } },
      ADMIN,
    );
    expect(updated.data!.updateService).toMatchObject({
      name: 'Snow not cleared',
      active: false,
      targetHours: 12,
    });
    const services = await routing.query<{ services: { code: string }[] }>('{ services { code } }');
    expect(services.data!.services.map((s) => s.code)).not.toContain('snow-removal');

    const missing = await routing.query(
      'mutation { updateService(code: "nope", input: { active: true }) { code } }',
      {},
      ADMIN,
    );
    expect(errorCodes(missing)).toEqual(['SERVICE_NOT_FOUND']);
    const badMove = await routing.query(update, { input: { departmentCode: 'weather' } }, ADMIN);
    expect(errorCodes(badMove)).toEqual(['UNKNOWN_DEPARTMENT']);
  });

  it('refuses an invalid attribute set naming each problem, and stores none of it', async () => {
    const res = await routing.query(
      SET_ATTRIBUTES,
      {
        code: 'graffiti',
        attributes: [
          {
            code: 'surface',
            datatype: 'singlevaluelist',
            order: 1,
            description: 'What is painted?',
            values: [],
          },
          {
            code: 'height',
            datatype: 'number',
            order: 1,
            description: 'How high?',
            values: [{ key: 'x', name: 'X' }],
          },
          { code: 'bad[code]', datatype: 'string', order: 3, description: 'Oops' },
          {
            code: 'colour',
            datatype: 'multivaluelist',
            order: 4,
            description: 'Colours',
            values: [
              { key: 'red', name: 'Red' },
              { key: 'red', name: 'Rouge' },
            ],
          },
        ],
      },
      ADMIN,
    );
    expect(errorCodes(res)).toEqual(['INVALID_ATTRIBUTE_DEFINITION']);
    const fields = (res.errors![0].extensions!.fields as { field: string }[]).map((f) => f.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'attributes[0].values',
        'attributes[1].order',
        'attributes[1].values',
        'attributes[2].code',
        'attributes[3].values[1].key',
      ]),
    );
    const after = await routing.query<{ service: ServiceView }>(
      `{ service(code: "graffiti") { ${SERVICE_FIELDS} } }`,
    );
    expect(after.data!.service.attributes).toEqual([]);

    const unknown = await routing.query(SET_ATTRIBUTES, { code: 'nope', attributes: [] }, ADMIN);
    expect(errorCodes(unknown)).toEqual(['SERVICE_NOT_FOUND']);
    const badDatatype = await routing.query(
      SET_ATTRIBUTES,
      {
        code: 'graffiti',
        attributes: [{ code: 'a', datatype: 'colour', order: 1, description: 'x' }],
      },
      ADMIN,
    );
    expect(errorCodes(badDatatype)).toEqual(['BAD_USER_INPUT']);
  });

  it('replaces the attributes an admin sets, and seeding again never brings the samples back', async () => {
    const res = await routing.query<{ setServiceAttributes: ServiceView }>(
      SET_ATTRIBUTES,
      {
        code: 'pothole',
        attributes: [
          {
            code: 'depth_cm',
            datatype: 'number',
            order: 5,
            required: true,
            description: 'Depth in centimetres',
          },
          {
            code: 'safety',
            variable: false,
            datatype: 'text',
            order: 1,
            description: 'Do not stand in the road to measure.',
          },
        ],
      },
      ADMIN,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.setServiceAttributes.attributes.map((a) => a.code)).toEqual([
      'safety',
      'depth_cm',
    ]);

    await routing.query(SET_ATTRIBUTES, { code: 'abandoned-vehicle', attributes: [] }, ADMIN);
    {
      const ds = await routing.database.dataSource();
      await seedCatalog(ds);
      await seedCatalog(ds);
      const rows = (await ds.query(
        'SELECT service_code, code FROM service_attribute ORDER BY service_code, "order"',
      )) as { service_code: string; code: string }[];
      expect(rows.filter((r) => r.service_code === 'pothole').map((r) => r.code)).toEqual([
        'safety',
        'depth_cm',
      ]);
      expect(rows.filter((r) => r.service_code === 'abandoned-vehicle')).toEqual([]);
      expect(rows.filter((r) => r.service_code === 'missed-collection').map((r) => r.code)).toEqual(
        SEED_ATTRIBUTES['missed-collection'].map((a) => a.code),
      );
      expect(await pendingSchemaDrift(ds)).toEqual([]);
    }
    const metadata = await routing.query<{ service: { metadata: boolean } }>(
      '{ service(code: "abandoned-vehicle") { metadata } }',
    );
    expect(metadata.data!.service.metadata).toBe(false);
  });
});
