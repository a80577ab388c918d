import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CaseOpened, CaseRouted, Role, type CaseRoutedV1 } from '@civitas/contracts';
import { pendingSchemaDrift } from '@civitas/persistence';
import {
  aCaseOpened,
  errorCodes,
  nextMatching,
  startServiceHarness,
  type GraphqlResponse,
  type ServiceHarness,
  aResident,
  aStaffMember,
} from '@civitas/testing';
import { ROUTING_APP } from '../app.module.js';
import { seedCatalog } from '../catalog/index.js';
import type { RoutingConfig } from '../config/routing.config.js';

const ADMIN = aStaffMember(Role.Admin, 'admin-1');
const SUPERVISOR = aStaffMember(Role.Supervisor, 'supervisor-1', 'streets');
const RESIDENT = aResident('resident-1');

const CALENDAR_FIELDS = 'code timeZone hours { day opens closes } holidays { date name }';
const LIST = `{ businessCalendars { ${CALENDAR_FIELDS} } }`;
const SAVE = `mutation($input: SaveBusinessCalendarInput!) { saveBusinessCalendar(input: $input) { ${CALENDAR_FIELDS} } }`;

interface CalendarView {
  code: string;
  timeZone: string;
  hours: { day: string; opens: string; closes: string }[];
  holidays: { date: string; name: string }[];
}

const WEEK = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'];

const LONDON = {
  code: 'london-office',
  timeZone: 'Europe/London',
  hours: WEEK.map((day) => ({ day, opens: '09:00', closes: '17:30' })),
  holidays: [
    { date: '2026-12-28', name: 'Boxing Day (substitute day)' },
    { date: '2026-12-25', name: 'Christmas Day' },
  ],
};

function fields(res: GraphqlResponse<unknown>): string[] {
  return (res.errors ?? []).flatMap((e) =>
    ((e.extensions?.fields as { field: string }[] | undefined) ?? []).map((f) => f.field),
  );
}

