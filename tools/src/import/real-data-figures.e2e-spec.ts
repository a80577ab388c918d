import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '@civitas/contracts';
import { connect } from '@nats-io/transport-node';
import { parse } from 'csv-parse/sync';
import {
  deleteNamespaceStreams,
  graphql,
  queryRows,
  sharedDataPath,
  testDatabaseServerUrl,
  testNatsUrl,
  uniqueName,
  waitFor,
} from '@civitas/testing';
import {
  BACKEND_SERVICES,
  launchPlatform,
  type PlatformHandle,
} from '../platform/launch-platform.js';
import { findRepoRoot } from '../platform/repo-root.js';
import { signDevToken } from '../token/dev-token.js';
import { GatewayClient } from './gateway-client.js';
import { runImport, type ImportSummary } from './importer.js';
import { defaultMappingPath, loadMappingFile, type FormatName } from './mapping.js';

/**
 * Figures right on real data (issue 11, part 5): every file of ../shared/data/311 is imported
 * through the gateway, and for each file analytics' received, closed and median hours to close per
 * month x department x service (`caseStats`) must equal the same figures computed here, straight
 * from the CSV, by the few lines below — not by the importer's parsers or mapper. They read only
 * the data that is the import's contract: the mapping file (category → service, status, the zone
 * of the export's wall-clock times) and the platform's own catalog (service → department).
 *
 * How each file's figures are told apart: one platform per city, because analytics counts months
 * in ONE jurisdiction zone (ANALYTICS_TIME_ZONE) and New York, Los Angeles and Ottawa are three
 * jurisdictions; each city's platform is given its mapping's zone. Within a city, the files cover
 * months that do not overlap (checked below: openings and closures alike), so each file's figures
 * are `caseStats` filtered to its months, and the months of all files add up to the whole.
 * AugSR-2014 repeats 2,286 January rows of JanSR-2014 cell for cell: they are the same requests
 * (the importer says "already there"), so they count once, in JanSR.
 *
 * Rows the importer rejects are excluded on both sides, by file and row number from its report;
 * every row this side cannot read (a date it cannot parse, a closure before the opening, a status
 * the mapping does not know) must be among them.
 *
 * Run alone: `nice -n 19 npx tsc -b && nice -n 19 node --experimental-vm-modules
 * node_modules/jest/bin/jest.js tools/src/import/real-data-figures.e2e-spec.ts --selectProjects e2e`
 */

const DATA = sharedDataPath('311');
const OTTAWA_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug'];

const CITIES: { format: FormatName; files: string[] }[] = [
  {
    format: 'nyc311',
    files: ['nyc311_2020_Gozzi98_subset.csv', 'nyc311_2022-05-01_PyBOOT.csv'],
  },
  {
    format: 'la311',
    files: ['MyLA311_Service_Request_Data_2017_Subset.csv', 'la311_2020_seed_requests.csv'],
  },
  // In month order: a row repeated in a later file is the earlier file's.
  { format: 'ottawa311', files: OTTAWA_MONTHS.map((m) => `${m}SR-2014.csv`) },
];

// ---------------------------------------------------------------------------------------------
// The independent side: the mapping file read as data, times and months with Intl, CSV with
// csv-parse.

interface MappingFile {
  timeZone: string;
  defaultStatus: string;
  statuses: Record<string, string>;
  categories: Record<string, string>;
}

/** One source row as this side reads it. */
interface SourceRow {
  file: string;
  row: number;
  category: string;
  status: string;
  opened: string;
  closed: string;
  cells: string[];
}

