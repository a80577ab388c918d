import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CaseOpened,
  CaseRouted,
  HistoryOpened,
  HistoryRouted,
  Role,
  type CaseOpenedV1,
  type CaseRoutedV1,
} from '@civitas/contracts';
import { pendingSchemaDrift } from '@civitas/persistence';
import {
  aCaseOpened,
  aHistoryOpened,
  errorCodes,
  nextMatching,
  startServiceHarness,
  type ServiceHarness,
  aStaffMember,
} from '@civitas/testing';
import { ROUTING_APP } from '../app.module.js';
import type { RoutingConfig } from '../config/routing.config.js';
import { seedSampleData } from '../database/sample-data.seed.js';
import { SEED_DISTRICTS } from './districts.seed.js';

const ADMIN = aStaffMember(Role.Admin, 'admin-1');
const AGENT = aStaffMember(Role.Agent, 'agent-1');

const SAVE = `mutation($input: SaveDistrictInput!) { saveDistrict(input: $input) { code name active geometry } }`;

/** A box around Chicago's Loop, far from the sample districts (around New York). */
const LOOP = {
  type: 'Polygon',
  coordinates: [
    [
      [-87.64, 41.87],
      [-87.62, 41.87],
      [-87.62, 41.89],
      [-87.64, 41.89],
      [-87.64, 41.87],
    ],
  ],
};

interface Problem {
  field: string;
  reason: string;
}

