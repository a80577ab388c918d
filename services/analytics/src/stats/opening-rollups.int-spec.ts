import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CaseOpened,
  CaseRouted,
  CaseStatus,
  Channel,
  Priority,
  Role,
  StatusChanged,
} from '@civitas/contracts';
import {
  aCaseOpened,
  aCaseRef,
  aCaseRouted,
  aStatusChanged,
  startServiceHarness,
  waitFor,
  type ServiceHarness,
  aStaffMember,
} from '@civitas/testing';
import { ANALYTICS_APP } from '../app.module.js';
import {
  gridCellOf,
  METRES_PER_DEGREE,
  OPENING_ROLLUPS,
  openingRollupSql,
  positionColumns,
} from '../case-facts/index.js';
import type { AnalyticsConfig } from '../config/analytics.config.js';
import { publishHistory, untilFolded } from '../testing/figures.js';

const ANALYST = aStaffMember(Role.Analyst, 'analyst-1');
const ZONE = 'America/New_York';

/** What a case is once every event about it is folded: what the figures count it by. */
interface Case {
  openedAt: string;
  service: string;
  department: string;
  district: string;
  channel: Channel;
  priority: Priority;
  history: boolean;
  duplicate: boolean;
  location: { latitude: number; longitude: number } | null;
}

/** A fixed pseudo-random sequence: the same data set every run. */
function sequence(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

const local = new Intl.DateTimeFormat('en-CA', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  hourCycle: 'h23',
  weekday: 'short',
});
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** The local day (YYYY-MM-DD), day of the week and hour of an instant, written apart from the service. */
function localTime(at: string): { day: string; dayOfWeek: number; hour: number } {
  const parts = Object.fromEntries(
    local.formatToParts(new Date(at)).map((part) => [part.type, part.value]),
  );
  return {
    day: `${parts.year}-${parts.month}-${parts.day}`,
    dayOfWeek: WEEKDAYS.indexOf(parts.weekday),
    hour: Number(parts.hour),
  };
}

interface Filter {
  from?: string;
  to?: string;
  departmentCodes?: string[];
  serviceCodes?: string[];
  districtCodes?: string[];
  channels?: string[];
  priorities?: string[];
  includeHistory?: boolean;
}

function counted(c: Case, f: Filter): boolean {
  const day = localTime(c.openedAt).day;
  return (
    !c.duplicate &&
    (f.includeHistory !== false || !c.history) &&
    (!f.from || day >= f.from) &&
    (!f.to || day <= f.to) &&
    (!f.departmentCodes || f.departmentCodes.includes(c.department)) &&
    (!f.serviceCodes || f.serviceCodes.includes(c.service)) &&
    (!f.districtCodes || f.districtCodes.includes(c.district)) &&
    (!f.channels || f.channels.includes(c.channel)) &&
    (!f.priorities || f.priorities.includes(c.priority))
  );
}

/** Demand by hour counted by hand: the non-empty cells, ordered. */
function demandOf(cases: Case[], f: Filter) {
  const cells = new Map<string, { dayOfWeek: number; hour: number; received: number }>();
  for (const c of cases.filter((c) => counted(c, f))) {
    const { dayOfWeek, hour } = localTime(c.openedAt);
    const key = `${dayOfWeek}/${hour}`;
    const cell = cells.get(key) ?? { dayOfWeek, hour, received: 0 };
    cell.received += 1;
    cells.set(key, cell);
  }
  return [...cells.values()].sort((a, b) => a.dayOfWeek - b.dayOfWeek || a.hour - b.hour);
}

/**
 * Hot spots counted by hand: each location kept as its 100 m cell's centre (as the service keeps
 * it), placed in the `metres` cell of the grid `gridCellOf` describes, busiest first (then by row
 * and column), each with its three most frequent services (ties by code).
 */