function readRows(format: FormatName, file: string): SourceRow[] {
  const records = parse(readFileSync(join(DATA, format, file)), {
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    info: true,
  }) as unknown as { record: string[]; info: { lines: number } }[];
  const at = (header: string[]) => {
    const index = header.map((h) => h.trim().toLowerCase().replace(/[\s_]/g, ''));
    return (cells: string[], name: string) => cells[index.indexOf(name)] ?? '';
  };
  const out: SourceRow[] = [];
  if (format === 'ottawa311') {
    // creation_date, ward, call_description (request type), call_type (service area), ...
    for (const { record: c, info } of records) {
      if (c[0].trim().toLowerCase() !== 'creation_date') {
        const area = c[3].trim();
        const type = c[2].trim();
        const category = area && type ? `${area} / ${type}` : area || type;
        const row = { file, row: info.lines, status: '', closed: '', cells: c };
        out.push({ ...row, category, opened: c[0].trim() });
      }
    }
    return out;
  }
  const headerless = format === 'nyc311' && /^\d+$/.test(records[0].record[0]);
  const get = at(
    headerless
      ? ['Unique Key', 'Created Date', 'Closed Date', 'Complaint Type', 'Borough']
      : records[0].record,
  );
  for (const { record: c, info } of records.slice(headerless ? 0 : 1)) {
    const closed = get(c, 'closeddate').trim();
    out.push({
      file,
      row: info.lines,
      category: get(c, format === 'nyc311' ? 'complainttype' : 'requesttype').trim(),
      // The header-less NYC extract has no status: closed when it has a closing date.
      status: headerless ? (closed ? 'Closed' : '') : get(c, 'status').trim(),
      opened: get(c, 'createddate').trim(),
      closed,
      cells: c,
    });
  }
  return out;
}

/** The mapping's own rules: exact, then case-insensitive, then the part before " / ". */
function serviceOf(m: MappingFile, category: string): string {
  const lower = (k: string) =>
    Object.entries(m.categories).find(([c]) => c.toLowerCase() === k.toLowerCase())?.[1];
  const group = category.includes(' / ') ? category.slice(0, category.indexOf(' / ')) : null;
  return (
    m.categories[category] ??
    lower(category) ??
    (group ? lower(group) : undefined) ??
    'general-inquiry'
  );
}

function statusOf(m: MappingFile, status: string): string | undefined {
  if (!status) {
    return m.defaultStatus;
  }
  return (
    m.statuses[status] ??
    Object.entries(m.statuses).find(([s]) => s.toLowerCase() === status.toLowerCase())?.[1]
  );
}

const MONTH_NAMES = 'janfebmaraprmayjunjulaugsepoctnovdec';

function wallClock(text: string): number | null {
  const us =
    /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4}) (\d{1,2}):(\d{2})(?::(\d{2}))?(?: ([AP]M))?$/i.exec(text);
  if (us) {
    const [, mo, d, y, h, mi, s, ampm] = us;
    const hour = ampm ? (Number(h) % 12) + (ampm.toUpperCase() === 'PM' ? 12 : 0) : Number(h);
    const year = y.length === 2 ? 2000 + Number(y) : Number(y);
    return Date.UTC(year, Number(mo) - 1, Number(d), hour, Number(mi), Number(s ?? 0));
  }
  const ottawa = /^(\d{4})-([A-Za-z]{3})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (ottawa) {
    const [, y, mon, d, h, mi, s] = ottawa;
    const month = MONTH_NAMES.indexOf(mon.toLowerCase()) / 3;
    return Date.UTC(Number(y), month, Number(d), Number(h), Number(mi), Number(s));
  }
  return null;
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** Local date parts of an instant in a zone, with Intl. */
function localParts(instant: number, zone: string): number[] {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(zone, format);
  }
  const parts = format.formatToParts(new Date(instant));
  const v = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  return [v('year'), v('month'), v('day'), v('hour'), v('minute'), v('second')];
}

/** The instant a wall-clock time in `zone` stands for: the wall time less the zone's offset then. */
function instantOf(wall: number, zone: string): number {
  const offset = (at: number) => {
    const [y, mo, d, h, mi, s] = localParts(at, zone);
    return Date.UTC(y, mo - 1, d, h, mi, s) - at;
  };
  return wall - offset(wall - offset(wall));
}

const monthOf = (instant: number, zone: string) => {
  const [y, mo] = localParts(instant, zone);
  return `${y}-${String(mo).padStart(2, '0')}`;
};

/** percentile_cont(0.5): the middle value, or the mean of the two middle ones. */
function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = (s.length - 1) / 2;
  return s[Math.floor(mid)] + (s[Math.ceil(mid)] - s[Math.floor(mid)]) * (mid - Math.floor(mid));
}

interface Figure {
  received: number;
  closed: number;
  hours: number[];
}

interface FileFigures {
  file: string;
  rows: number;
  rejected: number;
  repeated: number;
  /** month|department|service → figures. */
  figures: Map<string, Figure>;
  months: string[];
  unreadable: string[];
}

