import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  Role,
  RoutingAdminChangeRecorded,
  type AdminChangeRecordedV1,
  type Envelope,
} from '@civitas/contracts';
import {
  aRoutingRuleInput,
  errorCodes,
  nextMatching,
  startServiceHarness,
  type ServiceHarness,
  aStaffMember,
} from '@civitas/testing';
import type { Consumer } from '@nats-io/jetstream';
import { ROUTING_APP } from './app.module.js';
import { seedCatalog } from './catalog/index.js';
import type { RoutingConfig } from './config/routing.config.js';

const ADMIN = aStaffMember(Role.Admin, 'admin-audit-1');
const PARKS_BOSS = aStaffMember(Role.Supervisor, 'sup-parks', 'parks');

type Recorded = Envelope<AdminChangeRecordedV1>;

/** Every configuration change in routing is recorded in its transaction (docs/adr/0092). */
describe('routing: admin changes are recorded with the change', () => {
  let routing: ServiceHarness<RoutingConfig>;
  let recorded: Consumer;

  beforeAll(async () => {
    routing = await startServiceHarness({ ...ROUTING_APP, seed: seedCatalog });
    recorded = await routing.probe(RoutingAdminChangeRecorded);
  });

  afterAll(() => routing?.dispose());

  /** The next change recorded; every test reads all it made, so none is left for the next. */
  const next = () => nextMatching<Recorded>(recorded, () => true);

  const ok = async (query: string, variables: Record<string, unknown>, who = ADMIN) => {
    const res = await routing.query(query, variables, who);
    expect(res.errors).toBeUndefined();
    return res;
  };

  it('records a service change with who made it and each field from and to', async () => {
    await ok(
      'mutation { updateService(code: "park-maintenance", input: { name: "Park care", slaHours: 96, active: true }) { code } }',
      {},
    );
    const change = await next();
    expect(change.actor).toMatchObject({
      service: 'routing',
      sub: 'admin-audit-1',
      roles: ['admin'],
    });
    expect(change.payload).toMatchObject({
      kind: 'SERVICE',
      entityId: 'park-maintenance',
      action: 'UPDATED',
    });
    // `active` was already true: only what changed is in it.
    expect(change.payload.changes.map((c) => c.field)).toEqual(['name', 'targetHours']);
    expect(JSON.parse(change.payload.changes[1].before!)).toBe(90);
    expect(change.payload.changes[0]).toEqual({
      field: 'name',
      before: JSON.stringify('Park maintenance'),
      after: JSON.stringify('Park care'),
    });
    expect(JSON.parse(change.payload.changes[1].after!)).toBe(96);
  });

  it('records nothing for a change that fails, then the next change that succeeds', async () => {
    const unknown = await routing.query(
      'mutation { updateService(code: "no-such-service", input: { name: "X" }) { code } }',
      {},
      ADMIN,
    );
    expect(errorCodes(unknown)).toEqual(['SERVICE_NOT_FOUND']);
    // Refused inside its transaction, after the department was read.
    const outside = await routing.query(
      'mutation($i: SaveQueueInput!) { saveQueue(input: $i) { code } }',
      {
        i: {
          code: 'streets.night',
          departmentCode: 'streets',
          name: 'Night',
          assignment: 'MANUAL',
        },
      },
      PARKS_BOSS,
    );
    expect(errorCodes(outside)).toEqual(['FORBIDDEN']);
    await ok(
      'mutation($i: SaveQueueInput!) { saveQueue(input: $i) { code } }',
      {
        i: {
          code: 'parks.night',
          departmentCode: 'parks',
          name: 'Night',
          assignment: 'ROUND_ROBIN',
        },
      },
      PARKS_BOSS,
    );
    const change = await next();
    expect(change.payload).toMatchObject({
      kind: 'QUEUE',
      entityId: 'parks.night',
      action: 'CREATED',
    });
    expect(change.actor.sub).toBe('sup-parks');
    expect(change.payload.changes).toContainEqual({
      field: 'assignment',
      before: null,
      after: JSON.stringify('ROUND_ROBIN'),
    });
  });

  it('makes no change whose record cannot be written', async () => {
    const sql = await routing.database.dataSource();
    // The outbox refuses the record, as a full disk or a lost connection would at that moment.
    await sql.query(`
      CREATE FUNCTION refuse_admin_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.subject LIKE '%admin-change-recorded%' THEN
          RAISE EXCEPTION 'no room for the record';
        END IF;
        RETURN NEW;
      END $$`);
    await sql.query(
      'CREATE TRIGGER refuse_admin_change BEFORE INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION refuse_admin_change()',
    );
    try {
      const res = await routing.query(
        'mutation { updateService(code: "park-maintenance", input: { name: "Never saved" }) { code } }',
        {},
        ADMIN,
      );
      expect(res.errors).toBeDefined();
      const [service] = (await sql.query(
        `SELECT name FROM service WHERE code = 'park-maintenance'`,
      )) as {
        name: string;
      }[];
      expect(service.name).toBe('Park care');
    } finally {
      await sql.query('DROP TRIGGER refuse_admin_change ON outbox');
      await sql.query('DROP FUNCTION refuse_admin_change()');
    }
  });

  it('records services added, questions, departments, districts, calendars and routing rules saved, moved and deleted', async () => {
    await ok(
      'mutation($a: [ServiceAttributeInput!]!) { setServiceAttributes(serviceCode: "park-maintenance", attributes: $a) { code } }',
      {
        a: [
          {
            code: 'where',
            datatype: 'string',
            order: 1,
            required: true,
            description: 'Where in the park?',
          },
        ],
      },
    );
    const attributes = (await next()).payload;
    expect(attributes).toMatchObject({ kind: 'SERVICE_ATTRIBUTES', entityId: 'park-maintenance' });
    expect(JSON.parse(attributes.changes[0].after!)).toEqual([
      expect.objectContaining({ code: 'where', description: 'Where in the park?' }),
    ]);

    await ok(
      'mutation { setDepartmentEscalationEmail(departmentCode: "parks", email: "parks-desk@city.example") { code } }',
      {},
    );
    expect((await next()).payload).toMatchObject({
      kind: 'DEPARTMENT',
      entityId: 'parks',
      changes: [{ field: 'escalationEmail', before: null, after: '"parks-desk@city.example"' }],
    });

    const loop = {
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
    await ok('mutation($i: SaveDistrictInput!) { saveDistrict(input: $i) { code } }', {
      i: { code: 'loop', name: 'The Loop', geometry: JSON.stringify(loop) },
    });
    const district = (await next()).payload;
    expect(district).toMatchObject({ kind: 'DISTRICT', entityId: 'loop', action: 'CREATED' });
    expect(district.changes.map((c) => c.field)).toEqual(['name', 'geometry', 'active']);

    await ok(
      `mutation { saveBusinessCalendar(input: { code: "night-shift", timeZone: "America/Chicago",
        hours: [{ day: MONDAY, opens: "20:00", closes: "23:00" }], holidays: [] }) { code } }`,
      {},
    );
    expect((await next()).payload).toMatchObject({
      kind: 'BUSINESS_CALENDAR',
      entityId: 'night-shift',
      action: 'CREATED',
    });
    await ok(
      'mutation { setDepartmentCalendar(departmentCode: "parks", calendarCode: "night-shift") { code } }',
      {},
    );
    const calendar = (await next()).payload;
    expect(calendar).toMatchObject({ kind: 'DEPARTMENT', entityId: 'parks', action: 'UPDATED' });
    expect(calendar.changes).toEqual([
      expect.objectContaining({ field: 'calendarCode', after: '"night-shift"' }),
    ]);

    await ok('mutation($i: CreateServiceInput!) { createService(input: $i) { code } }', {
      i: {
        code: 'bench-repair',
        name: 'Bench repair',
        group: 'Parks and Trees',
        departmentCode: 'parks',
        slaHours: 120,
      },
    });
    const created = (await next()).payload;
    expect(created).toMatchObject({ kind: 'SERVICE', entityId: 'bench-repair', action: 'CREATED' });
    expect(created.changes).toContainEqual({
      field: 'name',
      before: null,
      after: '"Bench repair"',
    });

    const saved = await ok(
      'mutation($i: SaveRoutingRuleInput!) { saveRoutingRule(input: $i) { id } }',
      { i: aRoutingRuleInput().sendsTo('parks').build() },
    );
    const ruleId = (saved.data as { saveRoutingRule: { id: string } }).saveRoutingRule.id;
    expect((await next()).payload).toMatchObject({
      kind: 'ROUTING_RULE',
      entityId: ruleId,
      action: 'CREATED',
    });
    // Moved to where it is: nothing changed, nothing recorded. Then after a second rule.
    await ok('mutation($i: MoveRoutingRuleInput!) { moveRoutingRule(input: $i) { id } }', {
      i: { id: ruleId, position: 0 },
    });
    await ok('mutation($i: SaveRoutingRuleInput!) { saveRoutingRule(input: $i) { id } }', {
      i: aRoutingRuleInput().sendsTo('parks').build(),
    });
    const second = (await next()).payload;
    expect(second).toMatchObject({ kind: 'ROUTING_RULE', action: 'CREATED' });
    expect(second.entityId).not.toBe(ruleId);
    await ok('mutation($i: MoveRoutingRuleInput!) { moveRoutingRule(input: $i) { id } }', {
      i: { id: ruleId, position: 1 },
    });
    expect((await next()).payload).toMatchObject({
      kind: 'ROUTING_RULE',
      entityId: ruleId,
      action: 'MOVED',
      changes: [{ field: 'position', before: '0', after: '1' }],
    });
    await ok('mutation($id: ID!) { deleteRoutingRule(id: $id) }', { id: ruleId });
    const deleted = (await next()).payload;
    expect(deleted).toMatchObject({ kind: 'ROUTING_RULE', entityId: ruleId, action: 'DELETED' });
    expect(deleted.changes.find((c) => c.field === 'departmentCode')).toEqual({
      field: 'departmentCode',
      before: '"parks"',
      after: null,
    });
  });
});
