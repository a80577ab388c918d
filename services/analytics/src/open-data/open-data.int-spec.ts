import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import {
  CaseOpened,
  CaseRouted,
  CaseStatus,
  Channel,
  GetServiceDefinition,
  OpenDataLocation,
  Priority,
  StatusChanged,
  type GetServiceDefinitionReply,
} from '@civitas/contracts';
import {
  aCaseOpened,
  aCaseRef,
  aCaseRouted,
  aStatusChanged,
  gatewayHeaders,
  peer,
  plaintextFound,
  startServiceHarness,
  waitFor,
  type ServiceHarness,
} from '@civitas/testing';
import { ANALYTICS_APP } from '../app.module.js';
import { gridCellOf } from '../case-facts/index.js';
import type { AnalyticsConfig } from '../config/analytics.config.js';

/** What routing's catalog says of each service, changed by the tests (policies apply per file). */
const CATALOG: Record<string, { location: OpenDataLocation; description: boolean }> = {
  pothole: { location: OpenDataLocation.GRID, description: true },
  'noise-residential': { location: OpenDataLocation.DISTRICT, description: false },
  'welfare-check': { location: OpenDataLocation.NONE, description: false },
  graffiti: { location: OpenDataLocation.GRID, description: false },
};

const catalog = async ({
  serviceCode,
}: {
  serviceCode: string;
}): Promise<GetServiceDefinitionReply> =>
  CATALOG[serviceCode]
    ? {
        found: true,
        knownCodes: [],
        service: {
          code: serviceCode,
          name: `The ${serviceCode} service`,
          departmentCode: 'streets',
          defaultPriority: Priority.NORMAL,
          targetHours: 72,
          openDataLocation: CATALOG[serviceCode].location,
          openDataDescription: CATALOG[serviceCode].description,
        },
      }
    : { found: false, knownCodes: Object.keys(CATALOG) };

// Long, distinctive values: none of them may appear in any file (libs/testing plaintext.ts).
const REPORTER_NAME = 'Philomena Wrigglesworth-Abernathy';
const EMAIL = 'philomena.wrigglesworth@example.org';
const PHONE = '+1 212 555 0143';
const EXACT = { latitude: 40.7123456, longitude: -74.0067891 };
const PRIVATE_TEXT = 'Private-welfare-concern-Zanzibar-Quixote';

const HEADER =
  'ticket,service_code,service_name,department,status,created,closed,district,channel,latitude,longitude,description';

interface Row {
  ticket: string;
  service_code: string;
  service_name: string;
  department: string | null;
  status: string;
  created: string;
  closed: string | null;
  district: string | null;
  channel: string;
  latitude: number | null;
  longitude: number | null;
  description: string | null;
}