/**
 * A file's figures as analytics defines them (docs/adr/0056): received in the month of the
 * opening; closed in the month of the closure, or of the opening for a closure without a time
 * (Ottawa's history); hours to close = closure - opening for those with a closure time, their
 * median over the closures of the month. Months of `zone`.
 */
function expectedFigures(
  rows: SourceRow[],
  mapping: MappingFile,
  zone: string,
  departmentOf: Map<string, string>,
  rejected: Set<number>,
  seen: Map<string, number> | null,
): FileFigures {
  const figures = new Map<string, Figure>();
  const add = (month: string, service: string) => {
    const key = `${month}|${departmentOf.get(service) ?? `(no department for ${service})`}|${service}`;
    let f = figures.get(key);
    if (!f) {
      f = { received: 0, closed: 0, hours: [] };
      figures.set(key, f);
    }
    return f;
  };
  const result: FileFigures = {
    file: rows[0]?.file ?? '',
    rows: rows.length,
    rejected: 0,
    repeated: 0,
    figures,
    months: [],
    unreadable: [],
  };
  for (const r of rows) {
    const status = statusOf(mapping, r.status);
    const openedWall = wallClock(r.opened);
    const closedWall = status === 'CLOSED' && r.closed ? wallClock(r.closed) : null;
    const opened = openedWall === null ? null : instantOf(openedWall, zone);
    const closed = closedWall === null ? null : instantOf(closedWall, zone);
    const unreadable =
      !status ||
      opened === null ||
      (status === 'CLOSED' && r.closed && closed === null) ||
      (opened !== null && closed !== null && closed < opened);
    if (rejected.has(r.row)) {
      result.rejected++;
      continue;
    }
    if (unreadable) {
      result.unreadable.push(`row ${r.row}: ${r.cells.join(',').slice(0, 120)}`);
      continue;
    }
    if (seen) {
      // Ottawa has no ids: a row repeated cell for cell from an earlier file is that file's.
      const key = r.cells.join('\u001f');
      const earlier = seen.get(key) ?? 0;
      if (earlier > 0) {
        seen.set(key, earlier - 1);
        result.repeated++;
        continue;
      }
    }
    const service = serviceOf(mapping, r.category);
    add(monthOf(opened!, zone), service).received++;
    if (status === 'CLOSED') {
      const f = add(monthOf(closed ?? opened!, zone), service);
      f.closed++;
      if (closed !== null) {
        f.hours.push((closed - opened!) / 3_600_000);
      }
    }
  }
  result.months = [...new Set([...figures.keys()].map((k) => k.slice(0, 7)))].sort();
  return result;
}

// ---------------------------------------------------------------------------------------------
// The platform side.

const STATS = `query Figures($filter: CaseStatsFilter) {
  caseStats(filter: $filter, groupBy: [DEPARTMENT, SERVICE], interval: MONTH) {
    key { department service period } received closed medianHoursToClose
  }
}`;

const TOTALS = `{ caseStats(groupBy: [DEPARTMENT]) { key { department } received closed } }`;

interface StatsRow {
  key: { department: string; service: string; period: string };
  received: number;
  closed: number;
  medianHoursToClose: number | null;
}

const lastDay = (month: string) => {
  const [y, m] = month.split('-').map(Number);
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
};