function hotSpotsOf(cases: Case[], f: Filter, metres: number) {
  const cells = new Map<
    string,
    { y: number; x: number; received: number; services: Map<string, number> }
  >();
  for (const c of cases.filter((c) => counted(c, f) && c.location)) {
    const stored = gridCellOf(c.location!.latitude, c.location!.longitude, 100);
    // The service's SQL, operation by operation (radians(v) is v * pi / 180).
    const y = Math.floor((stored.latitude * METRES_PER_DEGREE) / metres);
    const cos = Math.cos((((y + 0.5) * metres) / METRES_PER_DEGREE) * (Math.PI / 180));
    const x = Math.floor((stored.longitude * METRES_PER_DEGREE * cos) / metres);
    const key = `${y}/${x}`;
    const cell = cells.get(key) ?? { y, x, received: 0, services: new Map<string, number>() };
    cell.received += 1;
    cell.services.set(c.service, (cell.services.get(c.service) ?? 0) + 1);
    cells.set(key, cell);
  }
  return [...cells.values()]
    .sort((a, b) => b.received - a.received || a.y - b.y || a.x - b.x)
    .map((cell) => {
      const latitude = ((cell.y + 0.5) * metres) / METRES_PER_DEGREE;
      const longitude =
        ((cell.x + 0.5) * metres) / (METRES_PER_DEGREE * Math.cos((latitude * Math.PI) / 180));
      return {
        latitude: Math.round(latitude * 1e6) / 1e6,
        longitude: Math.round(longitude * 1e6) / 1e6,
        received: cell.received,
        topServices: [...cell.services.entries()]
          .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
          .slice(0, 3)
          .map(([service]) => service),
      };
    });
}