describe('routing: business calendars and due times in business hours', () => {
  let routing: ServiceHarness<RoutingConfig>;

  beforeAll(async () => {
    routing = await startServiceHarness({ ...ROUTING_APP, seed: seedCatalog });
  });

  afterAll(() => routing?.dispose());

  it('seeds the default calendar: Mon-Fri 08:00-17:00 in New York, U.S. federal holidays observed in 2026 and 2027', async () => {
    const res = await routing.query<{ businessCalendars: CalendarView[] }>(LIST, {}, SUPERVISOR);
    expect(res.errors).toBeUndefined();
    const calendar = res.data!.businessCalendars.find((c) => c.code === 'default')!;
    expect(calendar.timeZone).toBe('America/New_York');
    expect(calendar.hours).toEqual(WEEK.map((day) => ({ day, opens: '08:00', closes: '17:00' })));
    const dates = calendar.holidays.map((h) => h.date);
    // 11 a year, and New Year's Day 2028 (a Saturday) observed on Friday 2027-12-31.
    expect(dates).toHaveLength(23);
    expect(dates).toEqual([...dates].sort());
    expect(dates).toEqual(
      expect.arrayContaining([
        '2026-07-03',
        '2026-11-26',
        '2026-12-25',
        '2027-07-05',
        '2027-12-24',
        '2027-12-31',
      ]),
    );
    expect(dates).not.toContain('2026-07-04');
    const departments = await routing.query<{ departments: { calendarCode: string }[] }>(
      '{ departments { code calendarCode } }',
    );
    expect(new Set(departments.data!.departments.map((d) => d.calendarCode))).toEqual(
      new Set(['default']),
    );
  });

  it('lets staff read calendars, and only admins save them', async () => {
    expect(errorCodes(await routing.query(LIST))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await routing.query(LIST, {}, RESIDENT))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await routing.query(SAVE, { input: LONDON }, SUPERVISOR))).toEqual([
      'FORBIDDEN',
    ]);
  });

  it.each([
    ['an unknown time zone', { timeZone: 'Europe/Atlantis' }, 'INVALID_TIME_ZONE', 'timeZone'],
    [
      'opening at or after closing',
      { hours: [{ day: 'MONDAY', opens: '17:00', closes: '09:00' }] },
      'INVALID_OPENING_HOURS',
      'hours[0].closes',
    ],
    [
      'a time that is no time',
      { hours: [{ day: 'MONDAY', opens: '25:00', closes: '17:00' }] },
      'INVALID_OPENING_HOURS',
      'hours[0].opens',
    ],
    [
      'a date that does not exist',
      { holidays: [{ date: '2026-02-29', name: 'Leap day' }] },
      'INVALID_HOLIDAY',
      'holidays[0].date',
    ],
    [
      'the same holiday date twice',
      {
        holidays: [
          { date: '2026-12-25', name: 'Christmas Day' },
          { date: '2026-12-25', name: 'Christmas again' },
        ],
      },
      'DUPLICATE_HOLIDAY',
      'holidays[1].date',
    ],
  ])('refuses %s with %s naming %s, and saves nothing', async (_what, change, code, field) => {
    const res = await routing.query(
      SAVE,
      { input: { ...LONDON, code: 'refused', ...change } },
      ADMIN,
    );
    expect(errorCodes(res)).toEqual([code]);
    expect(fields(res)).toEqual([field]);
    const list = await routing.query<{ businessCalendars: CalendarView[] }>(LIST, {}, ADMIN);
    expect(list.data!.businessCalendars.map((c) => c.code)).not.toContain('refused');
  });

  it('refuses a day that is not a day of the week', async () => {
    const res = await routing.query(
      SAVE,
      {
        input: {
          ...LONDON,
          code: 'refused',
          hours: [{ day: 'FUNDAY', opens: '09:00', closes: '17:00' }],
        },
      },
      ADMIN,
    );
    expect(res.errors?.[0].message).toMatch(/FUNDAY/);
    expect(res.data ?? null).toBeNull();
  });

  it('saves a calendar and reads it back, holidays in date order; saving again replaces it whole', async () => {
    const saved = await routing.query<{ saveBusinessCalendar: CalendarView }>(
      SAVE,
      { input: LONDON },
      ADMIN,
    );
    expect(saved.errors).toBeUndefined();
    expect(saved.data!.saveBusinessCalendar).toEqual({
      ...LONDON,
      holidays: [LONDON.holidays[1], LONDON.holidays[0]],
    });
    const replaced = await routing.query<{ saveBusinessCalendar: CalendarView }>(
      SAVE,
      { input: { ...LONDON, holidays: [{ date: '2026-12-25', name: 'Christmas Day' }] } },
      ADMIN,
    );
    expect(replaced.data!.saveBusinessCalendar.holidays).toEqual([
      { date: '2026-12-25', name: 'Christmas Day' },
    ]);
    const list = await routing.query<{ businessCalendars: CalendarView[] }>(LIST, {}, SUPERVISOR);
    expect(list.data!.businessCalendars.find((c) => c.code === 'london-office')).toEqual(
      replaced.data!.saveBusinessCalendar,
    );
    expect(await pendingSchemaDrift(await routing.database.dataSource())).toEqual([]);
  });

  it('lets admins give a department a calendar, refusing an unknown calendar or department by field', async () => {
    const set =
      'mutation($d: String!, $c: String!) { setDepartmentCalendar(departmentCode: $d, calendarCode: $c) { code calendarCode } }';
    const unknownCalendar = await routing.query(set, { d: 'parks', c: 'mars-base' }, ADMIN);
    expect(errorCodes(unknownCalendar)).toEqual(['UNKNOWN_CALENDAR']);
    expect(fields(unknownCalendar)).toEqual(['calendarCode']);
    const unknownDepartment = await routing.query(set, { d: 'no-such', c: 'default' }, ADMIN);
    expect(errorCodes(unknownDepartment)).toEqual(['UNKNOWN_DEPARTMENT']);
    expect(fields(unknownDepartment)).toEqual(['departmentCode']);
    expect(errorCodes(await routing.query(set, { d: 'parks', c: 'default' }, SUPERVISOR))).toEqual([
      'FORBIDDEN',
    ]);
  });

  it('keeps slaHours, slaClock and pausesOnHold on a service; targetHours is the same number', async () => {
    const create = `mutation($input: CreateServiceInput!) { createService(input: $input) { code slaHours slaClock pausesOnHold targetHours } }`;
    const created = await routing.query<{ createService: Record<string, unknown> }>(
      create,
      {
        input: {
          code: 'permit-question',
          name: 'Question about a street permit',
          group: 'Streets',
          departmentCode: 'streets',
          slaHours: 2,
          slaClock: 'BUSINESS',
          pausesOnHold: true,
        },
      },
      ADMIN,
    );
    expect(created.errors).toBeUndefined();
    expect(created.data!.createService).toEqual({
      code: 'permit-question',
      slaHours: 2,
      slaClock: 'BUSINESS',
      pausesOnHold: true,
      targetHours: 2,
    });
    const noHours = await routing.query(
      create,
      { input: { code: 'no-hours', name: 'x', group: 'Streets', departmentCode: 'streets' } },
      ADMIN,
    );
    expect(errorCodes(noHours)).toEqual(['INVALID_SERVICE_LEVEL']);
    expect(fields(noHours)).toEqual(['slaHours']);
    const differ = await routing.query(
      'mutation { updateService(code: "permit-question", input: { slaHours: 3, targetHours: 4 }) { code } }',
      {},
      ADMIN,
    );
    expect(errorCodes(differ)).toEqual(['INVALID_SERVICE_LEVEL']);
    const seeded = await routing.query<{ service: Record<string, unknown> }>(
      '{ service(code: "graffiti") { slaHours slaClock targetHours } }',
    );
    expect(seeded.data!.service).toEqual({ slaHours: 45, slaClock: 'BUSINESS', targetHours: 45 });
  });

  async function route(
    serviceCode: string,
    openedAt: string,
    emergency = false,
  ): Promise<CaseRoutedV1> {
    const routed = await routing.probe(CaseRouted);
    const opening = aCaseOpened().forService(serviceCode).openedAt(new Date(openedAt));
    const opened = (emergency ? opening.asEmergency() : opening).build();
    await routing.publish(CaseOpened, opened);
    const event = await nextMatching<{ payload: CaseRoutedV1 }>(
      routed,
      (b) => b.payload.caseId === opened.caseId,
    );
    return event.payload;
  }

  it('routes a case opened Friday 16:30 for 2 business hours to be due Monday 09:30, at risk from 09:06', async () => {
    // Fri 2026-12-04 16:30 EST; the service was created above in streets (default calendar).
    const routed = await route('permit-question', '2026-12-04T21:30:00.000Z');
    expect(routed).toMatchObject({
      departmentCode: 'streets',
      slaClock: 'BUSINESS',
      slaHours: 2,
      dueAt: '2026-12-07T14:30:00.000Z',
      atRiskAt: '2026-12-07T14:06:00.000Z',
    });
  });

  it('skips a holiday, and keeps a possible emergency within 4 calendar hours', async () => {
    // Wed 2026-11-25 16:00 EST: Thanksgiving is skipped -> Fri 09:00 EST
    expect((await route('permit-question', '2026-11-25T21:00:00.000Z')).dueAt).toBe(
      '2026-11-27T14:00:00.000Z',
    );
    const emergency = await route('permit-question', '2026-12-04T21:30:00.000Z', true);
    expect(emergency).toMatchObject({
      slaClock: 'CALENDAR',
      slaHours: 2,
      dueAt: '2026-12-04T23:30:00.000Z',
    });
  });

  it("counts in the department's own calendar: London hours across the end of British Summer Time", async () => {
    await routing.query(SAVE, { input: LONDON }, ADMIN);
    const set = await routing.query(
      'mutation { setDepartmentCalendar(departmentCode: "parks", calendarCode: "london-office") { calendarCode } }',
      {},
      ADMIN,
    );
    expect(set.errors).toBeUndefined();
    await routing.query(
      'mutation { updateService(code: "park-maintenance", input: { slaHours: 1 }) { code } }',
      {},
      ADMIN,
    );
    // Fri 2026-10-23 17:00 BST + 1 business hour -> Mon 2026-10-26 09:30 GMT
    expect(await route('park-maintenance', '2026-10-23T16:00:00.000Z')).toMatchObject({
      departmentCode: 'parks',
      slaClock: 'BUSINESS',
      dueAt: '2026-10-26T09:30:00.000Z',
    });
  });

  it('keeps calendar hours for a CALENDAR service: today’s due times', async () => {
    expect(await route('pothole', '2026-12-04T21:30:00.000Z')).toMatchObject({
      slaClock: 'CALENDAR',
      slaHours: 72,
      dueAt: '2026-12-07T21:30:00.000Z',
    });
  });
});