describe('routing: districts', () => {
  let routing: ServiceHarness<RoutingConfig>;

  beforeAll(async () => {
    routing = await startServiceHarness({
      ...ROUTING_APP,
      seed: seedSampleData,
    });
  });

  afterAll(() => routing?.dispose());

  function opened(location?: CaseOpenedV1['location'], legacy = false): CaseOpenedV1 {
    const c = aCaseOpened().openedAt('2026-11-24T09:00:00.000Z');
    if (location) {
      c.at(location);
    }
    if (legacy) {
      c.imported({ sourceSystem: 'chicago311', closedAt: '2026-11-25T09:00:00.000Z' });
    }
    return c.build();
  }

  /** Opens a live case and answers the case-routed routing emitted for it. */
  async function route(location?: CaseOpenedV1['location']): Promise<CaseRoutedV1> {
    const routed = await routing.probe(CaseRouted);
    const c = opened(location);
    await routing.publish(CaseOpened, c);
    const event = await nextMatching<{ payload: CaseRoutedV1 }>(
      routed,
      (b) => b.payload.caseId === c.caseId,
    );
    return event.payload;
  }

  async function routedDistrict(caseId: string) {
    const res = await routing.query<{
      _entities: { routedDistrict: { code: string; name: string } | null }[];
    }>(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Case { routedDistrict { code name } } } }',
      { r: [{ __typename: 'Case', id: caseId }] },
    );
    expect(res.errors).toBeUndefined();
    return res.data!._entities[0].routedDistrict;
  }

  it('lists the sample districts to anonymous callers, each with its GeoJSON boundary', async () => {
    const res = await routing.query<{
      districts: { code: string; name: string; active: boolean; geometry: string }[];
    }>('{ districts { code name active geometry } }');
    expect(res.errors).toBeUndefined();
    expect(res.data!.districts.map((d) => d.code)).toEqual(
      SEED_DISTRICTS.map((d) => d.code).sort(),
    );
    const lower = res.data!.districts.find((d) => d.code === 'lower-manhattan')!;
    expect(lower).toMatchObject({ name: 'Lower Manhattan', active: true });
    expect(JSON.parse(lower.geometry)).toEqual(SEED_DISTRICTS[0].geometry);
  });

  it('places a case at the README’s example address in Lower Manhattan, and says so on the bus and in the graph', async () => {
    const routed = await route({ latitude: 40.7128, longitude: -74.006, address: '1 Centre St' });
    expect(routed).toMatchObject({ departmentCode: 'streets', districtCode: 'lower-manhattan' });
    expect(await routedDistrict(routed.caseId)).toEqual({
      code: 'lower-manhattan',
      name: 'Lower Manhattan',
    });
    // In the second part of a MultiPolygon (Williamsburg).
    expect((await route({ latitude: 40.715, longitude: -73.96 })).districtCode).toBe(
      'brooklyn-waterfront',
    );
  });

  it('gives no district to a case outside every district or without coordinates', async () => {
    const outside = await route({ latitude: 41.8781, longitude: -87.6298 });
    expect(outside).not.toHaveProperty('districtCode');
    expect(await routedDistrict(outside.caseId)).toBeNull();
    const addressOnly = await route({ address: '1 Centre St' });
    expect(addressOnly).not.toHaveProperty('districtCode');
    expect(await route()).not.toHaveProperty('districtCode');
  });

  it('lets only admins save districts', async () => {
    const input = { code: 'loop', name: 'The Loop', geometry: JSON.stringify(LOOP) };
    expect(errorCodes(await routing.query(SAVE, { input }))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await routing.query(SAVE, { input }, AGENT))).toEqual(['FORBIDDEN']);
    const res = await routing.query<{ district: unknown }>('{ district(code: "loop") { code } }');
    expect(res.data!.district).toBeNull();
  });

  it('refuses a bad district naming each field and reason, and stores none of it', async () => {
    const badCode = await routing.query(
      SAVE,
      { input: { code: 'The Loop!', name: ' ', geometry: JSON.stringify(LOOP) } },
      ADMIN,
    );
    expect(errorCodes(badCode)).toEqual(['BAD_USER_INPUT']);
    expect((badCode.errors![0].extensions!.fields as Problem[]).map((p) => p.field).sort()).toEqual(
      ['code', 'name'],
    );

    const notGeoJson = await routing.query(
      SAVE,
      {
        input: { code: 'loop', name: 'The Loop', geometry: '{"type":"Point","coordinates":[1,2]}' },
      },
      ADMIN,
    );
    expect(errorCodes(notGeoJson)).toEqual(['BAD_USER_INPUT']);
    expect(notGeoJson.errors![0].extensions!.fields).toEqual([
      { field: 'geometry.type', reason: 'must be "Polygon" or "MultiPolygon", not "Point"' },
    ]);

    const broken = {
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [-87.64, 41.87],
            [-87.62, 41.87],
            [-87.62, 41.89],
            [-87.64, 41.88],
          ],
        ],
        // Too short, and a decimal point lost in each longitude.
        [
          [
            [-8764, 41.87],
            [-8764, 41.88],
            [-8764, 41.87],
          ],
        ],
      ],
    };
    const res = await routing.query(
      SAVE,
      { input: { code: 'loop', name: 'The Loop', geometry: JSON.stringify(broken) } },
      ADMIN,
    );
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors![0].extensions!.fields).toEqual([
      {
        field: 'geometry.coordinates[0][0]',
        reason: 'is not closed: its last position must repeat its first',
      },
      {
        field: 'geometry.coordinates[1][0]',
        reason: expect.stringContaining('at least 4 positions'),
      },
      {
        field: 'geometry.coordinates[1][0][0]',
        reason: 'longitude -8764 is outside -180..180 (positions are [longitude, latitude])',
      },
      {
        field: 'geometry.coordinates[1][0][1]',
        reason: 'longitude -8764 is outside -180..180 (positions are [longitude, latitude])',
      },
      {
        field: 'geometry.coordinates[1][0][2]',
        reason: 'longitude -8764 is outside -180..180 (positions are [longitude, latitude])',
      },
    ]);
    const stored = await routing.query<{ district: unknown }>(
      '{ district(code: "loop") { code } }',
    );
    expect(stored.data!.district).toBeNull();
  });

  it('places cases by a district as soon as it is saved, by its new boundary once replaced, and in none once inactive', async () => {
    const inLoop = { latitude: 41.8781, longitude: -87.6298 };
    const created = await routing.query<{
      saveDistrict: { code: string; name: string; active: boolean; geometry: string };
    }>(
      SAVE,
      { input: { code: 'loop', name: ' The Loop ', geometry: JSON.stringify(LOOP) } },
      ADMIN,
    );
    expect(created.errors).toBeUndefined();
    expect(created.data!.saveDistrict).toMatchObject({
      code: 'loop',
      name: 'The Loop',
      active: true,
    });
    expect(JSON.parse(created.data!.saveDistrict.geometry)).toEqual(LOOP);
    expect((await route(inLoop)).districtCode).toBe('loop');

    // Moved a block north: the same point is now outside it.
    const moved = {
      type: 'Polygon',
      coordinates: [LOOP.coordinates[0].map(([x, y]) => [x, y + 0.02])],
    };
    const replaced = await routing.query<{ saveDistrict: { name: string; active: boolean } }>(
      SAVE,
      { input: { code: 'loop', name: 'Loop (north)', geometry: JSON.stringify(moved) } },
      ADMIN,
    );
    expect(replaced.data!.saveDistrict).toEqual(
      expect.objectContaining({ name: 'Loop (north)', active: true }),
    );
    expect(await route(inLoop)).not.toHaveProperty('districtCode');
    expect((await route({ latitude: 41.9, longitude: -87.63 })).districtCode).toBe('loop');

    await routing.query(
      SAVE,
      {
        input: {
          code: 'loop',
          name: 'Loop (north)',
          geometry: JSON.stringify(moved),
          active: false,
        },
      },
      ADMIN,
    );
    expect(await route({ latitude: 41.9, longitude: -87.63 })).not.toHaveProperty('districtCode');
    const listed = await routing.query<{ districts: { code: string }[] }>('{ districts { code } }');
    expect(listed.data!.districts.map((d) => d.code)).not.toContain('loop');
    // The admin's list keeps it, marked inactive, so it can be brought back.
    const all = await routing.query<{ districts: { code: string; active: boolean }[] }>(
      '{ districts(includeInactive: true) { code active } }',
      {},
      ADMIN,
    );
    expect(all.data!.districts).toContainEqual({ code: 'loop', active: false });
    expect(all.data!.districts.filter((d) => d.active).map((d) => d.code)).toEqual(
      listed.data!.districts.map((d) => d.code),
    );
    const one = await routing.query<{ district: { active: boolean } }>(
      '{ district(code: "loop") { active } }',
    );
    expect(one.data!.district).toEqual({ active: false });
    // Saved again without `active`: it stays inactive.
    await routing.query(
      SAVE,
      { input: { code: 'loop', name: 'Loop', geometry: JSON.stringify(moved) } },
      ADMIN,
    );
    expect(
      (
        await routing.query<{ district: { active: boolean } }>(
          '{ district(code: "loop") { active } }',
        )
      ).data!.district,
    ).toEqual({ active: false });
  });

  it('places imported history by its coordinates too', async () => {
    const routed = await routing.probe(HistoryRouted);
    const batch = [
      opened({ latitude: 40.7128, longitude: -74.006 }, true),
      opened({ latitude: 41.8781, longitude: -87.6298 }, true),
      opened(undefined, true),
    ];
    await routing.publish(
      HistoryOpened,
      aHistoryOpened()
        .of(...batch)
        .build(),
    );
    const event = await nextMatching<{ payload: { routed: CaseRoutedV1[] } }>(routed, (b) =>
      b.payload.routed.some((r) => r.caseId === batch[0].caseId),
    );
    expect(event.payload.routed.map((r) => r.districtCode)).toEqual([
      'lower-manhattan',
      undefined,
      undefined,
    ]);
    expect(await routedDistrict(batch[0].caseId)).toMatchObject({ code: 'lower-manhattan' });
  });

  it('seeding again adds no district and restores none an admin changed; migrations match the entities', async () => {
    await routing.query(
      SAVE,
      { input: { code: 'midtown-manhattan', name: 'Midtown', geometry: JSON.stringify(LOOP) } },
      ADMIN,
    );
    const ds = await routing.database.dataSource();
    await seedSampleData(ds);
    const rows = (await ds.query('SELECT code, name FROM district ORDER BY code')) as {
      code: string;
      name: string;
    }[];
    expect(rows).toEqual([
      { code: 'brooklyn-waterfront', name: 'Brooklyn Waterfront' },
      { code: 'loop', name: 'Loop' },
      { code: 'lower-manhattan', name: 'Lower Manhattan' },
      { code: 'midtown-manhattan', name: 'Midtown' },
    ]);
    expect(await pendingSchemaDrift(ds)).toEqual([]);
  });
});
