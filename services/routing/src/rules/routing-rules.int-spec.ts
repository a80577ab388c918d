import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CaseOpened, CaseRouted, Channel, Role, type CaseRoutedV1 } from '@civitas/contracts';
import { pendingSchemaDrift } from '@civitas/persistence';
import {
  aCaseOpened,
  aRoutingRuleInput,
  errorCodes,
  nextMatching,
  startServiceHarness,
  type CaseOpenedBuilder,
  type GraphqlResponse,
  type SaveRoutingRuleInput,
  type ServiceHarness,
  aStaffMember,
} from '@civitas/testing';
import { ROUTING_APP } from '../app.module.js';
import type { RoutingConfig } from '../config/routing.config.js';
import { seedSampleData } from '../database/sample-data.seed.js';

const ADMIN = aStaffMember(Role.Admin, 'admin-1');
const STREETS_SUPERVISOR = aStaffMember(Role.Supervisor, 'sup-streets', 'streets');
const PARKS_SUPERVISOR = aStaffMember(Role.Supervisor, 'sup-parks', 'parks');
const AGENT = aStaffMember(Role.Agent, 'agent-1');
const ANALYST = aStaffMember(Role.Analyst, 'analyst-1');

const RULE_FIELDS = `id name position enabled version updatedBy updatedAt
  when { serviceCodes districtCodes channels keywords emergency attribute { code equals } }
  then { departmentCode queueCode priority slaHours }`;
const SAVE = `mutation($input: SaveRoutingRuleInput!) { saveRoutingRule(input: $input) { ${RULE_FIELDS} } }`;
const LIST = `{ routingRules { ${RULE_FIELDS} } }`;
const HISTORY = `query($id: ID!) { routingRuleHistory(id: $id) { ruleId version change changedBy changedAt name position enabled
  when { serviceCodes keywords } then { departmentCode queueCode priority slaHours } } }`;
const DELETE = 'mutation($id: ID!) { deleteRoutingRule(id: $id) }';
const PREVIEW = `query($input: PreviewRoutingInput!) { previewRouting(input: $input) {
  departmentCode queueCode priority slaHours slaClock dueAt atRiskAt district ruleId ruleName } }`;

interface Rule {
  id: string;
  name: string;
  position: number;
  enabled: boolean;
  version: number;
  updatedBy: string | null;
  updatedAt: string;
  when: Record<string, unknown>;
  then: {
    departmentCode: string;
    queueCode: string | null;
    priority: string | null;
    slaHours: number | null;
  };
}

interface Problem {
  field: string;
  reason: string;
}

