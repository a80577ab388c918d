import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GetServiceCatalog, GetServiceDefinition, Role } from '@civitas/contracts';
import {
  errorCodes,
  startServiceHarness,
  type ServiceHarness,
  aStaffMember,
} from '@civitas/testing';
import { ROUTING_APP } from '../app.module.js';
import type { RoutingConfig } from '../config/routing.config.js';
import { seedCatalog } from './catalog.seed.js';

const ADMIN = aStaffMember(Role.Admin, 'admin-1');
const POLICY = 'code alwaysPrivate openDataLocation openDataDescription';

/** A service's privacy and open-data policy (docs/adr/0057), set by admins, read by intake and analytics. */
describe('routing: private services and their open-data policy', () => {
  let routing: ServiceHarness<RoutingConfig>;

  beforeAll(async () => {
    routing = await startServiceHarness({ ...ROUTING_APP, seed: seedCatalog });
  });

  afterAll(() => routing?.dispose());

  it('creates a service public, on the grid, without descriptions unless told otherwise', async () => {
    const res = await routing.query<{ createService: Record<string, unknown> }>(
      `mutation($input: CreateServiceInput!) { createService(input: $input) { ${POLICY} } }`,
      {
        input: {
          code: 'fallen-branch-test',
          name: 'Tree down',
          group: 'Parks',
          departmentCode: 'streets',
          targetHours: 24,
        },
      },
      ADMIN,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.createService).toEqual({
      code: 'fallen-branch-test',
      alwaysPrivate: false,
      openDataLocation: 'GRID',
      openDataDescription: false,
    });
  });

  it('lets an admin make a service always private and set how open data shows it; intake and analytics read it', async () => {
    const res = await routing.query<{ updateService: Record<string, unknown> }>(
      `mutation { updateService(code: "noise-residential", input: { alwaysPrivate: true, openDataLocation: DISTRICT, openDataDescription: true }) { ${POLICY} } }`,
      {},
      ADMIN,
    );
    expect(res.errors).toBeUndefined();
    const listed = await routing.query<{ services: Record<string, unknown>[] }>(
      `{ services { ${POLICY} } }`,
    );
    expect(listed.data!.services).toContainEqual({
      code: 'noise-residential',
      alwaysPrivate: true,
      openDataLocation: 'DISTRICT',
      openDataDescription: true,
    });
    const policy = { alwaysPrivate: true, openDataLocation: 'DISTRICT', openDataDescription: true };
    const reply = await routing.request(
      GetServiceDefinition,
      { serviceCode: 'noise-residential' },
      { as: 'analytics' },
    );
    expect(reply).toMatchObject({ ok: true, payload: { service: policy } });
    // Intake's copy of the catalog (docs/adr/0069).
    const catalog = await routing.ask(
      GetServiceCatalog,
      { includeRetired: true },
      { as: 'intake' },
    );
    expect(catalog.services.find((s) => s.service.code === 'noise-residential')).toMatchObject({
      service: policy,
    });
  });

  it('refuses an unknown open-data location, naming its type, and non-admins', async () => {
    const bad = await routing.query(
      'mutation { updateService(code: "pothole", input: { openDataLocation: EVERYWHERE }) { code } }',
      {},
      ADMIN,
    );
    expect(errorCodes(bad)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(bad.errors?.[0]?.message).toContain('OpenDataLocation');
    const refused = await routing.query(
      'mutation { updateService(code: "pothole", input: { alwaysPrivate: true }) { code } }',
      {},
      aStaffMember(Role.Analyst, 'analyst-1'),
    );
    expect(errorCodes(refused)).toEqual(['FORBIDDEN']);
  });
});
