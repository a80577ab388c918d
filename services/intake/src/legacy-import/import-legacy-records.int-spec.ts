import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  Channel,
  GetServiceCatalog,
  HistoryAccepted,
  Role,
  type Identity,
} from '@civitas/contracts';
import { pendingSchemaDrift } from '@civitas/persistence';
import {
  aLegacyRecordInput,
  anImportLegacyRecordsInput,
  errorCodes,
  peer,
  routingCatalog,
  startServiceHarness,
  type ImportLegacyRecordsInput,
  type LegacyRecordInput,
  type ServiceHarness,
  aStaffMember,
  aResident,
} from '@civitas/testing';
import { INTAKE_APP } from '../app.module.js';
import type { IntakeConfig } from '../config/intake.config.js';

const IMPORT = `mutation Import($input: ImportLegacyRecordsInput!) {
  importLegacyRecords(input: $input) {
    imported alreadyThere
    rejected { rowNumber sourceId field reason }
    records { sourceId ticketNumber imported }
  }
}`;

interface Result {
  importLegacyRecords: {
    imported: number;
    alreadyThere: number;
    rejected: { rowNumber: number; sourceId: string; field: string; reason: string }[];
    records: { sourceId: string; ticketNumber: string; imported: boolean }[];
  };
}

const ADMIN = aStaffMember(Role.Admin, 'importer');

const record = (sourceId: string, overrides: Partial<LegacyRecordInput> = {}) =>
  aLegacyRecordInput(sourceId).with(overrides).build();

const batch = (sourceSystem: string, ...records: LegacyRecordInput[]) =>
  anImportLegacyRecordsInput(sourceSystem)
    .withRecords(...records)
    .build();

