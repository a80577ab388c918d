import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CaseOpened,
  CaseRouted,
  GetServiceDefinition,
  HistoryOpened,
  HistoryRouted,
  Role,
  type CaseOpenedV1,
} from '@civitas/contracts';
import { pendingSchemaDrift } from '@civitas/persistence';
import {
  aCaseOpened,
  aHistoryOpened,
  errorCodes,
  graphql,
  nextMatching,
  startServiceHarness,
  type ServiceHarness,
  gatewayHeaders,
  servedAndCommittedSdl,
} from '@civitas/testing';
import { ROUTING_APP } from '../app.module.js';
import type { RoutingConfig } from '../config/routing.config.js';
import { seedCatalog, SEED_DEPARTMENTS, SEED_SERVICES } from './catalog.seed.js';

describe('routing: the service catalog', () => {
  let routing: ServiceHarness<RoutingConfig>;

  beforeAll(async () => {
    routing = await startServiceHarness({
      ...ROUTING_APP,
      seed: seedCatalog,
    });
  });

  afterAll(() => routing?.dispose());

  it('lists the seeded catalog to anonymous callers, each service with its department', async () => {
    const res = await routing.query<{ services: { code: string; department: { code: string } }[] }>(
      '{ services { code name group keywords department { code name } } }',
    );
    expect(res.errors).toBeUndefined();
    const codes = res.data!.services.map((s) => s.code);
    for (const code of [
      'pothole',
      'streetlight-out',
      'graffiti',
      'illegal-dumping',
      'noise-residential',
      'missed-collection',
      'abandoned-vehicle',
      'parking-meter',
      'general-inquiry',
    ]) {
      expect(codes).toContain(code);
    }
    expect(codes.length).toBeGreaterThanOrEqual(12);
    expect(new Set(res.data!.services.map((s) => s.department.code)).size).toBeGreaterThanOrEqual(
      5,
    );
  });

  it('resolves the services other subgraphs name (a list of cases), repeated and unknown codes included', async () => {
    const res = await routing.query<{
      _entities: ({ code: string; department: { code: string }; metadata: boolean } | null)[];
    }>(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Service { code department { code } metadata attributes { code } } } }',
      {
        r: ['pothole', 'no-such-service', 'graffiti', 'pothole'].map((code) => ({
          __typename: 'Service',
          code,
        })),
      },
    );
    expect(res.errors).toBeUndefined();
    const [pothole, unknown, graffiti, again] = res.data!._entities;
    expect(pothole).toMatchObject({ code: 'pothole', department: { code: 'streets' } });
    expect(unknown).toBeNull();
    expect(graffiti).toMatchObject({ code: 'graffiti' });
    expect(again).toEqual(pothole);
  });

  it('seeding twice changes nothing', async () => {
    const ds = await routing.database.dataSource();
    await seedCatalog(ds);
    const [{ n }] = (await ds.query('SELECT count(*)::int AS n FROM service')) as { n: number }[];
    const [{ d }] = (await ds.query('SELECT count(*)::int AS d FROM department')) as {
      d: number;
    }[];
    expect(n).toBe(SEED_SERVICES.length);
    expect(d).toBe(SEED_DEPARTMENTS.length);
    expect(await pendingSchemaDrift(ds)).toEqual([]);
  });

  it('answers analytics whether a service code exists, and refuses other callers', async () => {
    const ask = (caller: 'analytics' | 'intake', serviceCode: string) =>
      routing.request(GetServiceDefinition, { serviceCode }, { as: caller });
    const known = await ask('analytics', 'pothole');
    expect(known).toMatchObject({
      ok: true,
      payload: { found: true, service: { departmentCode: 'streets' } },
    });
    const unknown = await ask('analytics', 'no-such-thing');
    expect(unknown.payload?.found).toBe(false);
    expect(unknown.payload?.knownCodes).toContain('pothole');
    // Intake validates against its own copy of the catalog (docs/adr/0069).
    const forbidden = await ask('intake', 'pothole');
    expect(forbidden).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it.each([
    ['pothole', false, 'streets', 'streets.general', 'NORMAL', 72],
    ['traffic-signal', false, 'streets', 'streets.general', 'HIGH', 4],
    // general-inquiry: 18 business hours from Tue 04:00 EST are Tue and Wed 08:00-17:00
    ['no-longer-offered', false, 'customer-service', 'customer-service.general', 'NORMAL', 37],
    ['graffiti', true, 'public-works', 'public-works.priority', 'EMERGENCY', 4],
  ])(
    'routes a %s case (emergency: %s) to %s / %s with priority %s due in %i h',
    async (serviceCode, emergency, department, queue, priority, hours) => {
      const routed = await routing.probe(CaseRouted);
      const openedAt = new Date('2026-11-24T09:00:00Z');
      const opening = aCaseOpened().forService(serviceCode).openedAt(openedAt);
      const opened = (emergency ? opening.asEmergency() : opening).build();
      const { caseId } = opened;
      await routing.publish(CaseOpened, opened);
      const event = await nextMatching<{
        payload: {
          caseId: string;
          departmentCode: string;
          queueCode: string;
          priority: string;
          dueAt: string;
        };
      }>(routed, (b) => b.payload.caseId === caseId);
      expect(event.payload).toMatchObject({
        departmentCode: department,
        queueCode: queue,
        priority,
      });
      expect(new Date(event.payload.dueAt).getTime() - openedAt.getTime()).toBe(hours * 3_600_000);
      const res = await routing.query<{
        _entities: { department: { code: string } }[];
      }>(
        'query($r: [_Any!]!) { _entities(representations: $r) { ... on Case { department { code } queue { code } } } }',
        { r: [{ __typename: 'Case', id: caseId }] },
      );
      expect(res.data!._entities[0]).toMatchObject({
        department: { code: department },
      });
    },
  );

  it('answers the department and queue of many cases at once, each its own, null for one not routed', async () => {
    const routed = await routing.probe(CaseRouted);
    const pothole = aCaseOpened().forService('pothole').build();
    const graffiti = aCaseOpened().forService('graffiti').asEmergency().build();
    for (const opened of [pothole, graffiti]) {
      await routing.publish(CaseOpened, opened);
      await nextMatching<{ payload: { caseId: string } }>(
        routed,
        (b) => b.payload.caseId === opened.caseId,
      );
    }
    const notRouted = aCaseOpened().build().caseId;
    const res = await routing.query<{
      _entities: { department: { code: string } | null; queue: { code: string } | null }[];
    }>(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Case { department { code } queue { code } } } }',
      {
        r: [graffiti.caseId, notRouted, pothole.caseId, graffiti.caseId].map((id) => ({
          __typename: 'Case',
          id,
        })),
      },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities).toEqual([
      { department: { code: 'public-works' }, queue: { code: 'public-works.priority' } },
      { department: null, queue: null },
      { department: { code: 'streets' }, queue: { code: 'streets.general' } },
      { department: { code: 'public-works' }, queue: { code: 'public-works.priority' } },
    ]);
  });

  it('routes imported history a batch at a time, as it was when opened, and a redelivered batch routes nothing twice', async () => {
    const routed = await routing.probe(HistoryRouted);
    const history = (serviceCode: string, i: number): CaseOpenedV1 =>
      aCaseOpened()
        .forService(serviceCode)
        .openedAt(`2014-04-0${i + 1}T09:00:00.000Z`)
        .imported({ sourceSystem: 'ottawa311', closedAt: `2014-04-0${i + 2}T09:00:00.000Z` })
        .build();
    const first = [history('pothole', 0), history('no-longer-offered', 1)];
    await routing.publish(
      HistoryOpened,
      aHistoryOpened()
        .of(...first)
        .build(),
    );
    const event = await nextMatching<{
      payload: { routed: { caseId: string; departmentCode: string; routedAt: string }[] };
    }>(routed, (b) => b.payload.routed.some((r) => r.caseId === first[0].caseId));
    expect(event.payload.routed).toEqual([
      expect.objectContaining({
        caseId: first[0].caseId,
        departmentCode: 'streets',
        routedAt: first[0].openedAt,
        legacy: first[0].legacy,
      }),
      expect.objectContaining({
        caseId: first[1].caseId,
        serviceCode: 'general-inquiry',
        departmentCode: 'customer-service',
      }),
    ]);
    // The first batch again with one new case: only the new one is routed and announced.
    const added = history('graffiti', 2);
    await routing.publish(
      HistoryOpened,
      aHistoryOpened()
        .of(...first, added)
        .build(),
    );
    const next = await nextMatching<{ payload: { routed: { caseId: string }[] } }>(routed, (b) =>
      b.payload.routed.some((r) => r.caseId === added.caseId),
    );
    expect(next.payload.routed.map((r) => r.caseId)).toEqual([added.caseId]);
    const res = await routing.query<{ _entities: { department: { code: string } }[] }>(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Case { department { code } } } }',
      { r: [first[0], first[1], added].map((c) => ({ __typename: 'Case', id: c.caseId })) },
    );
    expect(res.data!._entities.map((e) => e.department.code)).toEqual([
      'streets',
      'customer-service',
      'public-works',
    ]);
  });

  it('refuses a GraphQL call that did not come through the gateway', async () => {
    const res = await graphql(routing.url, '{ services { code } }');
    expect(res.status).toBe(401);
    expect(errorCodes(res)).toEqual(['UNAUTHENTICATED']);
  });

  it('ignores an identity header sent without the gateway secret', async () => {
    const res = await graphql(
      routing.url,
      '{ services { code } }',
      {},
      {
        'x-civitas-identity': Buffer.from(
          JSON.stringify({ sub: 'x', roles: [Role.Admin], departments: [] }),
        ).toString('base64url'),
      },
    );
    expect(res.status).toBe(401);
  });
  it('serves the subgraph schema committed in services/routing/schema.graphql (run npm run schema after changing it)', async () => {
    const { served, committed, path } = await servedAndCommittedSdl(
      routing.url,
      gatewayHeaders(),
      'routing',
    );
    expect(committed).not.toBeNull();
    expect(served).toBe(committed);
    expect(path).toContain('routing');
  });
});