describe('demand by hour and hot spots from the opening rollups (Postgres + NATS)', () => {
  let analytics: ServiceHarness<AnalyticsConfig>;
  const cases: Case[] = [];
  const caseIds: string[] = [];
  let statusEvents = 0;
  const random = sequence(71);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];

  const SERVICES = [
    ['pothole', 'streets'],
    ['streetlight', 'streets'],
    ['noise', 'environment'],
    ['graffiti', 'environment'],
    ['tree', 'parks'],
  ] as const;
  // A few spots a few hundred metres apart, so cells of 250 m hold several cases each.
  const SPOTS = [
    { latitude: 40.7001, longitude: -74.0002 },
    { latitude: 40.7019, longitude: -74.0031 },
    { latitude: 40.7123, longitude: -73.9904 },
    { latitude: 40.6502, longitude: -73.95 },
  ];
  // Openings on the edges the figures must keep: months in local time (22:00 on 31 January in
  // New York is February in UTC), and both changes of the clocks in 2026 (8 March: no 02:00;
  // 1 November: 01:30 twice).
  const EDGES = [
    '2026-02-01T03:00:00.000Z',
    '2026-03-01T04:59:00.000Z',
    '2026-03-08T06:30:00.000Z',
    '2026-03-08T07:30:00.000Z',
    '2026-11-01T05:30:00.000Z',
    '2026-11-01T06:30:00.000Z',
    '2026-01-15T04:30:00.000Z',
  ];

  beforeAll(async () => {
    analytics = await startServiceHarness({ ...ANALYTICS_APP, env: { ANALYTICS_TIME_ZONE: ZONE } });
    for (let i = 0; i < 60; i++) {
      const [service, department] = pick(SERVICES);
      const openedAt =
        EDGES[i] ??
        new Date(
          Date.parse('2026-01-01T00:00:00.000Z') + random() * 330 * 86_400_000,
        ).toISOString();
      const c: Case = {
        openedAt,
        service,
        department,
        district: pick(['D1', 'D2', 'D3']),
        channel: pick([Channel.WEB, Channel.PHONE, Channel.MOBILE]),
        priority: pick([Priority.NORMAL, Priority.HIGH]),
        history: false,
        duplicate: false,
        location:
          random() < 0.85
            ? {
                latitude: pick(SPOTS).latitude + (random() - 0.5) * 0.004,
                longitude: pick(SPOTS).longitude + (random() - 0.5) * 0.004,
              }
            : null,
      };
      const ref = aCaseRef();
      caseIds.push(ref.caseId);
      const opened = () => {
        const event = aCaseOpened()
          .forCase(ref)
          .forService(service)
          .via(c.channel)
          .openedAt(openedAt);
        return (c.location ? event.at(c.location) : event).build();
      };
      const routed = (to: string, at: string) =>
        aCaseRouted()
          .forCase({ ...ref, serviceCode: service })
          .toDepartment(to)
          .withPriority(c.priority)
          .inDistrict(c.district)
          .due('2099-01-01T00:00:00.000Z')
          .routedAt(at);
      const later = (hours: number) =>
        new Date(Date.parse(openedAt) + hours * 3_600_000).toISOString();
      // Some routings arrive before the opening; some cases are routed again elsewhere.
      if (i % 5 === 1) {
        await analytics.publish(CaseRouted, routed(department, openedAt).build());
        await analytics.publish(CaseOpened, opened());
      } else {
        await analytics.publish(CaseOpened, opened());
        await analytics.publish(
          CaseRouted,
          routed(i % 7 === 2 ? 'parks' : department, openedAt).build(),
        );
      }
      if (i % 7 === 2) {
        await analytics.publish(CaseRouted, routed(department, later(1)).build());
      }
      const change = async (
        from: CaseStatus,
        to: CaseStatus,
        hours: number,
        duplicateOf?: string,
      ) => {
        const event = aStatusChanged()
          .forCase(ref)
          .forService(service)
          .from(from)
          .to(to)
          .changedAt(later(hours));
        await analytics.publish(
          StatusChanged,
          (duplicateOf ? event.asDuplicateOf(duplicateOf) : event).build(),
        );
        statusEvents += 1;
      };
      if (i % 3 === 0) {
        await change(CaseStatus.OPEN, CaseStatus.CLOSED, 5);
      }
      if (i % 6 === 0) {
        // Reopened after its closure: received once all the same.
        await change(CaseStatus.CLOSED, CaseStatus.OPEN, 30);
      }
      if (i >= EDGES.length && i % 8 === 5) {
        // Closed as a duplicate: counted nowhere...
        await change(CaseStatus.OPEN, CaseStatus.CLOSED, 40, 'SR-2026-0000001');
        c.duplicate = true;
        if (i % 16 === 13) {
          // ...until it is reopened.
          await change(CaseStatus.CLOSED, CaseStatus.OPEN, 50);
          c.duplicate = false;
        }
      }
      cases.push(c);
    }
    // Imported history, in one batch.
    const imported = Array.from({ length: 12 }, (_, i) => {
      const [service, department] = pick(SERVICES);
      const openedAt = new Date(
        Date.parse('2025-11-20T00:00:00.000Z') + random() * 120 * 86_400_000,
      ).toISOString();
      const c: Case = {
        openedAt,
        service,
        department,
        district: pick(['D1', 'D2']),
        channel: Channel.PHONE,
        priority: Priority.NORMAL,
        history: true,
        duplicate: false,
        location: i % 4 === 0 ? null : SPOTS[i % 2],
      };
      cases.push(c);
      const ref = aCaseRef();
      caseIds.push(ref.caseId);
      const event = aCaseOpened()
        .forCase(ref)
        .forService(service)
        .via(Channel.PHONE)
        .openedAt(openedAt)
        .imported({
          sourceSystem: 'nyc311',
          status: CaseStatus.CLOSED,
          closedAt: new Date(Date.parse(openedAt) + 7_200_000).toISOString(),
        });
      return {
        opened: (c.location ? event.at(c.location) : event).build(),
        department: c.department,
        district: c.district,
      };
    });
    await publishHistory(analytics, imported);
    await untilFolded(analytics, { caseIds, statusChanges: statusEvents, timeoutMs: 100_000 });
    // The second routings (back to the service's department) are the latest: wait for them too.
    await waitFor(
      async () => {
        const [row] = await analytics.database.rows(
          `SELECT count(*)::int AS elsewhere, (SELECT count(*)::int FROM rollup_pending) AS pending
           FROM case_fact
           WHERE case_id = ANY($1) AND department_code = 'parks' AND service_code <> 'tree'`,
          [caseIds],
        );
        return row.elsewhere === 0 && row.pending === 0;
      },
      { what: 'the second routings', timeoutMs: 100_000 },
    );
  }, 240_000);

  afterAll(() => analytics?.dispose());

  const FILTERS: [string, Filter][] = [
    ['no filter', {}],
    ['one department', { departmentCodes: ['streets'] }],
    ['two services', { serviceCodes: ['noise', 'pothole'] }],
    ['live cases only', { includeHistory: false }],
    ['whole months', { from: '2026-02-01', to: '2026-03-31' }],
    [
      'whole months and a department',
      { from: '2025-12-01', to: '2026-01-31', departmentCodes: ['streets'] },
    ],
    [
      'days around whole months',
      { from: '2026-01-15', to: '2026-11-01', departmentCodes: ['environment'] },
    ],
    ['the day the clocks went forward', { from: '2026-03-08', to: '2026-03-08' }],
    ['the month the clocks went back', { from: '2026-11-01', to: '2026-11-30' }],
    ['a district (facts)', { districtCodes: ['D1'] }],
    ['a channel and a priority (facts)', { channels: ['PHONE'], priorities: ['HIGH'] }],
  ];

  it.each(FILTERS)('demand by hour equals the hand count: %s', async (_what, f) => {
    const res = await analytics.query<{
      demandByHour: { dayOfWeek: number; hour: number; received: number }[];
    }>(
      'query($f: CaseStatsFilter) { demandByHour(filter: $f) { dayOfWeek hour received } }',
      { f },
      ANALYST,
    );
    expect(res.errors).toBeUndefined();
    const expected = demandOf(cases, f);
    expect(expected.length).toBeGreaterThan(0);
    expect(res.data!.demandByHour.filter((c) => c.received > 0)).toEqual(expected);
  });

  it('counts both 01:30s of the night the clocks went back at 01:00, and nothing at 02:00 the night they went forward', async () => {
    const res = await analytics.query<{
      demandByHour: { dayOfWeek: number; hour: number; received: number }[];
    }>(
      'query($f: CaseStatsFilter) { demandByHour(filter: $f) { dayOfWeek hour received } }',
      { f: { from: '2026-11-01', to: '2026-11-01' } },
      ANALYST,
    );
    expect(res.data!.demandByHour.filter((c) => c.received > 0)).toEqual(
      demandOf(cases, { from: '2026-11-01', to: '2026-11-01' }),
    );
    const sunday = (hour: number) =>
      res.data!.demandByHour.find((c) => c.dayOfWeek === 0 && c.hour === hour)?.received;
    expect(sunday(1)).toBeGreaterThanOrEqual(2);
    const spring = await analytics.query<{
      demandByHour: { dayOfWeek: number; hour: number; received: number }[];
    }>(
      'query($f: CaseStatsFilter) { demandByHour(filter: $f) { dayOfWeek hour received } }',
      { f: { from: '2026-03-08', to: '2026-03-08' } },
      ANALYST,
    );
    const springSunday = (hour: number) =>
      spring.data!.demandByHour.find((c) => c.dayOfWeek === 0 && c.hour === hour)?.received;
    expect(springSunday(2)).toBe(0);
    expect(springSunday(3)).toBeGreaterThan(0);
  });

  it.each(
    FILTERS.flatMap(([what, f]) =>
      [250, 500, 100].map((metres) => [`${what}, ${metres} m`, f, metres] as const),
    ),
  )('hot spots equal the hand count: %s', async (_what, f, metres) => {
    const res = await analytics.query<{
      hotSpots: { latitude: number; longitude: number; received: number; topServices: string[] }[];
    }>(
      'query($f: CaseStatsFilter, $m: Int) { hotSpots(filter: $f, cellMeters: $m, top: 500) { latitude longitude received topServices } }',
      { f, m: metres },
      ANALYST,
    );
    expect(res.errors).toBeUndefined();
    const expected = hotSpotsOf(cases, f, metres);
    expect(res.data!.hotSpots).toEqual(expected);
    // Only the busiest, in the same order.
    const top = await analytics.query<{ hotSpots: unknown[] }>(
      'query($f: CaseStatsFilter, $m: Int) { hotSpots(filter: $f, cellMeters: $m, top: 2) { latitude longitude received topServices } }',
      { f, m: metres },
      ANALYST,
    );
    expect(top.data!.hotSpots).toEqual(expected.slice(0, 2));
  });

  it('are, event by event in any order, what a rebuild from the facts gives', async () => {
    const sql = await analytics.database.dataSource();
    const snapshot = async (table: string, columns: string[]) =>
      (
        await sql.query<Record<string, unknown>[]>(
          `SELECT * FROM ${table} WHERE received <> 0 ORDER BY ${columns.join(', ')}`,
        )
      ).map((row) => JSON.stringify(row));
    const kept = new Map<string, string[]>();
    for (const rollup of OPENING_ROLLUPS) {
      const rows = await snapshot(rollup.table, [...positionColumns(rollup), ...rollup.keys]);
      expect(rows.length).toBeGreaterThan(0);
      kept.set(rollup.table, rows);
    }
    await sql.transaction(async (manager) => {
      for (const rollup of OPENING_ROLLUPS) {
        await manager.query(`TRUNCATE ${rollup.table}`);
      }
      await manager.query(openingRollupSql('SELECT case_fact.*, 1 AS sign FROM case_fact', '$1'), [
        analytics.config.ANALYTICS_TIME_ZONE,
      ]);
    });
    for (const rollup of OPENING_ROLLUPS) {
      expect(await snapshot(rollup.table, [...positionColumns(rollup), ...rollup.keys])).toEqual(
        kept.get(rollup.table),
      );
    }
  });
});
