import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GetServiceDefinition, Role } from '@civitas/contracts';
import {
  errorCodes,
  startServiceHarness,
  type GraphqlResponse,
  type ServiceHarness,
  aStaffMember,
} from '@civitas/testing';
import { ROUTING_APP } from '../app.module.js';
import type { RoutingConfig } from '../config/routing.config.js';
import { seedCatalog } from './catalog.seed.js';

const ADMIN = aStaffMember(Role.Admin, 'admin-1');
const SEARCH = 'code duplicateRadiusMeters duplicateWindowDays';

const fields = (res: GraphqlResponse<unknown>) =>
  (res.errors?.[0]?.extensions?.fields as { field: string }[] | undefined)?.map((f) => f.field);

/** How near and how recent an open case must be for a report to be its duplicate (docs/adr/0063). */
describe('routing: each service says how it looks for duplicates', () => {
  let routing: ServiceHarness<RoutingConfig>;

  beforeAll(async () => {
    routing = await startServiceHarness({ ...ROUTING_APP, seed: seedCatalog });
  });

  afterAll(() => routing?.dispose());

  it('looks 50 m round and 30 days back unless an admin says otherwise; the bus carries it', async () => {
    const created = await routing.query<{ createService: Record<string, unknown> }>(
      `mutation($input: CreateServiceInput!) { createService(input: $input) { ${SEARCH} } }`,
      {
        input: {
          code: 'abandoned-bike-test',
          name: 'Abandoned bike',
          group: 'Streets',
          departmentCode: 'streets',
          slaHours: 72,
        },
      },
      ADMIN,
    );
    expect(created.errors).toBeUndefined();
    expect(created.data!.createService).toEqual({
      code: 'abandoned-bike-test',
      duplicateRadiusMeters: 50,
      duplicateWindowDays: 30,
    });

    const updated = await routing.query<{ updateService: Record<string, unknown> }>(
      `mutation { updateService(code: "graffiti", input: { duplicateRadiusMeters: 80, duplicateWindowDays: 7 }) { ${SEARCH} } }`,
      {},
      ADMIN,
    );
    expect(updated.errors).toBeUndefined();
    expect(updated.data!.updateService).toEqual({
      code: 'graffiti',
      duplicateRadiusMeters: 80,
      duplicateWindowDays: 7,
    });
    const reply = await routing.request(
      GetServiceDefinition,
      { serviceCode: 'graffiti' },
      { as: 'analytics' },
    );
    expect(reply).toMatchObject({
      ok: true,
      payload: { service: { duplicateSearch: { radiusMeters: 80, windowDays: 7 } } },
    });
  });

  it('refuses a distance past 1,000 m or a window of no days, naming the field, and non-admins', async () => {
    const far = await routing.query(
      'mutation { updateService(code: "pothole", input: { duplicateRadiusMeters: 5000 }) { code } }',
      {},
      ADMIN,
    );
    expect(errorCodes(far)).toEqual(['BAD_USER_INPUT']);
    expect(fields(far)).toEqual(['duplicateRadiusMeters']);
    const never = await routing.query(
      'mutation { updateService(code: "pothole", input: { duplicateWindowDays: 0 }) { code } }',
      {},
      ADMIN,
    );
    expect(errorCodes(never)).toEqual(['BAD_USER_INPUT']);
    const refused = await routing.query(
      'mutation { updateService(code: "pothole", input: { duplicateRadiusMeters: 0 }) { code } }',
      {},
      aStaffMember(Role.Caseworker, 'cw-1', 'streets'),
    );
    expect(errorCodes(refused)).toEqual(['FORBIDDEN']);
  });
});
