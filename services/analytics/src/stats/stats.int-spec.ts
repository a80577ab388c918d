import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CaseOpened,
  CaseRouted,
  CaseStatus,
  Channel,
  Priority,
  Role,
  StatusChanged,
  type Identity,
} from '@civitas/contracts';
import {
  aCaseOpened,
  aCaseRef,
  aCaseRouted,
  aStatusChanged,
  errorCodes,
  gatewayHeaders,
  pgDump,
  plaintextFound,
  startServiceHarness,
  type ServiceHarness,
  aResident,
  aStaffMember,
} from '@civitas/testing';
import { ANALYTICS_APP } from '../app.module.js';
import { gridCellOf, ROLLUPS, rollupContributionSql, type Rollup } from '../case-facts/index.js';
import type { AnalyticsConfig } from '../config/analytics.config.js';
import { percentile, publishHistory, untilFolded } from '../testing/figures.js';

const ANALYST = aStaffMember(Role.Analyst, 'analyst-1');
const ADMIN = aStaffMember(Role.Admin, 'admin-1');
const PARKS_SUPERVISOR = aStaffMember(Role.Supervisor, 'supervisor-1', 'parks');
const RESIDENT = aResident('resident-1');

const hoursBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 3_600_000;

/** A live case as the bus tells it: opened, routed, then each status change. */
interface LiveCase {
  service: string;
  department: string;
  district?: string;
  channel?: Channel;
  priority?: Priority;
  openedAt: string;
  dueAt: string;
  location?: { latitude: number; longitude: number; address?: string };
  description?: string;
  reporterId?: string;
  changes?: { from: CaseStatus; to: CaseStatus; at: string; duplicateOf?: string }[];
}

interface HistoryCase {
  service: string;
  department: string;
  district: string;
  openedAt: string;
  closedAt: string;
  dueAt: string;
}

const ROW = `key { department service district channel priority period }
  received closed open reopened medianHoursToClose p90HoursToClose slaMet slaMissed slaMetPercent
  overdueNow satisfactionAverage satisfactionResponses`;

