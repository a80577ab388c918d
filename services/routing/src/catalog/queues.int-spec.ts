import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CaseOpened,
  CaseRouted,
  GetDepartmentQueues,
  QueueAssignment,
  Role,
  type CaseRoutedV1,
  type Envelope,
  type Identity,
} from '@civitas/contracts';
import { pendingSchemaDrift } from '@civitas/persistence';
import {
  aCaseOpened,
  errorCodes,
  nextMatching,
  startServiceHarness,
  type GraphqlResponse,
  type ServiceHarness,
  aStaffMember,
} from '@civitas/testing';
import { ROUTING_APP } from '../app.module.js';
import type { RoutingConfig } from '../config/routing.config.js';
import { seedCatalog } from './catalog.seed.js';

const ADMIN = aStaffMember(Role.Admin, 'admin-1');
const STREETS_BOSS = aStaffMember(Role.Supervisor, 'sup-streets', 'streets');
const SAVE = `mutation($input: SaveQueueInput!) {
  saveQueue(input: $input) { code departmentCode name priority assignment }
}`;
const QUEUES = `query($d: String!) { queues(departmentCode: $d) { code name priority assignment } }`;

/** Queues and how each hands out its cases (docs/adr/0059). */
describe('routing: queues and their assignment policy', () => {
  let routing: ServiceHarness<RoutingConfig>;

  beforeAll(async () => {
    routing = await startServiceHarness({ ...ROUTING_APP, seed: seedCatalog });
  });

  afterAll(() => routing?.dispose());

  const fieldsOf = (res: GraphqlResponse<unknown>) =>
    (res.errors?.[0]?.extensions?.fields as { field: string }[] | undefined)?.map((f) => f.field);
  const save = (input: Record<string, unknown>, who: Partial<Identity> = ADMIN) =>
    routing.query(SAVE, { input }, who);

  it('keeps the schema as the migrations leave it, every seeded queue MANUAL', async () => {
    const ds = await routing.database.dataSource();
    expect(await pendingSchemaDrift(ds)).toEqual([]);
    const res = await routing.query<{ queues: { code: string; assignment: string }[] }>(
      QUEUES,
      { d: 'streets' },
      aStaffMember(Role.Caseworker, 'cw', 'streets'),
    );
    expect(res.data!.queues).toEqual([
      {
        code: 'streets.general',
        name: 'Department of Streets and Transportation: general',
        priority: false,
        assignment: 'MANUAL',
      },
      {
        code: 'streets.priority',
        name: 'Department of Streets and Transportation: priority',
        priority: true,
        assignment: 'MANUAL',
      },
    ]);
    expect(errorCodes(await routing.query(QUEUES, { d: 'streets' }))).toEqual(['UNAUTHENTICATED']);
  });

  it('lets a supervisor add a queue to their department and set its policy, and case-routed carries it', async () => {
    const added = await save(
      {
        code: 'streets.potholes',
        departmentCode: 'streets',
        name: 'Potholes',
        assignment: 'LEAST_LOADED',
      },
      STREETS_BOSS,
    );
    expect(added.errors).toBeUndefined();
    expect(added.data).toEqual({
      saveQueue: {
        code: 'streets.potholes',
        departmentCode: 'streets',
        name: 'Potholes',
        priority: false,
        assignment: 'LEAST_LOADED',
      },
    });
    const general = await save(
      {
        code: 'streets.general',
        departmentCode: 'streets',
        name: 'Streets',
        assignment: 'ROUND_ROBIN',
      },
      STREETS_BOSS,
    );
    expect(general.errors).toBeUndefined();

    const routed = await routing.probe(CaseRouted);
    const opened = aCaseOpened().forService('pothole').build();
    await routing.publish(CaseOpened, opened);
    const event = await nextMatching<Envelope<CaseRoutedV1>>(
      routed,
      (e) => e.payload.caseId === opened.caseId,
    );
    expect(event.payload).toMatchObject({
      queueCode: 'streets.general',
      assignment: QueueAssignment.ROUND_ROBIN,
    });

    const known = await routing.ask(
      GetDepartmentQueues,
      { departmentCodes: ['streets', 'mars'], queueCodes: ['streets.potholes', 'nowhere'] },
      { as: 'cases' },
    );
    expect(known).toEqual({
      departmentCodes: ['streets'],
      queues: [{ code: 'streets.potholes', departmentCode: 'streets', assignment: 'LEAST_LOADED' }],
    });
  });

  it('refuses another department’s supervisor, an unknown department, a move between departments and a bad code, naming the field', async () => {
    const foreign = await save(
      { code: 'parks.lawns', departmentCode: 'parks', name: 'Lawns' },
      STREETS_BOSS,
    );
    expect([errorCodes(foreign), fieldsOf(foreign)]).toEqual([['FORBIDDEN'], ['departmentCode']]);
    const unknown = await save({ code: 'mars.general', departmentCode: 'mars', name: 'Mars' });
    expect([errorCodes(unknown), fieldsOf(unknown)]).toEqual([
      ['UNKNOWN_DEPARTMENT'],
      ['departmentCode'],
    ]);
    const moved = await save({ code: 'streets.general', departmentCode: 'parks', name: 'Moved' });
    expect([errorCodes(moved), fieldsOf(moved)]).toEqual([
      ['QUEUE_IN_OTHER_DEPARTMENT'],
      ['departmentCode'],
    ]);
    const badCode = await save({ code: 'Streets General!', departmentCode: 'streets', name: 'X' });
    expect([errorCodes(badCode), fieldsOf(badCode)]).toEqual([['BAD_USER_INPUT'], ['code']]);
    const blank = await save({ code: 'streets.x', departmentCode: 'streets', name: '  ' });
    expect([errorCodes(blank), fieldsOf(blank)]).toEqual([['BAD_USER_INPUT'], ['name']]);
    const caseworker = await save(
      { code: 'streets.x', departmentCode: 'streets', name: 'X' },
      aStaffMember(Role.Caseworker, 'cw', 'streets'),
    );
    expect(errorCodes(caseworker)).toEqual(['FORBIDDEN']);
  });
});
