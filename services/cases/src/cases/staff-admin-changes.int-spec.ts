import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CasesAdminChangeRecorded,
  GetDepartmentQueues,
  QueueAssignment,
  Role,
  type AdminChangeRecordedV1,
  type Envelope,
} from '@civitas/contracts';
import {
  errorCodes,
  nextMatching,
  peer,
  startServiceHarness,
  type ServiceHarness,
  aStaffMember,
} from '@civitas/testing';
import type { Consumer } from '@nats-io/jetstream';
import { CASES_APP } from '../app.module.js';
import type { CasesConfig } from '../config/cases.config.js';

const ADMIN = aStaffMember(Role.Admin, 'admin-audit-2');
const PARKS_BOSS = aStaffMember(Role.Supervisor, 'sup-parks', 'parks');
const QUEUES = [
  { code: 'streets.general', departmentCode: 'streets', assignment: QueueAssignment.MANUAL },
  { code: 'parks.general', departmentCode: 'parks', assignment: QueueAssignment.MANUAL },
];
const SAVE_STAFF = `mutation($input: SaveStaffMemberInput!) {
  saveStaffMember(input: $input) { subject }
}`;

/** Changes to the staff directory are recorded in their transaction, without personal data (docs/adr/0092). */
describe('cases: staff changes are recorded', () => {
  let cases: ServiceHarness<CasesConfig>;
  let recorded: Consumer;

  beforeAll(async () => {
    cases = await startServiceHarness({
      ...CASES_APP,
      peers: [
        peer(GetDepartmentQueues, async ({ departmentCodes, queueCodes }) => ({
          departmentCodes: departmentCodes.filter((d) => ['streets', 'parks'].includes(d)),
          queues: QUEUES.filter((q) => queueCodes.includes(q.code)),
        })),
      ],
    });
    recorded = await cases.probe(CasesAdminChangeRecorded);
  });

  afterAll(() => cases?.dispose());

  const next = () => nextMatching<Envelope<AdminChangeRecordedV1>>(recorded, () => true);
  const save = (input: Record<string, unknown>, who = ADMIN) =>
    cases.query(SAVE_STAFF, { input }, who);
  const dana = {
    subject: 'cw-dana',
    name: 'Dana Okafor',
    email: 'dana.okafor@city.example',
    departmentCodes: ['streets'],
    queueCodes: ['streets.general'],
    capacity: 10,
    active: true,
  };

  it('records who added and changed a staff member, withholding their name and e-mail', async () => {
    expect((await save(dana)).errors).toBeUndefined();
    const added = await next();
    expect(added.actor).toMatchObject({ service: 'cases', sub: 'admin-audit-2' });
    expect(added.payload).toMatchObject({
      kind: 'STAFF_MEMBER',
      entityId: 'cw-dana',
      action: 'CREATED',
    });
    expect(added.payload.changes).toContainEqual({
      field: 'name',
      before: null,
      after: null,
      withheld: true,
    });
    expect(JSON.stringify(added.payload)).not.toContain('Okafor');
    expect(JSON.stringify(added.payload)).not.toContain('dana.okafor@');

    expect((await save({ ...dana, capacity: 4, active: false })).errors).toBeUndefined();
    const changed = await next();
    expect(changed.payload).toMatchObject({ action: 'UPDATED' });
    expect(changed.payload.changes).toEqual([
      { field: 'capacity', before: '10', after: '4' },
      { field: 'active', before: 'true', after: 'false' },
    ]);
  });

  it('records nothing for a refused change, then the next one that is made', async () => {
    const refused = await save({ ...dana, capacity: 2 }, PARKS_BOSS);
    expect(errorCodes(refused)).toEqual(['FORBIDDEN']);
    const unknownQueue = await save({ ...dana, queueCodes: ['streets.nowhere'] });
    expect(errorCodes(unknownQueue)).toEqual(['UNKNOWN_QUEUE']);
    expect(
      (
        await save(
          { ...dana, subject: 'cw-parks', departmentCodes: ['parks'], queueCodes: [] },
          PARKS_BOSS,
        )
      ).errors,
    ).toBeUndefined();
    const change = await next();
    expect(change.payload).toMatchObject({ entityId: 'cw-parks', action: 'CREATED' });
    expect(change.actor.sub).toBe('sup-parks');
  });
});