describe.each(CITIES)('figures of every $format file, platform against the raw files', (city) => {
  const mapping = JSON.parse(
    readFileSync(defaultMappingPath(findRepoRoot(), city.format), 'utf8'),
  ) as MappingFile;
  // The jurisdiction's zone is the one the export's wall-clock times are in (the mapping file).
  const zone = mapping.timeZone;
  let platform: PlatformHandle;
  let dir: string;
  let prefix: string;
  let analyst: string;
  let summary: ImportSummary;
  let started: number;
  const expected = new Map<string, FileFigures>();
  let departmentOf: Map<string, string>;

  beforeAll(async () => {
    started = Date.now();
    dir = mkdtempSync(join(tmpdir(), 'civitas-figures-'));
    prefix = `fig${uniqueName('')
      .replace(/[^a-z0-9]/gi, '')
      .slice(-10)
      .toLowerCase()}`;
    platform = await launchPlatform({
      databaseUrl: testDatabaseServerUrl(),
      natsUrl: testNatsUrl(),
      dataDir: join(dir, 'data'),
      ports: { gateway: 0, intake: 0, cases: 0, citizens: 0, routing: 0, analytics: 0 },
      busNamespace: prefix,
      databasePrefix: prefix,
      nodeEnv: 'test',
      quiet: true,
      ephemeralSecrets: true,
      // A 500-row batch can outlast the gateway's 5 s budget on a loaded 2-core machine; the
      // importer would send it again, but each attempt is as slow.
      extraEnv: { ANALYTICS_TIME_ZONE: zone, GRAPHQL_TIME_BUDGET_MS: '120000' },
      // Started at the lowest priority on a shared machine: give each service more than 90 s.
      readyTimeoutMs: 300_000,
    });
    const admin = await signDevToken(
      { roles: [Role.Admin], sub: 'e2e-figures-import', departments: [], expiresIn: '2h' },
      platform.secrets.AUTH_DEV_SIGNING_KEY,
    );
    analyst = await signDevToken(
      { roles: [Role.Analyst], sub: 'e2e-figures', departments: [], expiresIn: '2h' },
      platform.secrets.AUTH_DEV_SIGNING_KEY,
    );
    const launched = Date.now();
    summary = await runImport({
      format: city.format,
      mapping: loadMappingFile(defaultMappingPath(findRepoRoot(), city.format)),
      paths: city.files.map((f) => join(DATA, city.format, f)),
      sender: new GatewayClient(platform.gatewayUrl, admin),
      reportPath: join(dir, 'rejected.csv'),
      progressOut: Object.assign(new PassThrough(), { isTTY: false }),
    });
    const imported = Date.now();
    if (summary.aborted) {
      throw new Error(`the import of ${city.format} stopped early: ${summary.aborted}`);
    }
    const catalog = await graphql<{ services: { code: string; department: { code: string } }[] }>(
      platform.gatewayUrl,
      '{ services { code department { code } } }',
    );
    expect(catalog.errors).toBeUndefined();
    departmentOf = new Map(catalog.data!.services.map((s) => [s.code, s.department.code]));

    // Both sides leave out the same rows: those in the importer's report.
    const report = parse(readFileSync(summary.reportPath), { columns: true }) as {
      file: string;
      row: string;
      field: string;
      reason: string;
    }[];
    const seen = city.format === 'ottawa311' ? new Map<string, number>() : null;
    for (const file of city.files) {
      const rows = readRows(city.format, file);
      const mine = report.filter((r) => r.file === file);
      const figures = expectedFigures(
        rows,
        mapping,
        zone,
        departmentOf,
        new Set(mine.map((r) => Number(r.row))),
        seen,
      );
      for (const r of seen ? rows : []) {
        const key = r.cells.join('\u001f');
        seen!.set(key, (seen!.get(key) ?? 0) + 1);
      }
      expected.set(file, figures);
      const reasons = new Map<string, number>();
      for (const r of mine) {
        const why = `${r.field}: ${r.reason.replace(/[\d"][^ ]*/g, '…')}`;
        reasons.set(why, (reasons.get(why) ?? 0) + 1);
      }
      console.log(
        `${file}: ${rows.length} rows, ${mine.length} rejected${[...reasons]
          .map(([why, n]) => `\n  ${n} × ${why}`)
          .join(
            '',
          )}${figures.repeated ? `\n  ${figures.repeated} repeated from earlier files` : ''}`,
      );
    }
    const total = [...expected.values()].reduce(
      (n, f) => n + [...f.figures.values()].reduce((m, x) => m + x.received, 0),
      0,
    );
    await waitFor(
      async () => {
        const answer = await graphql<{
          caseStats: { key: { department: string }; received: number }[];
        }>(platform.gatewayUrl, TOTALS, {}, { authorization: `Bearer ${analyst}` });
        const rows = answer.data?.caseStats ?? [];
        const counted = rows.reduce((n, r) => n + r.received, 0);
        return counted === total && !rows.some((r) => r.key.department === 'unrouted');
      },
      { timeoutMs: 600_000, intervalMs: 2000, what: `the ${total} accepted rows in analytics` },
    );
    console.log(
      `${city.format} (${zone}): platform up in ${((launched - started) / 1000).toFixed(0)} s, ` +
        `${summary.read} rows imported in ${((imported - launched) / 1000).toFixed(0)} s, ` +
        `in analytics after ${((Date.now() - imported) / 1000).toFixed(0)} s more`,
    );
  }, 1_200_000);

  afterAll(async () => {
    await platform?.stop();
    rmSync(dir, { recursive: true, force: true });
    if (prefix) {
      for (const service of BACKEND_SERVICES) {
        await queryRows(
          testDatabaseServerUrl(),
          `DROP DATABASE IF EXISTS "${prefix}_${service}" WITH (FORCE)`,
        );
      }
      const nc = await connect({ servers: testNatsUrl() });
      await deleteNamespaceStreams(nc, prefix);
      await nc.close();
    }
  }, 120_000);

  it('rejects only rows that cannot be read, and counts the rest once', () => {
    expect(summary.aborted).toBeUndefined();
    const files = [...expected.values()];
    for (const f of files) {
      expect({ file: f.file, unreadable: f.unreadable }).toEqual({ file: f.file, unreadable: [] });
    }
    expect(summary.read).toBe(files.reduce((n, f) => n + f.rows, 0));
    expect(summary.rejected).toBe(files.reduce((n, f) => n + f.rejected, 0));
    expect(summary.alreadyThere).toBe(files.reduce((n, f) => n + f.repeated, 0));
  });

  it("keeps each file's months apart from the other files' (so filtering by month separates them)", () => {
    const owner = new Map<string, string>();
    for (const f of expected.values()) {
      for (const month of f.months) {
        expect({ month, file: owner.get(month) ?? f.file }).toEqual({ month, file: f.file });
        owner.set(month, f.file);
      }
    }
  });

  it.each(city.files)(
    '%s: received, closed and median hours to close per month, department and service',
    async (file) => {
      const mine = expected.get(file)!;
      const from = `${mine.months[0]}-01`;
      const to = lastDay(mine.months[mine.months.length - 1]);
      const res = await graphql<{ caseStats: StatsRow[] }>(
        platform.gatewayUrl,
        STATS,
        { filter: { from, to } },
        { authorization: `Bearer ${analyst}` },
      );
      expect(res.errors).toBeUndefined();
      const platformRows = res.data!.caseStats.map((r) => ({
        key: `${r.key.period.slice(0, 7)}|${r.key.department}|${r.key.service}`,
        received: r.received,
        closed: r.closed,
        median: r.medianHoursToClose,
      }));
      const independent = [...mine.figures].map(([key, f]) => ({
        key,
        received: f.received,
        closed: f.closed,
        median: f.hours.length > 0 ? median(f.hours) : null,
      }));
      const byKey = (a: { key: string }, b: { key: string }) => a.key.localeCompare(b.key);
      // Medians are floating point on both sides: equal to a millionth of an hour (3.6 ms).
      const rounded = (rows: typeof independent) =>
        rows
          .map((r) => ({ ...r, median: r.median === null ? null : Math.round(r.median * 1e6) }))
          .sort(byKey);
      expect(rounded(platformRows)).toEqual(rounded(independent));
      console.log(
        `${file}: ${independent.length} month x department x service rows equal ` +
          `(${from}..${to}; received ${independent.reduce((n, r) => n + r.received, 0)}, ` +
          `closed ${independent.reduce((n, r) => n + r.closed, 0)})`,
      );
    },
  );

  it("adds up to everything the city's platform counts", async () => {
    const res = await graphql<{ caseStats: { received: number; closed: number }[] }>(
      platform.gatewayUrl,
      `
        {
          caseStats {
            received
            closed
          }
        }
      `,
      {},
      { authorization: `Bearer ${analyst}` },
    );
    const sum = (pick: (f: Figure) => number) =>
      [...expected.values()].reduce(
        (n, file) => n + [...file.figures.values()].reduce((m, f) => m + pick(f), 0),
        0,
      );
    expect(res.data!.caseStats).toEqual([
      { received: sum((f) => f.received), closed: sum((f) => f.closed) },
    ]);
    console.log(
      `${city.format}: whole spec so far ${((Date.now() - started) / 1000).toFixed(0)} s`,
    );
  });
});