describe('open data of service requests (docs/adr/0057)', () => {
  let analytics: ServiceHarness<AnalyticsConfig>;
  let base: string;
  const tickets = {} as Record<
    'pothole' | 'noise' | 'private' | 'october' | 'september' | 'unopened',
    string
  >;

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${base}/rest/open-data/${path}`, { headers: { ...gatewayHeaders(), ...headers } });

  async function open(options: {
    service: string;
    openedAt: string;
    district?: string;
    location?: { latitude: number; longitude: number };
    description?: string;
    publicDescription?: string;
    private?: boolean;
    channel?: Channel;
    /**
     * Routing's event before the opening (events may come in either order): the case becomes
     * public with its district already known, so a snapshot written at that moment holds it.
     */
    routedFirst?: boolean;
  }): Promise<{ caseId: string; ticketNumber: string }> {
    const ref = aCaseRef();
    let opened = aCaseOpened()
      .forCase(ref)
      .forService(options.service)
      .via(options.channel ?? Channel.WEB)
      .openedAt(options.openedAt)
      .reportedBy('00000000-0000-4000-8000-0000000000aa');
    if (options.location) {
      opened = opened.at({ ...options.location, address: '12 Wrigglesworth Lane' });
    }
    if (options.description) {
      opened = opened.with({ description: options.description });
    }
    if (options.publicDescription) {
      opened = opened.publishedAs(options.publicDescription);
    }
    if (options.private) {
      opened = opened.asPrivate();
    }
    let routed = aCaseRouted()
      .forCase({ ...ref, serviceCode: options.service })
      .toDepartment('streets')
      .routedAt(options.openedAt);
    if (options.district) {
      routed = routed.inDistrict(options.district);
    }
    if (options.routedFirst) {
      await analytics.publish(CaseRouted, routed.build());
      await waitFor(
        async () =>
          (
            await analytics.database.rows<{ n: number }>(
              'SELECT count(*)::int AS n FROM case_fact WHERE case_id = $1 AND district_code IS NOT NULL',
              [ref.caseId],
            )
          )[0].n === 1,
        { what: `case ${ref.ticketNumber} routed` },
      );
      await analytics.publish(CaseOpened, opened.build());
    } else {
      await analytics.publish(CaseOpened, opened.build());
      await analytics.publish(CaseRouted, routed.build());
    }
    return ref;
  }

  const rowsOf = (csv: string): string[][] => parse(csv, { relaxColumnCount: false }) as string[][];

  beforeAll(async () => {
    analytics = await startServiceHarness({
      ...ANALYTICS_APP,
      env: { ANALYTICS_TIME_ZONE: 'America/New_York', OPEN_DATA_SNAPSHOT_CHECK_SECONDS: '1' },
      peers: [peer(GetServiceDefinition, catalog)],
    });
    base = analytics.url.replace(/\/graphql$/, '');
    const now = new Date().toISOString();
    const pothole = await open({
      service: 'pothole',
      openedAt: now,
      district: 'd-1',
      location: EXACT,
      description: `${REPORTER_NAME} here, call ${PHONE} or ${EMAIL}: deep pothole`,
      // What intake publishes (services/intake public-description.ts).
      publicDescription:
        '[name removed] [name removed] here, call [phone removed] or [e-mail removed] deep pothole',
    });
    tickets.pothole = pothole.ticketNumber;
    await analytics.publish(
      StatusChanged,
      aStatusChanged()
        .forCase(pothole)
        .forService('pothole')
        .from(CaseStatus.OPEN)
        .to(CaseStatus.CLOSED)
        .changedAt(now)
        .build(),
    );
    tickets.noise = (
      await open({
        service: 'noise-residential',
        openedAt: now,
        district: 'd-2',
        location: { latitude: 40.75, longitude: -73.99 },
        description: 'Loud music every night',
        publicDescription: 'Loud music every night',
        channel: Channel.PHONE,
      })
    ).ticketNumber;
    tickets.private = (
      await open({
        service: 'welfare-check',
        openedAt: now,
        district: 'd-1',
        location: { latitude: 40.70001, longitude: -74.00001 },
        description: PRIVATE_TEXT,
        publicDescription: PRIVATE_TEXT,
        private: true,
      })
    ).ticketNumber;
    tickets.october = (
      await open({
        service: 'graffiti',
        openedAt: '2026-10-15T14:00:00.000Z',
        district: 'd-3',
        location: { latitude: 40.6, longitude: -74.1 },
        // A month that has ended: its snapshot is written within a second of the case being
        // public (OPEN_DATA_SNAPSHOT_CHECK_SECONDS), and is to show the district.
        routedFirst: true,
      })
    ).ticketNumber;
    // Routed, but its case-opened (which says whether it is private) has not arrived: not public.
    const unopened = aCaseRef();
    tickets.unopened = unopened.ticketNumber;
    await analytics.publish(
      CaseRouted,
      aCaseRouted()
        .forCase({ ...unopened, serviceCode: 'pothole' })
        .toDepartment('streets')
        .build(),
    );
    await waitFor(
      async () => {
        const [{ n }] = await analytics.database.rows<{ n: number }>(
          "SELECT count(*)::int AS n FROM case_fact WHERE opened_at IS NOT NULL AND district_code IS NOT NULL AND (status = 'CLOSED' OR service_code <> 'pothole')",
        );
        return n === 4;
      },
      { what: 'the facts folded (opened, routed, the pothole closed)' },
    );
  });

  afterAll(() => analytics?.dispose());

  it('streams one CSV row per public case, places on the grid or by district, and nothing private', async () => {
    const res = await get('service-requests.csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="service-requests.csv"',
    );
    const body = await res.text();
    const [header, ...rows] = rowsOf(body);
    expect(header.join(',')).toBe(HEADER);
    const byTicket = new Map(rows.map((r) => [r[0], r]));
    expect([...byTicket.keys()].sort()).toEqual(
      [tickets.pothole, tickets.noise, tickets.october].sort(),
    );

    const cell = gridCellOf(EXACT.latitude, EXACT.longitude, 100);
    const pothole = byTicket.get(tickets.pothole)!;
    expect(pothole.slice(1, 5)).toEqual(['pothole', 'The pothole service', 'streets', 'CLOSED']);
    expect(pothole[6]).not.toBe('');
    expect(pothole.slice(7)).toEqual([
      'd-1',
      'WEB',
      String(cell.latitude),
      String(cell.longitude),
      '[name removed] [name removed] here, call [phone removed] or [e-mail removed] deep pothole',
    ]);
    // District only for a sensitive service; no description where the service does not allow it.
    expect(byTicket.get(tickets.noise)!.slice(7)).toEqual(['d-2', 'PHONE', '', '', '']);

    expect(
      plaintextFound(body, [
        REPORTER_NAME,
        'Wrigglesworth',
        EMAIL,
        PHONE,
        String(EXACT.latitude),
        '12 Wrigglesworth Lane',
        PRIVATE_TEXT,
        tickets.private,
        tickets.unopened,
        '00000000-0000-4000-8000-0000000000aa',
      ]),
    ).toEqual([]);
  });

  it('gives the same rows as JSON', async () => {
    const res = await get('service-requests.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const rows = (await res.json()) as Row[];
    expect(rows.map((r) => r.ticket).sort()).toEqual(
      [tickets.pothole, tickets.noise, tickets.october].sort(),
    );
    const cell = gridCellOf(EXACT.latitude, EXACT.longitude, 100);
    expect(rows.find((r) => r.ticket === tickets.pothole)).toMatchObject({
      service_code: 'pothole',
      status: 'CLOSED',
      district: 'd-1',
      latitude: cell.latitude,
      longitude: cell.longitude,
      description:
        '[name removed] [name removed] here, call [phone removed] or [e-mail removed] deep pothole',
    });
    expect(rows.find((r) => r.ticket === tickets.noise)).toMatchObject({
      district: 'd-2',
      latitude: null,
      longitude: null,
      description: null,
      closed: null,
    });
  });

  it('filters by day received and by service', async () => {
    const october = rowsOf(
      await (await get('service-requests.csv?from=2026-10-01&to=2026-10-31')).text(),
    );
    expect(october.slice(1).map((r) => r[0])).toEqual([tickets.october]);
    const noise = (await (
      await get('service-requests.json?service_code=noise-residential,graffiti')
    ).json()) as Row[];
    expect(noise.map((r) => r.ticket).sort()).toEqual([tickets.noise, tickets.october].sort());
    const none = await get('service-requests.json?from=2020-01-01&to=2020-01-31');
    expect(await none.json()).toEqual([]);
  });

  it('refuses a bad filter before the first byte, naming the field', async () => {
    for (const [query, field] of [
      ['from=2026-13-01', 'from'],
      ['to=yesterday', 'to'],
      ['from=2026-11-02&to=2026-11-01', 'to'],
      ['servicecode=pothole', 'servicecode'],
    ]) {
      const res = await get(`service-requests.csv?${query}`);
      expect(res.status).toBe(400);
      const body = (await res.json()) as {
        errors: { extensions: { code: string; fields: { field: string }[] } }[];
      };
      expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(body.errors[0].extensions.fields[0].field).toBe(field);
    }
    expect((await get('nothing-here.csv')).status).toBe(404);
  });

  it('answers 304 to If-None-Match with the current ETag, and a new ETag when a policy or a case changes', async () => {
    const first = await get('service-requests.csv');
    await first.text();
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]{32}"$/);
    const again = await get('service-requests.csv', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    // Another format is another file.
    const json = await get('service-requests.json', { 'if-none-match': etag });
    expect(json.status).toBe(200);
    await json.arrayBuffer();

    // The catalog stops publishing pothole descriptions: the next file says so.
    CATALOG.pothole = { location: OpenDataLocation.GRID, description: false };
    try {
      const changed = await get('service-requests.csv', { 'if-none-match': etag });
      expect(changed.status).toBe(200);
      expect(changed.headers.get('etag')).not.toBe(etag);
      const row = rowsOf(await changed.text()).find((r) => r[0] === tickets.pothole)!;
      expect(row.at(-1)).toBe('');
    } finally {
      CATALOG.pothole = { location: OpenDataLocation.GRID, description: true };
    }

    const before = (await get('service-requests.csv')).headers.get('etag');
    await analytics.publish(
      StatusChanged,
      aStatusChanged()
        .forCase({ ticketNumber: tickets.noise, ...(await caseOf(tickets.noise)) })
        .forService('noise-residential')
        .from(CaseStatus.OPEN)
        .to(CaseStatus.IN_PROGRESS)
        .changedAt(new Date().toISOString())
        .build(),
    );
    await waitFor(
      async () => {
        const res = await get('service-requests.csv', { 'if-none-match': before! });
        await res.arrayBuffer();
        return res.status === 200;
      },
      { what: 'a status change to give the file a new ETag' },
    );
  });

  it('answers 304 to If-Modified-Since until the data changes, however old the changed case', async () => {
    // Last-Modified is told once the last change is a whole second behind (docs/adr/0065).
    const lastModified = await waitFor(
      async () => {
        const res = await get('service-requests.csv');
        await res.arrayBuffer();
        return res.headers.get('last-modified');
      },
      { what: 'a Last-Modified once the last change has settled', intervalMs: 250 },
    );
    const changedAt = Date.parse(lastModified);
    expect(changedAt).toBeGreaterThan(Date.now() - 600_000);
    const current = await get('service-requests.json', { 'if-modified-since': lastModified });
    expect(current.status).toBe(304);
    expect(current.headers.get('etag')).toMatch(/^"[\w-]{32}"$/);

    // A case received in September reaches analytics only now (an import of old records): the
    // data changed now, so a client holding the file from before is sent it again.
    tickets.september = (
      await open({
        service: 'graffiti',
        openedAt: '2026-09-10T12:00:00.000Z',
        district: 'd-3',
        location: { latitude: 40.61, longitude: -74.11 },
      })
    ).ticketNumber;
    const fresh = await waitFor(
      async () => {
        const res = await get('service-requests.csv', { 'if-modified-since': lastModified });
        if (res.status === 200) {
          return res;
        }
        await res.arrayBuffer();
        return undefined;
      },
      { what: 'the late case to make the file modified' },
    );
    expect(rowsOf(await fresh.text()).map((r) => r[0])).toContain(tickets.september);
    const moved = await waitFor(
      async () => {
        const res = await get('service-requests.csv');
        await res.arrayBuffer();
        return res.headers.get('last-modified');
      },
      { what: 'a Last-Modified after the late case', intervalMs: 250 },
    );
    expect(Date.parse(moved)).toBeGreaterThan(changedAt);
    // If-None-Match decides when both are sent (RFC 9110): a stale tag is a full answer.
    const both = await get('service-requests.csv', {
      'if-none-match': '"stale"',
      'if-modified-since': moved,
    });
    expect(both.status).toBe(200);
    await both.arrayBuffer();
  });

  it('describes every column in dictionary.json', async () => {
    const res = await get('dictionary.json');
    expect(res.status).toBe(200);
    const dictionary = (await res.json()) as {
      grid_meters: number;
      columns: { name: string; type: string; description: string }[];
    };
    expect(dictionary.columns.map((c) => c.name).join(',')).toBe(HEADER);
    for (const column of dictionary.columns) {
      expect(column.description.length).toBeGreaterThan(10);
    }
    expect(dictionary.grid_meters).toBe(100);
  });

  it('keeps a snapshot of each month that has ended, unchanged by later events', async () => {
    const listing = await waitFor(
      async () => {
        const res = await get('snapshots');
        const body = (await res.json()) as { snapshots: { month: string; file: string }[] };
        const october = body.snapshots.filter((s) => s.month === '2026-10');
        return october.length === 2 ? october : undefined;
      },
      { what: 'the October 2026 snapshots' },
    );
    expect(listing.map((s) => s.file)).toEqual(['snapshots/2026-10.csv', 'snapshots/2026-10.json']);
    const res = await get('snapshots/2026-10.csv');
    expect(res.status).toBe(200);
    const etag = res.headers.get('etag')!;
    const rows = rowsOf(await res.text());
    expect(rows[0].join(',')).toBe(HEADER);
    expect(rows.slice(1).map((r) => r[0])).toEqual([tickets.october]);
    expect(rows[1][4]).toBe('OPEN');
    // The JSON of the month: the same rows, with the live JSON's columns.
    const json = await get('snapshots/2026-10.json');
    expect(json.status).toBe(200);
    expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const jsonEtag = json.headers.get('etag')!;
    const jsonRows = (await json.json()) as Row[];
    expect(jsonRows.map((r) => r.ticket)).toEqual([tickets.october]);
    expect(Object.keys(jsonRows[0]).join(',')).toBe(HEADER);
    expect(jsonRows[0]).toMatchObject({ status: 'OPEN', district: 'd-3', closed: null });

    // The case changes afterwards: the kept file does not.
    const october = await caseOf(tickets.october);
    await analytics.publish(
      StatusChanged,
      aStatusChanged()
        .forCase({ ticketNumber: tickets.october, ...october })
        .forService('graffiti')
        .from(CaseStatus.OPEN)
        .to(CaseStatus.CLOSED)
        .changedAt(new Date().toISOString())
        .build(),
    );
    await waitFor(
      async () =>
        (
          await analytics.database.rows<{ status: string }>(
            'SELECT status FROM case_fact WHERE ticket_number = $1',
            [tickets.october],
          )
        )[0]?.status === 'CLOSED',
      { what: 'the October case closed' },
    );
    const later = await get('snapshots/2026-10.csv', { 'if-none-match': etag });
    expect(later.status).toBe(304);
    const laterJson = await get('snapshots/2026-10.json');
    expect(laterJson.headers.get('etag')).toBe(jsonEtag);
    expect(((await laterJson.json()) as Row[])[0].status).toBe('OPEN');
    expect((await get('snapshots/1999-01.csv')).status).toBe(404);
  });

  it('answers only the gateway', async () => {
    const res = await fetch(`${base}/rest/open-data/service-requests.csv`);
    expect(res.status).toBe(401);
  });

  async function caseOf(ticket: string): Promise<{ caseId: string }> {
    const [row] = await analytics.database.rows<{ caseId: string }>(
      'SELECT case_id AS "caseId" FROM case_fact WHERE ticket_number = $1',
      [ticket],
    );
    return row;
  }
});