describe('routing: routing rules and previewRouting', () => {
  let routing: ServiceHarness<RoutingConfig>;

  beforeAll(async () => {
    routing = await startServiceHarness({ ...ROUTING_APP, seed: seedSampleData });
  });

  afterAll(() => routing?.dispose());

  async function save(
    input: SaveRoutingRuleInput,
    as: Parameters<typeof routing.query>[2] = ADMIN,
  ): Promise<GraphqlResponse<{ saveRoutingRule: Rule }>> {
    return routing.query<{ saveRoutingRule: Rule }>(SAVE, { input }, as);
  }

  async function saved(input: SaveRoutingRuleInput): Promise<Rule> {
    const res = await save(input);
    expect(res.errors).toBeUndefined();
    return res.data!.saveRoutingRule;
  }

  async function list(as: Parameters<typeof routing.query>[2] = ADMIN): Promise<Rule[]> {
    const res = await routing.query<{ routingRules: Rule[] }>(LIST, {}, as);
    expect(res.errors).toBeUndefined();
    return res.data!.routingRules;
  }

  /** Opens a live case and answers the case-routed routing emitted for it. */
  async function route(c: CaseOpenedBuilder): Promise<CaseRoutedV1> {
    const routed = await routing.probe(CaseRouted);
    const opened = c.build();
    await routing.publish(CaseOpened, opened);
    const event = await nextMatching<{ payload: CaseRoutedV1 }>(
      routed,
      (b) => b.payload.caseId === opened.caseId,
    );
    return event.payload;
  }

  async function decisionRow(caseId: string): Promise<Record<string, unknown>> {
    const ds = await routing.database.dataSource();
    const [row] = (await ds.query(
      'SELECT department_code, queue_code, priority, target_hours, due_at, rule_name FROM case_routing WHERE case_id = $1',
      [caseId],
    )) as Record<string, unknown>[];
    return row;
  }

  const problemsOf = (res: GraphqlResponse<unknown>): Problem[] =>
    (res.errors?.[0]?.extensions?.fields as Problem[] | undefined) ?? [];

  it('saves a rule, lists it, replaces it and keeps every version: who, when, what', async () => {
    const created = await saved(
      aRoutingRuleInput()
        .named('Potholes by schools')
        .at(10)
        .when({ serviceCodes: ['pothole'], keywords: ['school', 'escuela'] })
        .sendsTo('streets', { queueCode: 'streets.priority', priority: 'HIGH', slaHours: 24 })
        .build(),
    );
    expect(created).toMatchObject({
      name: 'Potholes by schools',
      position: 10,
      enabled: true,
      version: 1,
      updatedBy: 'admin-1',
      when: {
        serviceCodes: ['pothole'],
        districtCodes: [],
        channels: [],
        keywords: ['school', 'escuela'],
        emergency: null,
        attribute: null,
      },
      then: {
        departmentCode: 'streets',
        queueCode: 'streets.priority',
        priority: 'HIGH',
        slaHours: 24,
      },
    });
    expect((await list()).map((r) => r.id)).toContain(created.id);

    const replaced = await saved(
      aRoutingRuleInput()
        .replacing(created.id)
        .named('Potholes by schools and hospitals')
        .when({ serviceCodes: ['pothole'], keywords: ['school', 'escuela', 'hospital'] })
        .sendsTo('streets', { queueCode: 'streets.priority', priority: 'HIGH', slaHours: 24 })
        .build(),
    );
    // Position and enabled were omitted: they stay as they were.
    expect(replaced).toMatchObject({ id: created.id, version: 2, position: 10, enabled: true });
    const listed = (await list()).find((r) => r.id === created.id)!;
    expect(listed.name).toBe('Potholes by schools and hospitals');

    const history = await routing.query<{ routingRuleHistory: Record<string, unknown>[] }>(
      HISTORY,
      { id: created.id },
      STREETS_SUPERVISOR,
    );
    expect(history.errors).toBeUndefined();
    expect(history.data!.routingRuleHistory).toEqual([
      expect.objectContaining({
        ruleId: created.id,
        version: 1,
        change: 'CREATED',
        changedBy: 'admin-1',
        changedAt: created.updatedAt,
        name: 'Potholes by schools',
        when: { serviceCodes: ['pothole'], keywords: ['school', 'escuela'] },
      }),
      expect.objectContaining({
        version: 2,
        change: 'UPDATED',
        changedAt: replaced.updatedAt,
        name: 'Potholes by schools and hospitals',
        when: { serviceCodes: ['pothole'], keywords: ['school', 'escuela', 'hospital'] },
      }),
    ]);
  });

  it('deletes a rule: it is no longer listed, and its history ends with who deleted it', async () => {
    const rule = await saved(
      aRoutingRuleInput()
        .when({ channels: ['LETTER'] })
        .build(),
    );
    const res = await routing.query<{ deleteRoutingRule: boolean }>(
      DELETE,
      { id: rule.id },
      PARKS_SUPERVISOR,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.deleteRoutingRule).toBe(true);
    expect((await list()).map((r) => r.id)).not.toContain(rule.id);
    const history = await routing.query<{
      routingRuleHistory: { change: string; changedBy: string }[];
    }>(HISTORY, { id: rule.id }, ADMIN);
    expect(history.data!.routingRuleHistory.map((v) => [v.change, v.changedBy])).toEqual([
      ['CREATED', 'admin-1'],
      ['DELETED', 'sup-parks'],
    ]);
    expect(errorCodes(await routing.query(DELETE, { id: rule.id }, ADMIN))).toEqual([
      'RULE_NOT_FOUND',
    ]);
  });

  it('refuses invalid rules with a code naming the field, and stores none of them', async () => {
    const before = (await list()).length;
    const refusals: [SaveRoutingRuleInput, string, string][] = [
      [
        aRoutingRuleInput()
          .when({ serviceCodes: ['pothole', 'unicorns'] })
          .build(),
        'UNKNOWN_SERVICE',
        'when.serviceCodes',
      ],
      [
        aRoutingRuleInput()
          .when({ districtCodes: ['atlantis'] })
          .build(),
        'UNKNOWN_DISTRICT',
        'when.districtCodes',
      ],
      [
        aRoutingRuleInput().sendsTo('ministry-of-magic').build(),
        'UNKNOWN_DEPARTMENT',
        'then.departmentCode',
      ],
      [
        aRoutingRuleInput().sendsTo('parks', { queueCode: 'parks.nowhere' }).build(),
        'UNKNOWN_QUEUE',
        'then.queueCode',
      ],
      [
        aRoutingRuleInput().sendsTo('parks', { queueCode: 'streets.general' }).build(),
        'QUEUE_NOT_IN_DEPARTMENT',
        'then.queueCode',
      ],
      [aRoutingRuleInput().when({}).build(), 'EMPTY_CONDITIONS', 'when'],
      // An answer no case of these services can carry: the question is another service's.
      [
        aRoutingRuleInput()
          .when({ serviceCodes: ['graffiti'], attribute: { code: 'in_bus_lane', equals: 'yes' } })
          .build(),
        'UNKNOWN_ATTRIBUTE',
        'when.attribute.code',
      ],
      [
        aRoutingRuleInput()
          .when({ attribute: { code: 'unicorn_colour', equals: 'pink' } })
          .build(),
        'UNKNOWN_ATTRIBUTE',
        'when.attribute.code',
      ],
      [
        aRoutingRuleInput()
          .when({ serviceCodes: [], keywords: [' '] })
          .build(),
        'BAD_USER_INPUT',
        'when.keywords',
      ],
      [
        aRoutingRuleInput().sendsTo('parks', { slaHours: 0 }).build(),
        'BAD_USER_INPUT',
        'then.slaHours',
      ],
      [
        aRoutingRuleInput().sendsTo('parks', { slaHours: -5 }).build(),
        'BAD_USER_INPUT',
        'then.slaHours',
      ],
      [aRoutingRuleInput().named('  ').build(), 'BAD_USER_INPUT', 'name'],
      [
        aRoutingRuleInput().replacing('6f1d3c1e-0000-4000-8000-000000000000').build(),
        'RULE_NOT_FOUND',
        'id',
      ],
    ];
    for (const [input, code, field] of refusals) {
      const res = await save(input);
      expect({ field, codes: errorCodes(res) }).toEqual({ field, codes: [code] });
      expect(problemsOf(res).map((p) => p.field)).toContain(field);
    }
    // A priority that is not one: refused by the schema, naming the field.
    const badPriority = await save(
      aRoutingRuleInput().sendsTo('parks', { priority: 'WHENEVER' }).build(),
    );
    expect(errorCodes(badPriority)).toEqual(['BAD_USER_INPUT']);
    expect(badPriority.errors![0].message).toContain('then.priority');
    expect((await list()).length).toBe(before);
  });

  it('lets supervisors manage and see only their departments’ rules, and nobody else any', async () => {
    const parksRule = await saved(
      aRoutingRuleInput()
        .when({ channels: ['WALK_IN'] })
        .build(),
    );
    // Another department's rule, or moving one to another department, is refused.
    const intoStreets = await save(
      aRoutingRuleInput().sendsTo('streets').build(),
      PARKS_SUPERVISOR,
    );
    expect(errorCodes(intoStreets)).toEqual(['FORBIDDEN']);
    expect(problemsOf(intoStreets).map((p) => p.field)).toEqual(['then.departmentCode']);
    const takeOver = await save(
      aRoutingRuleInput().replacing(parksRule.id).sendsTo('streets').build(),
      STREETS_SUPERVISOR,
    );
    expect(errorCodes(takeOver)).toEqual(['FORBIDDEN']);
    expect(problemsOf(takeOver).map((p) => p.field)).toEqual(['id']);
    expect(
      errorCodes(await routing.query(DELETE, { id: parksRule.id }, STREETS_SUPERVISOR)),
    ).toEqual(['FORBIDDEN']);
    expect(
      errorCodes(await routing.query(HISTORY, { id: parksRule.id }, STREETS_SUPERVISOR)),
    ).toEqual(['FORBIDDEN']);
    // Their own department's rule they may change.
    const own = await save(
      aRoutingRuleInput()
        .replacing(parksRule.id)
        .when({ channels: ['WALK_IN', 'PHONE'] })
        .build(),
      PARKS_SUPERVISOR,
    );
    expect(own.errors).toBeUndefined();
    expect(own.data!.saveRoutingRule).toMatchObject({ version: 2, updatedBy: 'sup-parks' });

    const streets = await list(STREETS_SUPERVISOR);
    expect(streets.length).toBeGreaterThan(0);
    expect(streets.every((r) => r.then.departmentCode === 'streets')).toBe(true);
    expect((await list(PARKS_SUPERVISOR)).map((r) => r.id)).toContain(parksRule.id);
    expect((await list()).length).toBeGreaterThan(streets.length);
    expect(await list(aStaffMember(Role.Supervisor, 'sup-nowhere'))).toEqual([]);

    for (const someone of [AGENT, ANALYST]) {
      expect(errorCodes(await routing.query(LIST, {}, someone))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await save(aRoutingRuleInput().build(), someone))).toEqual(['FORBIDDEN']);
    }
    expect(errorCodes(await routing.query(LIST))).toEqual(['UNAUTHENTICATED']);
  });

  it('routes a case opened after a rule is saved by the rule, and leaves cases routed before as they were', async () => {
    const openedAt = '2026-12-01T10:00:00.000Z';
    const graffiti = () =>
      aCaseOpened()
        .forService('graffiti')
        .via(Channel.MOBILE)
        .openedAt(openedAt)
        .describedAs('Pintadas en el PUENTE peatonal, junto al río');
    const before = await route(graffiti());
    expect(before).toMatchObject({
      departmentCode: 'public-works',
      queueCode: 'public-works.general',
      priority: 'LOW',
    });
    expect(before).not.toHaveProperty('ruleName');

    const rule = await saved(
      aRoutingRuleInput()
        .named('Bridges to parks')
        .at(0)
        .when({ serviceCodes: ['graffiti'], channels: ['MOBILE'], keywords: ['puente', 'bridge'] })
        .sendsTo('parks', { queueCode: 'parks.priority', priority: 'HIGH', slaHours: 12 })
        .build(),
    );
    const after = await route(graffiti());
    expect(after).toMatchObject({
      departmentCode: 'parks',
      queueCode: 'parks.priority',
      priority: 'HIGH',
      ruleName: 'Bridges to parks',
      // Graffiti is held to business hours (ADR 0054): the rule's 12 hours count in the parks
      // department's calendar (Mon-Fri 08:00-17:00 New York) from 05:00 on Tuesday: all of
      // Tuesday's 9 and 3 on Wednesday.
      slaHours: 12,
      slaClock: 'BUSINESS',
      dueAt: '2026-12-02T16:00:00.000Z',
    });
    expect(await decisionRow(after.caseId)).toMatchObject({
      department_code: 'parks',
      target_hours: 12,
      rule_name: 'Bridges to parks',
    });
    // The same case in English matches too; by another channel it does not (conditions are ANDed).
    expect((await route(graffiti().describedAs('Tags all over the bridge'))).ruleName).toBe(
      'Bridges to parks',
    );
    expect(await route(graffiti().via(Channel.WEB))).toMatchObject({
      departmentCode: 'public-works',
    });

    // Saving and then deleting rules leaves the case routed before the rule as it was.
    await saved(aRoutingRuleInput().replacing(rule.id).sendsTo('sanitation').build());
    expect(errorCodes(await routing.query(DELETE, { id: rule.id }, ADMIN))).toEqual([]);
    expect(await decisionRow(before.caseId)).toMatchObject({
      department_code: 'public-works',
      queue_code: 'public-works.general',
      priority: 'LOW',
      rule_name: null,
    });
    expect(await decisionRow(after.caseId)).toMatchObject({
      department_code: 'parks',
      rule_name: 'Bridges to parks',
    });
    expect((await route(graffiti())).departmentCode).toBe('public-works');
  });

  it('tries enabled rules by position and keeps the emergency floor', async () => {
    const keyword = 'zeppelin';
    await saved(
      aRoutingRuleInput()
        .named('later')
        .at(501)
        .when({ keywords: [keyword] })
        .sendsTo('sanitation')
        .build(),
    );
    await saved(
      aRoutingRuleInput()
        .named('first but off')
        .at(499)
        .disabled()
        .when({ keywords: [keyword] })
        .sendsTo('parks')
        .build(),
    );
    await saved(
      aRoutingRuleInput()
        .named('earlier')
        .at(500)
        .when({ keywords: [keyword] })
        .sendsTo('parks', { priority: 'LOW', slaHours: 100 })
        .build(),
    );
    const c = () =>
      aCaseOpened()
        .forService('pothole')
        .openedAt('2026-12-01T10:00:00.000Z')
        .describedAs(`A ${keyword} landed in the pothole`);
    expect(await route(c())).toMatchObject({
      ruleName: 'earlier',
      departmentCode: 'parks',
      queueCode: 'parks.general',
      priority: 'LOW',
    });
    // An emergency keeps its priority, the priority queue and the 4-hour cap.
    expect(await route(c().asEmergency())).toMatchObject({
      ruleName: 'earlier',
      departmentCode: 'parks',
      queueCode: 'parks.priority',
      priority: 'EMERGENCY',
      dueAt: '2026-12-01T14:00:00.000Z',
    });
  });

  it('previews routing for staff as if opened at openedAt, creating nothing', async () => {
    await saved(
      aRoutingRuleInput()
        .named('Bus lane potholes')
        .at(1)
        .when({
          serviceCodes: ['pothole'],
          districtCodes: ['lower-manhattan'],
          attribute: { code: 'in_bus_lane', equals: 'yes' },
        })
        .sendsTo('streets', { queueCode: 'streets.priority', priority: 'HIGH', slaHours: 6 })
        .build(),
    );
    const ds = await routing.database.dataSource();
    const count = async () =>
      ((await ds.query('SELECT count(*)::int AS n FROM case_routing')) as { n: number }[])[0].n;
    const routedBefore = await count();
    const input = {
      serviceCode: 'pothole',
      description: 'Deep hole in the bus lane',
      channel: 'WEB',
      location: { latitude: 40.7128, longitude: -74.006 },
      attributes: [{ code: 'in_bus_lane', values: ['Yes'] }],
      openedAt: '2026-12-04T16:30:00.000Z',
    };
    const res = await routing.query<{ previewRouting: Record<string, unknown> }>(
      PREVIEW,
      { input },
      AGENT,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.previewRouting).toMatchObject({
      departmentCode: 'streets',
      queueCode: 'streets.priority',
      priority: 'HIGH',
      slaHours: 6,
      slaClock: 'CALENDAR',
      dueAt: '2026-12-04T22:30:00.000Z',
      atRiskAt: '2026-12-04T21:18:00.000Z',
      district: 'lower-manhattan',
      ruleName: 'Bus lane potholes',
    });
    // Outside the district: no rule, the service's own department and target.
    const elsewhere = await routing.query<{ previewRouting: Record<string, unknown> }>(
      PREVIEW,
      { input: { ...input, location: { latitude: 41.8781, longitude: -87.6298 } } },
      ADMIN,
    );
    expect(elsewhere.data!.previewRouting).toMatchObject({
      departmentCode: 'streets',
      queueCode: 'streets.general',
      priority: 'NORMAL',
      slaHours: 72,
      dueAt: '2026-12-07T16:30:00.000Z',
      district: null,
      ruleId: null,
      ruleName: null,
    });
    // Without openedAt: as of now.
    const now = await routing.query<{ previewRouting: { dueAt: string } }>(
      PREVIEW,
      { input: { serviceCode: 'pothole' } },
      AGENT,
    );
    const dueIn = new Date(now.data!.previewRouting.dueAt).getTime() - Date.now();
    expect(dueIn).toBeGreaterThan(71 * 3_600_000);
    expect(dueIn).toBeLessThanOrEqual(72 * 3_600_000);

    expect(await count()).toBe(routedBefore);
    const unknown = await routing.query(PREVIEW, { input: { serviceCode: 'unicorns' } }, AGENT);
    expect(errorCodes(unknown)).toEqual(['UNKNOWN_SERVICE']);
    expect(problemsOf(unknown).map((p) => p.field)).toEqual(['serviceCode']);
    expect(errorCodes(await routing.query(PREVIEW, { input }, ANALYST))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await routing.query(PREVIEW, { input }))).toEqual(['UNAUTHENTICATED']);
  });

  it('previews a rule before it is saved, in place of the rule it would replace, saving nothing', async () => {
    const busLane = await saved(
      aRoutingRuleInput()
        .named('Bus lane potholes (draft test)')
        .at(2)
        .when({ serviceCodes: ['pothole'], keywords: ['bus lane'] })
        .sendsTo('streets', { queueCode: 'streets.priority', priority: 'HIGH' })
        .build(),
    );
    const rulesBefore = await list();
    const input = {
      serviceCode: 'pothole',
      description: 'A sinkhole has opened in the bus lane',
      openedAt: '2026-12-04T16:30:00.000Z',
    };
    const preview = async (rule: SaveRoutingRuleInput) => {
      const res = await routing.query<{ previewRouting: Record<string, unknown> }>(
        PREVIEW,
        { input: { ...input, rule } },
        STREETS_SUPERVISOR,
      );
      expect(res.errors).toBeUndefined();
      return res.data!.previewRouting;
    };

    // A new rule, first in line: it decides, named, without an id (it has none yet).
    const sinkholes = aRoutingRuleInput()
      .named('Sinkholes to parks')
      .at(0)
      .when({ serviceCodes: ['pothole'], keywords: ['sinkhole'] })
      .sendsTo('parks', { priority: 'HIGH', slaHours: 4 });
    expect(await preview(sinkholes.build())).toMatchObject({
      departmentCode: 'parks',
      priority: 'HIGH',
      slaHours: 4,
      dueAt: '2026-12-04T20:30:00.000Z',
      ruleId: null,
      ruleName: 'Sinkholes to parks',
    });
    // Without a position a new rule comes after every saved one: the bus-lane rule decides.
    const unplaced = { ...sinkholes.build(), position: undefined };
    expect(await preview(unplaced)).toMatchObject({
      departmentCode: 'streets',
      queueCode: 'streets.priority',
      ruleId: busLane.id,
      ruleName: busLane.name,
    });
    // The saved rule, edited but not saved: disabled, it no longer decides.
    const edited = aRoutingRuleInput()
      .replacing(busLane.id)
      .named(busLane.name)
      .when({ serviceCodes: ['pothole'], keywords: ['bus lane'] })
      .sendsTo('streets', { queueCode: 'streets.priority', priority: 'HIGH' })
      .disabled()
      .build();
    expect(await preview(edited)).toMatchObject({ queueCode: 'streets.general', ruleId: null });

    // A draft is checked as a save is, with its fields named under `rule`.
    for (const [rule, code, field] of [
      [
        sinkholes.when({ serviceCodes: ['unicorns'] }).build(),
        'UNKNOWN_SERVICE',
        'rule.when.serviceCodes',
      ],
      [
        aRoutingRuleInput().replacing('6f1d3c1e-0000-4000-8000-000000000000').build(),
        'RULE_NOT_FOUND',
        'rule.id',
      ],
    ] as const) {
      const res = await routing.query(PREVIEW, { input: { ...input, rule } }, STREETS_SUPERVISOR);
      expect({ field, codes: errorCodes(res) }).toEqual({ field, codes: [code] });
      expect(problemsOf(res).map((p) => p.field)).toEqual([field]);
    }
    // Nothing saved: the same rules, the same versions.
    expect(await list()).toEqual(rulesBefore);
  });

  it('keeps its tables as the entities describe them', async () => {
    expect(await pendingSchemaDrift(await routing.database.dataSource())).toEqual([]);
  });
});