describe('intake: importing legacy history', () => {
  let intake: ServiceHarness<IntakeConfig>;

  beforeAll(async () => {
    intake = await startServiceHarness({
      ...INTAKE_APP,
      peers: [peer(GetServiceCatalog, routingCatalog(['pothole', 'general-inquiry']))],
    });
  });

  afterAll(() => intake?.dispose());

  const count = async (sql: string, params: unknown[] = []) =>
    Number((await intake.database.rows<{ n: string }>(sql, params))[0].n);

  const run = (input: ImportLegacyRecordsInput, identity: Partial<Identity> = ADMIN) =>
    intake.query<Result>(IMPORT, { input }, identity);

  it('stores each record with its original time and one history-accepted carrying every record with its legacy origin', async () => {
    const res = await run(
      batch(
        'nyc311',
        record('1001'),
        record('1002', {
          status: 'OPEN',
          closedAt: null,
          location: { latitude: 40.7, longitude: -73.9 },
        }),
      ),
    );
    expect(res.errors).toBeUndefined();
    const result = res.data!.importLegacyRecords;
    expect(result).toMatchObject({ imported: 2, alreadyThere: 0, rejected: [] });
    expect(result.records.map((r) => r.ticketNumber)).toEqual([
      expect.stringMatching(/^SR-2020-\d{7}$/),
      expect.stringMatching(/^SR-2020-\d{7}$/),
    ]);
    expect(
      await count(
        `SELECT count(*) AS n FROM submission WHERE channel = $1 AND received_at = '2020-08-05T14:00:00Z'`,
        [Channel.LEGACY_IMPORT],
      ),
    ).toBe(2);
    const rows = await intake.database.rows<{
      envelope: { type: string; payload: { submissions: Record<string, unknown>[] } };
    }>(
      `SELECT envelope FROM outbox
       WHERE envelope->'payload'->'submissions' @> jsonb_build_array(jsonb_build_object('ticketNumber', $1::text))`,
      [result.records[0].ticketNumber],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].envelope.type).toBe(HistoryAccepted.subject);
    expect(rows[0].envelope.payload.submissions.map((s) => s.ticketNumber)).toEqual(
      result.records.map((r) => r.ticketNumber),
    );
    expect(rows[0].envelope.payload.submissions[0]).toMatchObject({
      channel: 'LEGACY_IMPORT',
      emergency: false,
      receivedAt: '2020-08-05T14:00:00.000Z',
      legacy: {
        sourceSystem: 'nyc311',
        sourceId: '1001',
        status: 'CLOSED',
        closedAt: '2020-08-07T09:30:00.000Z',
        agency: 'DOT',
        category: 'Street Condition',
      },
    });
  });

  it('imports nothing twice: the same records again are counted as already there, with their tickets', async () => {
    const first = (await run(batch('la311', record('2001'), record('2002')))).data!
      .importLegacyRecords;
    const outbox = await count('SELECT count(*) AS n FROM outbox');
    const again = (
      await run(batch('la311', record('2001'), record('2002'), record('2003'), record('2003')))
    ).data!.importLegacyRecords;
    expect(again).toMatchObject({ imported: 1, alreadyThere: 3 });
    expect(again.records.slice(0, 2).map((r) => r.ticketNumber)).toEqual(
      first.records.map((r) => r.ticketNumber),
    );
    expect(await count('SELECT count(*) AS n FROM outbox')).toBe(outbox + 1);
    expect(
      await count(`SELECT count(*) AS n FROM legacy_record WHERE source_system = 'la311'`),
    ).toBe(3);
    // The same id from another system is another record.
    expect((await run(batch('ottawa311', record('2001')))).data!.importLegacyRecords.imported).toBe(
      1,
    );
  });

  it('rejects a bad record with its row number and reason, and imports the rest of the batch', async () => {
    const res = (
      await run(
        batch(
          'nyc311',
          record('3001', { serviceCode: 'teleport' }),
          record('3002', { closedAt: '2020-08-01T00:00:00.000Z' }),
          record('3003', { status: 'OPEN' }),
          record('3004'),
        ),
      )
    ).data!.importLegacyRecords;
    expect(res.imported).toBe(1);
    expect(res.rejected).toEqual([
      {
        rowNumber: 3001,
        sourceId: '3001',
        field: 'serviceCode',
        reason: '"teleport" is not in the catalog',
      },
      { rowNumber: 3002, sourceId: '3002', field: 'closedAt', reason: 'is before openedAt' },
      {
        rowNumber: 3003,
        sourceId: '3003',
        field: 'closedAt',
        reason: 'is set but the status is OPEN, not CLOSED',
      },
    ]);
    expect(
      await count(
        `SELECT count(*) AS n FROM legacy_record WHERE source_id IN ('3001','3002','3003')`,
      ),
    ).toBe(0);
  });

  it('refuses a malformed batch whole, naming the field, and writes nothing', async () => {
    const before = [
      await count('SELECT count(*) AS n FROM submission'),
      await count('SELECT count(*) AS n FROM outbox'),
    ];
    const res = await run(
      batch('nyc311', record('4001'), record('4002', { openedAt: 'last tuesday' })),
    );
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    const upper = await run(batch('NYC 311', record('4003')));
    expect(errorCodes(upper)).toEqual(['BAD_USER_INPUT']);
    expect(
      (upper.errors![0].extensions?.fields as { field: string }[]).map((f) => f.field),
    ).toContain('sourceSystem');
    const offTheGlobe = await run(
      batch('nyc311', record('4004', { location: { latitude: 140.7, longitude: -73.9 } })),
    );
    expect(errorCodes(offTheGlobe)).toEqual(['BAD_USER_INPUT']);
    expect(
      (offTheGlobe.errors![0].extensions?.fields as { field: string }[]).map((f) => f.field),
    ).toContain('records.0.location.latitude');
    expect([
      await count('SELECT count(*) AS n FROM submission'),
      await count('SELECT count(*) AS n FROM outbox'),
    ]).toEqual(before);
  });

  it('is for admins and integrations only', async () => {
    const input = batch('nyc311', record('5001'));
    expect(errorCodes(await run(input, aResident('r')))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await run(input, aStaffMember(Role.Agent, 'a')))).toEqual(['FORBIDDEN']);
    expect(
      (await run(input, { sub: 'legacy-feed', roles: [Role.Integration] })).data!
        .importLegacyRecords.imported,
    ).toBe(1);
  });

  it('has no drift between entities and migrations', async () => {
    expect(await pendingSchemaDrift(await intake.database.dataSource())).toEqual([]);
  });
});
