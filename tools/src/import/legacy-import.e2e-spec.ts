import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '@civitas/contracts';
import { connect } from '@nats-io/transport-node';
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

const DATA = sharedDataPath('311');

/** A few hundred real rows from each file (the header kept), cut into a temporary file. */
async function cut(dir: string, source: string, lines: number): Promise<string> {
  const out: string[] = [];
  for await (const line of createInterface({ input: createReadStream(join(DATA, source)) })) {
    out.push(line);
    if (out.length >= lines) {
      break;
    }
  }
  const path = join(dir, basename(source));
  writeFileSync(path, `${out.join('\n')}\n`);
  return path;
}

const SETS: { format: FormatName; files: [string, number][] }[] = [
  // Gozzi98 has no header; its row 327 was closed before it was created.
  {
    format: 'nyc311',
    files: [
      ['nyc311/nyc311_2022-05-01_PyBOOT.csv', 150],
      ['nyc311/nyc311_2020_Gozzi98_subset.csv', 400],
    ],
  },
  {
    format: 'la311',
    files: [
      ['la311/MyLA311_Service_Request_Data_2017_Subset.csv', 150],
      ['la311/la311_2020_seed_requests.csv', 150],
    ],
  },
  // January and March are written in the two date formats.
  {
    format: 'ottawa311',
    files: [
      ['ottawa311/JanSR-2014.csv', 150],
      ['ottawa311/MarSR-2014.csv', 150],
    ],
  },
];

const TRACK = `query Track($t: String!) {
  caseByTicket(ticketNumber: $t) { ticketNumber status channel createdAt closedAt sourceId service { code } legacy { sourceSystem sourceId agency category } }
}`;

const COUNTS = `{ caseCounts(groupBy: DEPARTMENT) { key count closed averageHoursToClose } }`;

describe('npm run import: legacy history through the gateway', () => {
  let platform: PlatformHandle;
  let dir: string;
  let token: string;
  let analyst: string;
  const firstRuns = new Map<FormatName, ImportSummary>();
  const tickets = new Map<string, string>();
  let prefix: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'civitas-import-'));
    const suffix = uniqueName('imp')
      .replace(/[^a-z0-9]/gi, '')
      .slice(-10)
      .toLowerCase();
    prefix = `imp${suffix}`;
    // The test's own databases and bus namespace on the test Postgres and NATS, and a data dir of
    // its own: never the embedded Postgres or `.data` of an \`npm start\` on the same checkout.
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
    });
    token = await signDevToken(
      { roles: [Role.Admin], sub: 'e2e-import', departments: [], expiresIn: '1h' },
      platform.secrets.AUTH_DEV_SIGNING_KEY,
    );
    analyst = await signDevToken(
      { roles: [Role.Analyst], sub: 'e2e-analyst', departments: [], expiresIn: '1h' },
      platform.secrets.AUTH_DEV_SIGNING_KEY,
    );
  }, 120_000);

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
  });

  const importSet = async (set: (typeof SETS)[number]) => {
    const paths = await Promise.all(set.files.map(([file, lines]) => cut(dir, file, lines)));
    return runImport({
      format: set.format,
      mapping: loadMappingFile(defaultMappingPath(findRepoRoot(), set.format)),
      paths,
      sender: new GatewayClient(platform.gatewayUrl, token),
      reportPath: join(dir, `${set.format}-report.csv`),
      batchSize: 100,
      progressOut: Object.assign(new (await import('node:stream')).PassThrough(), { isTTY: false }),
      onBatch: (result) => result.records.forEach((r) => tickets.set(r.sourceId, r.ticketNumber)),
    });
  };

  it('imports every row of each file once, rejecting only bad rows with their row numbers', async () => {
    for (const set of SETS) {
      const summary = await importSet(set);
      firstRuns.set(set.format, summary);
      const dataRows = set.files.reduce(
        (n, [file, lines]) => n + lines - (file.includes('Gozzi98') ? 0 : 1),
        0,
      );
      expect(summary.aborted).toBeUndefined();
      expect(summary.read).toBe(dataRows);
      expect(summary.imported + summary.rejected).toBe(dataRows);
      expect(summary.alreadyThere).toBe(0);
    }
    expect(firstRuns.get('nyc311')!.firstRejections).toContainEqual(
      expect.objectContaining({
        file: 'nyc311_2020_Gozzi98_subset.csv',
        rowNumber: 327,
        sourceId: '47149201',
        field: 'closedAt',
      }),
    );
    expect(firstRuns.get('ottawa311')!.rejected).toBe(0);
  });

  it('imports nothing twice when run again', async () => {
    for (const set of SETS) {
      const again = await importSet(set);
      expect(again.imported).toBe(0);
      expect(again.alreadyThere).toBe(firstRuns.get(set.format)!.imported);
      expect(again.rejected).toBe(firstRuns.get(set.format)!.rejected);
    }
  });

  it('opens and routes every imported row as a case, counted by analytics with closures', async () => {
    const total = [...firstRuns.values()].reduce((n, s) => n + s.imported, 0);
    const counts = await waitFor(
      async () => {
        const res = await graphql<{
          caseCounts: {
            key: string;
            count: number;
            closed: number;
            averageHoursToClose: number | null;
          }[];
        }>(platform.gatewayUrl, COUNTS, {}, { authorization: `Bearer ${analyst}` });
        const rows = res.data?.caseCounts ?? [];
        const sum = rows.reduce((n, r) => n + r.count, 0);
        return sum === total && !rows.some((r) => r.key === 'unrouted') ? rows : undefined;
      },
      { timeoutMs: 90_000, what: `${total} imported cases opened and routed` },
    );
    const closed = counts.reduce((n, r) => n + r.closed, 0);
    expect(closed).toBeGreaterThan(total / 2);
    expect(counts.some((r) => (r.averageHoursToClose ?? 0) > 0)).toBe(true);
  });

  it('keeps a closed request closed, with its original times, source id and agency, through caseByTicket', async () => {
    // NYC 46920293: created 07/20/2020 10:51:12 AM, closed 09/05/2020 12:32:48 PM (New York time), Damaged Tree.
    const ticket = tickets.get('46920293')!;
    expect(ticket).toMatch(/^SR-2020-\d{7}$/);
    const res = await graphql<{ caseByTicket: Record<string, unknown> }>(
      platform.gatewayUrl,
      TRACK,
      { t: ticket },
    );
    expect(res.data!.caseByTicket).toMatchObject({
      ticketNumber: ticket,
      status: 'CLOSED',
      channel: 'LEGACY_IMPORT',
      createdAt: '2020-07-20T14:51:12.000Z',
      closedAt: '2020-09-05T16:32:48.000Z',
      sourceId: '46920293',
      service: { code: 'tree-down' },
      legacy: { sourceSystem: 'nyc311', sourceId: '46920293', category: 'Damaged Tree' },
    });
  });
});