describe('analytics figures for managers (Postgres + NATS)', () => {
  let analytics: ServiceHarness<AnalyticsConfig>;
  let statusEvents = 0;
  const caseIds: string[] = [];

  beforeAll(async () => {
    // Said explicitly (it is the default): days, months and hours are New York's.
    analytics = await startServiceHarness({
      ...ANALYTICS_APP,
      env: { ANALYTICS_TIME_ZONE: 'America/New_York' },
    });
  });

  afterAll(() => analytics?.dispose());

  async function live(c: LiveCase): Promise<string> {
    const ref = aCaseRef();
    caseIds.push(ref.caseId);
    let opened = aCaseOpened()
      .forCase(ref)
      .forService(c.service)
      .via(c.channel ?? Channel.WEB)
      .openedAt(c.openedAt);
    if (c.location) {
      opened = opened.at(c.location);
    }
    if (c.description) {
      opened = opened.with({ description: c.description });
    }
    if (c.reporterId) {
      opened = opened.reportedBy(c.reporterId);
    }
    await analytics.publish(CaseOpened, opened.build());
    let routed = aCaseRouted()
      .forCase({ ...ref, serviceCode: c.service })
      .toDepartment(c.department)
      .withPriority(c.priority ?? Priority.NORMAL)
      .due(c.dueAt)
      .routedAt(c.openedAt);
    if (c.district) {
      routed = routed.inDistrict(c.district);
    }
    await analytics.publish(CaseRouted, routed.build());
    for (const change of c.changes ?? []) {
      const event = aStatusChanged()
        .forCase(ref)
        .forService(c.service)
        .from(change.from)
        .to(change.to)
        .changedAt(change.at);
      await analytics.publish(
        StatusChanged,
        (change.duplicateOf ? event.asDuplicateOf(change.duplicateOf) : event).build(),
      );
      statusEvents += 1;
    }
    return ref.ticketNumber;
  }

  async function history(cases: HistoryCase[]): Promise<void> {
    await publishHistory(
      analytics,
      cases.map((c) => {
        const ref = aCaseRef();
        caseIds.push(ref.caseId);
        const opened = aCaseOpened()
          .forCase(ref)
          .forService(c.service)
          .openedAt(c.openedAt)
          .imported({ sourceSystem: 'nyc311', status: CaseStatus.CLOSED, closedAt: c.closedAt })
          .build();
        return { opened, department: c.department, district: c.district, dueAt: c.dueAt };
      }),
    );
  }

  const allFolded = () => untilFolded(analytics, { caseIds, statusChanges: statusEvents });

  function stats<T = { caseStats: Record<string, unknown>[] }>(
    args: string,
    identity: Partial<Identity> = ANALYST,
    variables: Record<string, unknown> = {},
  ) {
    return analytics.query<T>(
      `query($f: CaseStatsFilter) { caseStats(filter: $f ${args}) { ${ROW} } }`,
      variables,
      identity,
    );
  }

  // Live cases (New York: 15:00Z is 10:00 in winter). Hours to close, by closure month:
  // January: A 24 (met), B 72 (missed); February: C 168 after a reopening (missed).
  const A = { openedAt: '2026-01-10T15:00:00.000Z', closedAt: '2026-01-11T15:00:00.000Z' };
  const B = { openedAt: '2026-01-20T15:00:00.000Z', closedAt: '2026-01-23T15:00:00.000Z' };
  const C = { openedAt: '2026-02-05T15:00:00.000Z', closedAt: '2026-02-12T15:00:00.000Z' };
  // Imported history: H1 closed in December after 48 h (missed), H2 in January after 2 h (met).
  const H1 = { openedAt: '2025-12-01T14:00:00.000Z', closedAt: '2025-12-03T14:00:00.000Z' };
  const H2 = { openedAt: '2026-01-15T14:00:00.000Z', closedAt: '2026-01-15T16:00:00.000Z' };

  // Hot spot: three cases around one 250 m cell's centre, one a kilometre away.
  const spot = gridCellOf(40.7, -74.0, 250);
  const near = (dLat: number, dLon: number) => ({
    latitude: spot.latitude + dLat,
    longitude: spot.longitude + dLon,
  });

  // Personal data the events carry, which the analytics database must never hold.
  const SECRET_EMAIL = 'wilhelmina.quartermaine@example.org';
  const SECRET_ADDRESS = '1313 Mockingbird Lane Quartermaine';
  const SECRET_REPORTER = randomUUID();
  const EXACT = { latitude: 40.7123456789, longitude: -74.0061234567 };

  beforeAll(async () => {
    const ticketA = await live({
      service: 'pothole',
      department: 'streets',
      district: 'D1',
      openedAt: A.openedAt,
      dueAt: '2026-01-12T15:00:00.000Z',
      changes: [{ from: CaseStatus.OPEN, to: CaseStatus.CLOSED, at: A.closedAt }],
    });
    await live({
      service: 'pothole',
      department: 'streets',
      district: 'D1',
      channel: Channel.PHONE,
      priority: Priority.HIGH,
      openedAt: B.openedAt,
      dueAt: '2026-01-21T15:00:00.000Z',
      changes: [{ from: CaseStatus.OPEN, to: CaseStatus.CLOSED, at: B.closedAt }],
    });
    await live({
      service: 'pothole',
      department: 'streets',
      district: 'D2',
      openedAt: C.openedAt,
      dueAt: '2026-02-06T15:00:00.000Z',
      changes: [
        { from: CaseStatus.OPEN, to: CaseStatus.CLOSED, at: '2026-02-05T21:00:00.000Z' },
        { from: CaseStatus.CLOSED, to: CaseStatus.OPEN, at: '2026-02-10T15:00:00.000Z' },
        { from: CaseStatus.OPEN, to: CaseStatus.CLOSED, at: C.closedAt },
      ],
    });
    // D: still open, past its due time.
    await live({
      service: 'streetlight',
      department: 'streets',
      district: 'D2',
      openedAt: '2026-02-07T15:00:00.000Z',
      dueAt: '2026-02-08T15:00:00.000Z',
    });
    // E: a duplicate of A, closed as such: counted nowhere.
    await live({
      service: 'pothole',
      department: 'streets',
      district: 'D1',
      openedAt: '2026-02-08T15:00:00.000Z',
      dueAt: '2026-02-09T15:00:00.000Z',
      changes: [
        {
          from: CaseStatus.OPEN,
          to: CaseStatus.CLOSED,
          at: '2026-02-09T15:00:00.000Z',
          duplicateOf: ticketA,
        },
      ],
    });
    // Parks: open, due long after now; its location, reporter and description are personal.
    await live({
      service: 'tree',
      department: 'parks',
      district: 'D1',
      openedAt: '2026-02-03T15:00:00.000Z',
      dueAt: '2099-01-01T00:00:00.000Z',
      location: { ...EXACT, address: SECRET_ADDRESS },
      description: `Fallen tree, write to ${SECRET_EMAIL}`,
      reporterId: SECRET_REPORTER,
    });
    // Demand across the start of daylight saving time (Sunday 8 March 2026, 02:00 -> 03:00).
    for (const openedAt of [
      '2026-03-07T15:30:00.000Z', // Saturday 10:30 EST
      '2026-03-08T06:30:00.000Z', // Sunday 01:30 EST
      '2026-03-08T07:30:00.000Z', // Sunday 03:30 EDT (an hour later by the clock on the wall)
      '2026-03-09T14:30:00.000Z', // Monday 10:30 EDT
    ]) {
      await live({
        service: 'noise',
        department: 'environment',
        openedAt,
        dueAt: '2099-01-01T00:00:00.000Z',
        location: near(0.0001, -0.0001),
      });
    }
    await live({
      service: 'graffiti',
      department: 'environment',
      openedAt: '2026-03-10T15:00:00.000Z',
      dueAt: '2099-01-01T00:00:00.000Z',
      location: near(-0.0002, 0.0002),
    });
    await live({
      service: 'graffiti',
      department: 'environment',
      openedAt: '2026-03-10T16:00:00.000Z',
      dueAt: '2099-01-01T00:00:00.000Z',
      location: near(0.009, 0.009),
    });
    await history([
      {
        service: 'pothole',
        department: 'streets',
        district: 'D1',
        openedAt: H1.openedAt,
        closedAt: H1.closedAt,
        dueAt: '2025-12-02T14:00:00.000Z',
      },
      {
        service: 'pothole',
        department: 'streets',
        district: 'D1',
        openedAt: H2.openedAt,
        closedAt: H2.closedAt,
        dueAt: '2026-01-16T14:00:00.000Z',
      },
    ]);
    await allFolded();
  });

  describe('caseStats', () => {
    it('counts received and closed per service and month, times to close from the original times of history', async () => {
      const res = await stats('groupBy: [SERVICE], interval: MONTH', ANALYST, {
        f: { departmentCodes: ['streets'] },
      });
      expect(res.errors).toBeUndefined();
      const january = [A, B, H2].map((c) => hoursBetween(c.openedAt, c.closedAt));
      const key = (service: string, period: string) => ({
        department: null,
        service,
        district: null,
        channel: null,
        priority: null,
        period,
      });
      expect(res.data!.caseStats).toEqual([
        {
          key: key('pothole', '2025-12-01'),
          received: 1,
          closed: 1,
          open: 0,
          reopened: 0,
          medianHoursToClose: 48,
          p90HoursToClose: 48,
          slaMet: 0,
          slaMissed: 1,
          slaMetPercent: 0,
          overdueNow: 0,
          satisfactionAverage: null,
          satisfactionResponses: 0,
        },
        {
          key: key('pothole', '2026-01-01'),
          received: 3,
          closed: 3,
          open: 0,
          reopened: 0,
          medianHoursToClose: percentile(january, 0.5),
          p90HoursToClose: expect.closeTo(percentile(january, 0.9), 6),
          slaMet: 2,
          slaMissed: 1,
          slaMetPercent: expect.closeTo((2 / 3) * 100, 6),
          overdueNow: 0,
          satisfactionAverage: null,
          satisfactionResponses: 0,
        },
        {
          // C, reopened once and closed again; E closed as a duplicate is not counted.
          key: key('pothole', '2026-02-01'),
          received: 1,
          closed: 1,
          open: 0,
          reopened: 1,
          medianHoursToClose: hoursBetween(C.openedAt, C.closedAt),
          p90HoursToClose: hoursBetween(C.openedAt, C.closedAt),
          slaMet: 0,
          slaMissed: 1,
          slaMetPercent: 0,
          overdueNow: 0,
          satisfactionAverage: null,
          satisfactionResponses: 0,
        },
        {
          key: key('streetlight', '2026-02-01'),
          received: 1,
          closed: 0,
          open: 1,
          reopened: 0,
          medianHoursToClose: null,
          p90HoursToClose: null,
          slaMet: 0,
          slaMissed: 0,
          slaMetPercent: null,
          overdueNow: 1,
          satisfactionAverage: null,
          satisfactionResponses: 0,
        },
      ]);
    });

    it('filters by days, district, channel, priority and history', async () => {
      const row = async (f: Record<string, unknown>) => {
        const res = await stats('', ANALYST, { f: { departmentCodes: ['streets'], ...f } });
        expect(res.errors).toBeUndefined();
        return res.data!.caseStats[0] as { received: number; closed: number } | undefined;
      };
      expect(await row({ from: '2026-01-01', to: '2026-01-31' })).toMatchObject({
        received: 3,
        closed: 3,
      });
      expect(await row({ includeHistory: false })).toMatchObject({ received: 4, closed: 3 });
      expect(await row({ districtCodes: ['D2'] })).toMatchObject({ received: 2, closed: 1 });
      expect(await row({ channels: ['PHONE'], priorities: ['HIGH'] })).toMatchObject({
        received: 1,
        closed: 1,
      });
      expect(await row({ from: '2030-01-01' })).toBeUndefined();
    });

    it('groups by every dimension at once, one row per group', async () => {
      const res = await stats('groupBy: [DEPARTMENT, DISTRICT, CHANNEL, PRIORITY]', ADMIN, {
        f: { serviceCodes: ['pothole'], includeHistory: false },
      });
      expect(res.errors).toBeUndefined();
      expect(
        res.data!.caseStats.map((r) => [
          Object.values(r.key as object)
            .filter((v) => v !== null)
            .join('/'),
          r.received,
        ]),
      ).toEqual([
        ['streets/D1/PHONE/HIGH', 1],
        ['streets/D1/WEB/NORMAL', 1],
        ['streets/D2/WEB/NORMAL', 1],
      ]);
    });

    it('refuses a malformed day, naming the field', async () => {
      const res = await stats('', ANALYST, { f: { from: '2026-02-30' } });
      expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
      expect(res.errors![0].extensions?.fields).toEqual([
        { field: 'from', reason: 'must be a day written YYYY-MM-DD' },
      ]);
    });
  });

  describe('backlog', () => {
    it('counts open and overdue cases at the end of each month', async () => {
      const res = await analytics.query<{ backlog: unknown[] }>(
        `query($f: CaseStatsFilter) { backlog(filter: $f, interval: MONTH) { period endsOn open overdue } }`,
        { f: { from: '2025-12-01', to: '2026-02-28', departmentCodes: ['streets'] } },
        ANALYST,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.backlog).toEqual([
        { period: '2025-12-01', endsOn: '2025-12-31', open: 0, overdue: 0 },
        { period: '2026-01-01', endsOn: '2026-01-31', open: 0, overdue: 0 },
        // D is open and overdue; C was overdue from 6 February until its closure on the 12th.
        { period: '2026-02-01', endsOn: '2026-02-28', open: 1, overdue: 1 },
      ]);
      const midway = await analytics.query<{ backlog: unknown[] }>(
        `query($f: CaseStatsFilter) { backlog(filter: $f) { period endsOn open overdue } }`,
        { f: { to: '2026-01-21', departmentCodes: ['streets'] } },
        ANALYST,
      );
      // A closed, B open (due 21 January, not yet past at the end of the 21st: overdue counts
      // from the due day's end), H1 closed.
      expect(midway.data!.backlog).toEqual([
        { period: null, endsOn: '2026-01-21', open: 1, overdue: 1 },
      ]);
    });
  });

  describe('demandByHour', () => {
    it("counts by local day of the week and hour in the jurisdiction's zone, across a change of clocks", async () => {
      const res = await analytics.query<{
        demandByHour: { dayOfWeek: number; hour: number; received: number }[];
      }>(
        'query($f: CaseStatsFilter) { demandByHour(filter: $f) { dayOfWeek hour received } }',
        { f: { serviceCodes: ['noise'] } },
        ANALYST,
      );
      expect(res.errors).toBeUndefined();
      const cells = res.data!.demandByHour;
      expect(cells).toHaveLength(7 * 24);
      expect(cells.filter((c) => c.received > 0)).toEqual([
        { dayOfWeek: 0, hour: 1, received: 1 },
        { dayOfWeek: 0, hour: 3, received: 1 },
        { dayOfWeek: 1, hour: 10, received: 1 },
        { dayOfWeek: 6, hour: 10, received: 1 },
      ]);
    });
  });

  describe('hotSpots', () => {
    it('answers the busiest grid cells with their centre and most frequent services', async () => {
      const res = await analytics.query<{
        hotSpots: {
          latitude: number;
          longitude: number;
          received: number;
          topServices: string[];
        }[];
      }>(
        'query($f: CaseStatsFilter) { hotSpots(filter: $f, top: 1) { latitude longitude received topServices } }',
        { f: { departmentCodes: ['environment'] } },
        ANALYST,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.hotSpots).toEqual([
        {
          latitude: expect.closeTo(spot.latitude, 5),
          longitude: expect.closeTo(spot.longitude, 5),
          received: 5,
          topServices: ['noise', 'graffiti'],
        },
      ]);
    });

    it('refuses a cell finer than the grid locations are kept on', async () => {
      const res = await analytics.query('{ hotSpots(cellMeters: 10) { received } }', {}, ANALYST);
      expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
      expect(res.errors![0].extensions?.fields).toEqual([
        { field: 'cellMeters', reason: expect.stringContaining('between 100') },
      ]);
    });
  });

  describe('who may ask', () => {
    it('shows a supervisor only their departments', async () => {
      const res = await stats('groupBy: [DEPARTMENT]', PARKS_SUPERVISOR);
      expect(res.errors).toBeUndefined();
      expect(res.data!.caseStats).toEqual([
        expect.objectContaining({
          key: expect.objectContaining({ department: 'parks' }),
          received: 1,
        }),
      ]);
    });

    it("refuses a supervisor another department's figures, naming the field", async () => {
      const res = await stats('', PARKS_SUPERVISOR, {
        f: { departmentCodes: ['parks', 'streets'] },
      });
      expect(errorCodes(res)).toEqual(['FORBIDDEN']);
      expect(res.errors![0].extensions?.fields).toEqual([
        { field: 'departmentCodes', reason: expect.stringContaining('streets') },
      ]);
      const backlog = await analytics.query(
        '{ backlog(filter: { departmentCodes: ["streets"] }) { open } }',
        {},
        PARKS_SUPERVISOR,
      );
      expect(errorCodes(backlog)).toEqual(['FORBIDDEN']);
    });

    it.each([
      ['a resident', RESIDENT],
      ['an anonymous caller', undefined],
    ])('refuses %s every figure', async (_who, identity) => {
      for (const query of [
        '{ caseStats { received } }',
        '{ backlog { open } }',
        '{ demandByHour { received } }',
        '{ hotSpots { received } }',
      ]) {
        const res = await analytics.query(query, {}, identity);
        expect(res.data ?? null).toBeNull();
        expect(errorCodes(res)).toEqual([identity ? 'FORBIDDEN' : 'UNAUTHENTICATED']);
      }
    });
  });

  describe('CSV export', () => {
    const download = (path: string, identity?: Partial<Identity>) =>
      fetch(`${analytics.url.replace(/\/graphql$/, '')}/rest/analytics/export/${path}`, {
        headers: gatewayHeaders(identity),
      });

    it('downloads caseStats with a header row, the same filters as query parameters', async () => {
      const res = await download(
        'caseStats.csv?groupBy=SERVICE&interval=MONTH&departmentCodes=streets&from=2026-02-01',
        ANALYST,
      );
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(res.headers.get('content-disposition')).toBe('attachment; filename="caseStats.csv"');
      const lines = (await res.text()).split('\r\n');
      expect(lines[0]).toBe(
        'department,service,district,channel,priority,period,received,closed,open,reopened,medianHoursToClose,p90HoursToClose,slaMet,slaMissed,slaMetPercent,overdueNow,satisfactionAverage,satisfactionResponses,escalated',
      );
      expect(lines.slice(1)).toEqual([
        ',pothole,,,,2026-02-01,1,1,0,1,168,168,0,1,0,0,,0,0',
        ',streetlight,,,,2026-02-01,1,0,1,0,,,0,0,,1,,0,0',
        '',
      ]);
    });

    it('downloads backlog, demand by hour and hot spots', async () => {
      const backlog = await download(
        'backlog.csv?interval=MONTH&from=2026-01-01&to=2026-02-28&departmentCodes=streets',
        ADMIN,
      );
      expect(await backlog.text()).toBe(
        'period,endsOn,open,overdue\r\n2026-01-01,2026-01-31,0,0\r\n2026-02-01,2026-02-28,1,1\r\n',
      );
      const demand = (await (await download('demandByHour.csv?serviceCodes=noise', ANALYST)).text())
        .split('\r\n')
        .filter((l) => l && !l.endsWith(',0'));
      expect(demand).toEqual(['dayOfWeek,hour,received', '0,1,1', '0,3,1', '1,10,1', '6,10,1']);
      const spots = await download('hotSpots.csv?departmentCodes=environment&top=1', ANALYST);
      const [header, cell] = (await spots.text()).split('\r\n');
      expect(header).toBe('latitude,longitude,received,topServices');
      expect(cell).toMatch(/^40\.\d+,-74\.\d+,5,noise graffiti$/);
    });

    it('refuses what GraphQL refuses, in its error shape', async () => {
      const forbidden = await download('caseStats.csv?departmentCodes=streets', PARKS_SUPERVISOR);
      expect(forbidden.status).toBe(403);
      expect(await forbidden.json()).toMatchObject({
        errors: [{ extensions: { code: 'FORBIDDEN', fields: [{ field: 'departmentCodes' }] } }],
      });
      expect((await download('caseStats.csv', RESIDENT)).status).toBe(403);
      expect((await download('caseStats.csv')).status).toBe(401);
      const bad = await download('caseStats.csv?interval=YEAR', ANALYST);
      expect(bad.status).toBe(400);
      expect(await bad.json()).toMatchObject({
        errors: [{ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'interval' }] } }],
      });
      const typo = await download('caseStats.csv?form=2026-01-01', ANALYST);
      expect(typo.status).toBe(400);
      expect((await download('people.csv', ANALYST)).status).toBe(404);
    });
  });

  describe('the daily rollups', () => {
    it('are, event by event in any order, what a rebuild from the facts gives', async () => {
      const sql = await analytics.database.dataSource();
      const snapshot = async (rollup: Rollup) =>
        (
          await sql.query<Record<string, unknown>[]>(
            `SELECT * FROM ${rollup.table} WHERE received <> 0 OR still_open <> 0 OR closed <> 0
               OR reopened <> 0 OR became_overdue <> 0 OR overdue_ended <> 0
             ORDER BY ${['day', ...rollup.keys].join(', ')}`,
          )
        ).map((row) => JSON.stringify(row));
      for (const rollup of ROLLUPS) {
        const kept = await snapshot(rollup);
        expect(kept.length).toBeGreaterThan(0);
        await sql.transaction(async (manager) => {
          await manager.query(`TRUNCATE ${rollup.table}`);
          await manager.query(rollupContributionSql(rollup, 'true', '$1', '1'), [
            analytics.config.ANALYTICS_TIME_ZONE,
          ]);
        });
        expect(await snapshot(rollup)).toEqual(kept);
      }
    });
  });

  describe('personal data', () => {
    it('is nowhere in a pg_dump of the analytics database', async () => {
      const dump = await pgDump(analytics.database.url);
      expect(dump).toContain('case_daily');
      expect(
        plaintextFound(dump, [
          SECRET_EMAIL,
          SECRET_ADDRESS,
          SECRET_REPORTER,
          String(EXACT.latitude),
          String(EXACT.longitude),
        ]),
      ).toEqual([]);
    });
  });
});
