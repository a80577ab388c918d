import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { Channel, Role } from '@civitas/contracts';
import {
  aChangeCaseStatusInput,
  anAddCaseNoteInput,
  aSubmitServiceRequestInput,
  plaintextFound,
  waitFor,
} from '@civitas/testing';
import { startE2ePlatform, type E2ePlatform } from './platform.js';

const CHANGE = `mutation($i: ChangeCaseStatusInput!) { changeCaseStatus(input: $i) { status } }`;
const NOTE = `mutation($i: AddCaseNoteInput!) { addCaseNote(input: $i) { ticketNumber } }`;
const POLICY = `mutation($code: String!, $i: UpdateServiceInput!) { updateService(code: $code, input: $i) { code } }`;

// Long, distinctive values: none may appear in any open-data file (libs/testing plaintext.ts).
const REPORTER = {
  firstName: 'Rosalindeth',
  lastName: 'Quimby-Vance',
  email: 'rosalindeth.qv@example.org',
};
const PHONE = '+1 212 555 0199';
const EXACT = { latitude: 40.7127431, longitude: -74.0059728 };
const NOISE_PLACE = { latitude: 40.7580219, longitude: -73.9855374 };
const PRIVATE_TEXT = 'Private-concern-Zanzibar-Quixote';
const INTERNAL_NOTE = 'Internal-note-Xylophone-Marmalade';
/** A description a spreadsheet would run as a formula, with a separator, quotes and a line break. */
const POTHOLE_TEXT = `=HYPERLINK("http://evil.example") ${REPORTER.firstName} ${REPORTER.lastName} here, call ${PHONE} or ${REPORTER.email} about a "deep" pothole,\nby the corner`;
const POTHOLE_PUBLISHED = `=HYPERLINK("http://evil.example") [name removed] [name removed] here, call [phone removed] or [e-mail removed] about a "deep" pothole,\nby the corner`;

const OPEN_DATA_HEADER = [
  'ticket',
  'service_code',
  'service_name',
  'department',
  'status',
  'created',
  'closed',
  'district',
  'channel',
  'latitude',
  'longitude',
  'description',
];
const EXPORTS = ['caseStats', 'backlog', 'demandByHour', 'hotSpots'];

type Row = Record<string, string | number | null>;

/** A CSV read as a spreadsheet reads it: UTF-8, the first line the header, quoted cells. */
function spreadsheet(body: Buffer): { header: string[]; rows: Record<string, string>[] } {
  const [header, ...cells] = parse(body.toString('utf8'), { bom: true }) as string[][];
  return {
    header,
    rows: cells.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]]))),
  };
}

/** A cell a spreadsheet would run as a formula (a number, even negative, is not text). */
const formula = (cell: string) => /^[=+\-@\t\r]/.test(cell) && Number.isNaN(Number(cell));

/**
 * Downloads through the gateway (docs/adr/0057, 0065): open data, anonymous and safe to publish,
 * and the figures as CSV for staff, streamed from analytics.
 */
