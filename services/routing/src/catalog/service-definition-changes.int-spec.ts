import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  GetServiceCatalog,
  Role,
  ServiceDefinitionChanged,
  type ServiceDefinitionChangedV1,
} from '@civitas/contracts';
import {
  nextMatching,
  startServiceHarness,
  type ServiceHarness,
  aStaffMember,
} from '@civitas/testing';
import type { Consumer } from '@nats-io/jetstream';
import { ROUTING_APP } from '../app.module.js';
import type { RoutingConfig } from '../config/routing.config.js';
import { seedCatalog } from './catalog.seed.js';

const ADMIN = aStaffMember(Role.Admin, 'admin-1');

/**
 * Intake keeps its own copy of the catalog (docs/adr/0069): every change of a definition is
 * published whole, with a version one more, and intake may ask for the whole catalog once.
 */
describe('routing: service definitions are published whole at every change', () => {
  let routing: ServiceHarness<RoutingConfig>;
  let changes: Consumer;

  beforeAll(async () => {
    routing = await startServiceHarness({ ...ROUTING_APP, seed: seedCatalog });
    changes = await routing.probe(ServiceDefinitionChanged);
  });

  afterAll(() => routing?.dispose());

  const nextChangeOf = (code: string) =>
    nextMatching<{ payload: ServiceDefinitionChangedV1 }>(
      changes,
      (e) => e.payload.service.code === code,
    ).then((e) => e.payload);

  const admin = async (query: string, variables: Record<string, unknown> = {}) => {
    const res = await routing.query(query, variables, ADMIN);
    expect(res.errors).toBeUndefined();
  };

  it('publishes a created service, its questions, a change and its retirement, each a newer version', async () => {
    await admin(`mutation($input: CreateServiceInput!) { createService(input: $input) { code } }`, {
      input: {
        code: 'fallen-sign',
        name: 'Fallen sign',
        group: 'Streets',
        departmentCode: 'streets',
        slaHours: 48,
      },
    });
    const created = await nextChangeOf('fallen-sign');
    expect(created).toMatchObject({
      version: 1,
      active: true,
      service: {
        code: 'fallen-sign',
        name: 'Fallen sign',
        departmentCode: 'streets',
        targetHours: 48,
        attributes: [],
        duplicateSearch: { radiusMeters: 50, windowDays: 30 },
      },
    });

    await admin(
      `mutation($attributes: [ServiceAttributeInput!]!) {
        setServiceAttributes(serviceCode: "fallen-sign", attributes: $attributes) { code }
      }`,
      {
        attributes: [
          {
            code: 'kind',
            datatype: 'singlevaluelist',
            required: true,
            order: 1,
            description: 'Which sign?',
            values: [
              { key: 'stop', name: 'Stop' },
              { key: 'yield', name: 'Yield' },
            ],
          },
        ],
      },
    );
    const questioned = await nextChangeOf('fallen-sign');
    expect(questioned.version).toBe(created.version + 1);
    expect(questioned.service.attributes).toEqual([
      expect.objectContaining({
        code: 'kind',
        required: true,
        values: [
          { key: 'stop', name: 'Stop' },
          { key: 'yield', name: 'Yield' },
        ],
      }),
    ]);

    await admin(
      'mutation { updateService(code: "fallen-sign", input: { alwaysPrivate: true }) { code } }',
    );
    const privateNow = await nextChangeOf('fallen-sign');
    expect(privateNow).toMatchObject({
      version: questioned.version + 1,
      active: true,
      service: { alwaysPrivate: true, attributes: [expect.objectContaining({ code: 'kind' })] },
    });

    await admin(
      'mutation { updateService(code: "fallen-sign", input: { active: false }) { code } }',
    );
    const retired = await nextChangeOf('fallen-sign');
    expect(retired).toMatchObject({ version: privateNow.version + 1, active: false });

    // Gone from the catalog residents choose from; still in the admin's list, to bring back.
    const listed = async (includeInactive: boolean) =>
      (
        await routing.query<{ services: { code: string; active: boolean }[] }>(
          'query($all: Boolean!) { services(includeInactive: $all) { code active } }',
          { all: includeInactive },
        )
      ).data!.services;
    expect((await listed(false)).map((s) => s.code)).not.toContain('fallen-sign');
    expect(await listed(true)).toContainEqual({ code: 'fallen-sign', active: false });
  });

  it('gives intake the whole catalog with each version, retired services when asked, and no one else', async () => {
    const all = await routing.ask(GetServiceCatalog, { includeRetired: true }, { as: 'intake' });
    const sign = all.services.find((s) => s.service.code === 'fallen-sign');
    expect(sign).toMatchObject({ active: false, version: 4 });
    expect(all.services.find((s) => s.service.code === 'pothole')).toMatchObject({
      active: true,
      version: 1,
      service: { attributes: [expect.objectContaining({ code: 'size' }), expect.anything()] },
    });
    const offered = await routing.ask(GetServiceCatalog, { includeRetired: false });
    expect(offered.services.map((s) => s.service.code)).not.toContain('fallen-sign');
    expect(offered.services.length).toBe(all.services.length - 1);

    const forbidden = await routing.request(
      GetServiceCatalog,
      { includeRetired: true },
      { as: 'cases' },
    );
    expect(forbidden).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