describe('open data and CSV exports (whole platform through the gateway)', () => {
  let e2e: E2ePlatform;
  let origin: string;
  const tokens: Record<string, string> = {};
  const tickets: Record<'pothole' | 'noise' | 'private', string> = {
    pothole: '',
    noise: '',
    private: '',
  };

  const call = <T>(query: string, variables: Record<string, unknown>, who?: string) =>
    e2e.call<T>(query, variables, who ? tokens[who] : undefined);
  const download = (path: string, headers: Record<string, string> = {}, who?: string) =>
    fetch(`${origin}${path}`, {
      headers: who ? { ...headers, authorization: `Bearer ${tokens[who]}` } : headers,
    });
  const submit = async (input: ReturnType<typeof aSubmitServiceRequestInput>) =>
    (await e2e.submitRouted(input.build())).ticketNumber;
  const openData = async (): Promise<Row[]> =>
    (await (await download('/open-data/service-requests.json')).json()) as Row[];

  beforeAll(async () => {
    e2e = await startE2ePlatform();
    origin = new URL(e2e.platform.gatewayUrl).origin;
    tokens.admin = await e2e.token(Role.Admin, { sub: 'admin-open-data' });
    tokens.analyst = await e2e.token(Role.Analyst, { sub: 'analyst-open-data' });
    tokens.resident = await e2e.token(Role.Resident, { sub: 'resident-open-data' });
    tokens.caseworker = await e2e.token(Role.Caseworker, {
      sub: 'cw-open-data',
      departments: ['streets', 'police-nonemergency'],
    });

    // Pothole descriptions may be published; residential noise only by district.
    for (const [code, policy] of [
      ['pothole', { openDataDescription: true }],
      ['noise-residential', { openDataLocation: 'DISTRICT', openDataDescription: false }],
    ] as const) {
      expect((await call(POLICY, { code, i: policy }, 'admin')).errors).toBeUndefined();
    }

    tickets.pothole = await submit(
      aSubmitServiceRequestInput('pothole')
        .describedAs(POTHOLE_TEXT)
        .via(Channel.WEB)
        .at({ ...EXACT, address: '12 Quimby Lane' })
        .withReporter(REPORTER),
    );
    tickets.noise = await submit(
      aSubmitServiceRequestInput('noise-residential')
        .describedAs('Loud party every night')
        .at({ ...NOISE_PLACE, address: '1 Times Square' }),
    );
    tickets.private = await submit(
      aSubmitServiceRequestInput('graffiti')
        .describedAs(PRIVATE_TEXT)
        .at({ latitude: 40.7001234, longitude: -74.0101234, address: '5 Private Row' })
        .asPrivate(),
    );
    const closed = await call(
      CHANGE,
      {
        i: aChangeCaseStatusInput(tickets.pothole, 'CLOSED')
          .withNote(INTERNAL_NOTE)
          .withPublicNote('Pothole filled')
          .build(),
      },
      'caseworker',
    );
    expect(closed.errors).toBeUndefined();
    const noted = await call(
      NOTE,
      { i: anAddCaseNoteInput(tickets.noise, INTERNAL_NOTE).build() },
      'caseworker',
    );
    expect(noted.errors).toBeUndefined();

    await waitFor(
      async () => {
        const rows = await openData();
        const pothole = rows.find((r) => r.ticket === tickets.pothole);
        const noise = rows.find((r) => r.ticket === tickets.noise);
        return pothole?.status === 'CLOSED' && pothole.district && noise?.district;
      },
      { what: 'open data to show the closed pothole and the noise case, routed' },
    );
  });

  afterAll(() => e2e?.dispose());

  it('publishes public cases anonymously, places on the grid or by district, with no contact, name, exact place, private case or note', async () => {
    const csv = await download('/open-data/service-requests.csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const csvBody = Buffer.from(await csv.arrayBuffer());
    const json = await download('/open-data/service-requests.json');
    expect(json.status).toBe(200);
    const jsonBody = await json.text();

    const { header, rows } = spreadsheet(csvBody);
    expect(header).toEqual(OPEN_DATA_HEADER);
    const jsonRows = JSON.parse(jsonBody) as Row[];
    expect(rows.map((r) => r.ticket).sort()).toEqual([tickets.noise, tickets.pothole].sort());
    expect(jsonRows.map((r) => r.ticket).sort()).toEqual([tickets.noise, tickets.pothole].sort());

    const pothole = rows.find((r) => r.ticket === tickets.pothole)!;
    expect(pothole).toMatchObject({ service_code: 'pothole', status: 'CLOSED', channel: 'WEB' });
    expect(pothole.closed).not.toBe('');
    // A grid cell's centre near the place, never the place itself.
    const [lat, lon] = [Number(pothole.latitude), Number(pothole.longitude)];
    expect(Math.abs(lat - EXACT.latitude)).toBeLessThan(0.001);
    expect(Math.abs(lon - EXACT.longitude)).toBeLessThan(0.0015);
    expect([lat, lon]).not.toEqual([EXACT.latitude, EXACT.longitude]);
    // Scrubbed; kept whole through quoting (separator, quotes, line break); as text, not a formula.
    expect(pothole.description).toBe(`'${POTHOLE_PUBLISHED}`);
    expect(jsonRows.find((r) => r.ticket === tickets.pothole)!.description).toBe(POTHOLE_PUBLISHED);

    const noise = rows.find((r) => r.ticket === tickets.noise)!;
    expect(noise.district).not.toBe('');
    expect([noise.latitude, noise.longitude, noise.description]).toEqual(['', '', '']);

    for (const body of [csvBody.toString('utf8'), jsonBody]) {
      expect(
        plaintextFound(body, [
          REPORTER.firstName,
          REPORTER.lastName,
          REPORTER.email,
          PHONE,
          String(EXACT.latitude),
          String(EXACT.longitude),
          String(NOISE_PLACE.latitude),
          '12 Quimby Lane',
          'Times Square',
          PRIVATE_TEXT,
          tickets.private,
          INTERNAL_NOTE,
        ]),
      ).toEqual([]);
      expect(body).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
    }
    for (const row of rows) {
      expect(Object.values(row).filter(formula)).toEqual([]);
    }

    const dictionary = (await (await download('/open-data/dictionary.json')).json()) as {
      columns: { name: string }[];
    };
    expect(dictionary.columns.map((c) => c.name)).toEqual(OPEN_DATA_HEADER);
  });

  it('answers 304 through the gateway to a client holding the current file (ETag, then Last-Modified)', async () => {
    const first = await download('/open-data/service-requests.csv');
    await first.arrayBuffer();
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]{32}"$/);
    const again = await download('/open-data/service-requests.csv', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.text()).toBe('');

    const lastModified = await waitFor(
      async () => {
        const res = await download('/open-data/service-requests.json');
        await res.arrayBuffer();
        return res.headers.get('last-modified');
      },
      { what: 'Last-Modified once the last change has settled', intervalMs: 250 },
    );
    const since = await download('/open-data/service-requests.json', {
      'if-modified-since': lastModified,
    });
    expect(since.status).toBe(304);

    // A new public case: the copy held is no longer current, by either validator.
    const graffiti = await submit(
      aSubmitServiceRequestInput('graffiti').at({ latitude: 40.705, longitude: -74.009 }),
    );
    await waitFor(async () => (await openData()).some((r) => r.ticket === graffiti), {
      what: 'the graffiti case in open data',
    });
    const held: Record<string, string>[] = [
      { 'if-none-match': etag },
      { 'if-modified-since': lastModified },
    ];
    for (const headers of held) {
      const res = await download('/open-data/service-requests.csv', headers);
      expect(res.status).toBe(200);
      expect(spreadsheet(Buffer.from(await res.arrayBuffer())).rows.map((r) => r.ticket)).toContain(
        graffiti,
      );
    }
  });

  it('exports every figure as CSV to staff only, as a spreadsheet reads it', async () => {
    for (const query of EXPORTS) {
      const path = `/analytics/export/${query}.csv`;
      const anonymous = await download(path);
      expect([query, anonymous.status]).toEqual([query, 401]);
      await anonymous.arrayBuffer();
      const resident = await download(path, {}, 'resident');
      expect([query, resident.status]).toEqual([query, 403]);
      await resident.arrayBuffer();

      const res = await download(path, {}, 'analyst');
      expect([query, res.status]).toEqual([query, 200]);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${query}.csv"`);
      const { header, rows } = spreadsheet(Buffer.from(await res.arrayBuffer()));
      expect(header.length).toBeGreaterThan(1);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        expect(Object.keys(row)).toEqual(header);
        expect(Object.values(row).filter(formula)).toEqual([]);
      }
    }

    // The figures themselves: the pothole received and closed, with the filters as parameters.
    const byService = await waitFor(
      async () => {
        const res = await download(
          '/analytics/export/caseStats.csv?groupBy=SERVICE&serviceCodes=pothole,noise-residential',
          {},
          'analyst',
        );
        const { rows } = spreadsheet(Buffer.from(await res.arrayBuffer()));
        const pothole = rows.find((r) => r.service === 'pothole');
        return pothole?.closed === '1' ? rows : undefined;
      },
      { what: 'the closed pothole counted in caseStats' },
    );
    expect(byService.map((r) => r.service).sort()).toEqual(['noise-residential', 'pothole']);
    expect(byService.find((r) => r.service === 'pothole')).toMatchObject({ received: '1' });
    const demand = spreadsheet(
      Buffer.from(
        await (await download('/analytics/export/demandByHour.csv', {}, 'analyst')).arrayBuffer(),
      ),
    );
    expect(demand.rows).toHaveLength(7 * 24);

    const refused = await download('/analytics/export/caseStats.csv?groupBy=COLOUR', {}, 'analyst');
    expect(refused.status).toBe(400);
    const body = (await refused.json()) as {
      errors: { extensions: { code: string; fields: { field: string }[] } }[];
    };
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0].extensions.fields[0].field).toBe('groupBy');
  });

  it('answers the figures through the graph marked never to be kept by a cache', async () => {
    // The subgraphs answer without a cache-control header (their cache-control plugin is off,
    // docs/adr/0094): the gateway counts such an answer as uncacheable, as it did their no-store.
    const res = await fetch(e2e.platform.gatewayUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${tokens.analyst}`,
      },
      body: JSON.stringify({
        query: '{ caseStats(groupBy: [SERVICE]) { key { service } received } }',
      }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as { data: { caseStats: { received: number }[] } };
    expect(body.data.caseStats.length).toBeGreaterThan(0);
  });
});
