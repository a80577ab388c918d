import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CaseOpened,
  CaseRouted,
  CaseStatus,
  HistoryOpened,
  HistoryRouted,
  Role,
  type Identity,
} from '@civitas/contracts';
import { UnitOfWork } from '@civitas/messaging';
import { pendingSchemaDrift } from '@civitas/persistence';
import {
  aCaseOpened,
  aCaseRouted,
  aHistoryOpened,
  aHistoryRouted,
  errorCodes,
  type CaseOpenedBuilder,
  type CaseRoutedBuilder,
  gatewayHeaders,
  servedAndCommittedSdl,
  startServiceHarness,
  waitFor,
  type ServiceHarness,
  aResident,
  aStaffMember,
} from '@civitas/testing';
import type { DataSource } from 'typeorm';
import { ANALYTICS_APP } from './app.module.js';
import { CaseFactRepository } from './case-facts/index.js';
import type { AnalyticsConfig } from './config/analytics.config.js';

const ANALYST = aStaffMember(Role.Analyst, 'analyst-1');
const RESIDENT = aResident('resident-1');

const COUNTS = 'query($g: CaseCountGroup) { caseCounts(groupBy: $g) { key count } }';

const opened = (caseId: string, serviceCode: string, ticketNumber: string) =>
  aCaseOpened()
    .forCase({ caseId, ticketNumber })
    .forService(serviceCode)
    .openedAt('2026-11-20T10:00:00.000Z');

const routed = (
  caseId: string,
  serviceCode: string,
  departmentCode: string,
  ticketNumber: string,
) =>
  aCaseRouted()
    .forCase({ caseId, ticketNumber, serviceCode })
    .toDepartment(departmentCode, `${departmentCode}.general`)
    .due('2026-11-23T10:00:00.000Z')
    .routedAt('2026-11-20T10:00:01.000Z');

describe('analytics service (Postgres + NATS)', () => {
  let analytics: ServiceHarness<AnalyticsConfig>;
  let sql: DataSource;

  beforeAll(async () => {
    // Booting provisions the CASES and ROUTING streams and the durable consumers.
    analytics = await startServiceHarness(ANALYTICS_APP);
    sql = await analytics.database.dataSource();
  });

  afterAll(() => analytics?.dispose());

  const caseOpened = (c: CaseOpenedBuilder) => analytics.publish(CaseOpened, c.build());
  const caseRouted = (c: CaseRoutedBuilder) => analytics.publish(CaseRouted, c.build());

  function counts(groupBy: 'SERVICE' | 'DEPARTMENT' | null, identity: Identity = ANALYST) {
    return analytics.query<{ caseCounts: { key: string; count: number }[] }>(
      COUNTS,
      groupBy ? { g: groupBy } : {},
      identity,
    );
  }

  async function caseFact(caseId: string): Promise<Record<string, unknown> | undefined> {
    const [row] = await sql.query<Record<string, unknown>[]>(
      'SELECT * FROM case_fact WHERE case_id = $1',
      [caseId],
    );
    return row;
  }

  describe('counting cases from events', () => {
    const [c1, c2, c3, c4, c5] = Array.from({ length: 5 }, () => randomUUID());

    beforeAll(async () => {
      // c1 opened then routed; c2 routed before it is opened; c3 never routed.
      await caseOpened(opened(c1, 'pothole', 'T-1'));
      await caseRouted(routed(c1, 'pothole', 'streets', 'T-1'));
      await caseRouted(routed(c2, 'pothole', 'streets', 'T-2'));
      await caseOpened(opened(c2, 'pothole', 'T-2'));
      await caseOpened(opened(c3, 'graffiti', 'T-3'));
      const c4Opened = await caseOpened(opened(c4, 'missed-collection', 'T-4'));
      await caseRouted(routed(c4, 'missed-collection', 'sanitation', 'T-4'));
      // The same event again under another stream message id: past the stream's de-duplication,
      // so only the consumer's inbox can keep it from counting twice.
      await analytics.publish(CaseOpened, c4Opened.payload, {
        envelope: c4Opened,
        msgID: randomUUID(),
      });
      // Consumed after the duplicate (one consumer reads its subject in order): once c5 is in, so is it.
      await caseOpened(opened(c5, 'graffiti', 'T-5'));
      await waitFor(
        async () =>
          (await caseFact(c5)) &&
          (await caseFact(c2))?.opened_at &&
          (await caseFact(c4))?.routed_at,
        {
          what: 'events to be folded into case facts',
        },
      );
    });

    it('counts by service, most frequent first then by key', async () => {
      const res = await counts('SERVICE');
      expect(res.errors).toBeUndefined();
      expect(res.data?.caseCounts).toEqual([
        { key: 'graffiti', count: 2 },
        { key: 'pothole', count: 2 },
        { key: 'missed-collection', count: 1 },
      ]);
    });

    it('groups by service when no grouping is given', async () => {
      const omitted = await counts(null);
      expect(omitted.data?.caseCounts.map((c) => c.key)).toEqual([
        'graffiti',
        'pothole',
        'missed-collection',
      ]);
      const explicitNull = await analytics.query<{ caseCounts: { key: string }[] }>(
        COUNTS,
        { g: null },
        ANALYST,
      );
      expect(explicitNull.data?.caseCounts.map((c) => c.key)).toEqual([
        'graffiti',
        'pothole',
        'missed-collection',
      ]);
    });

    it('counts by department, unrouted cases under "unrouted"', async () => {
      const res = await counts('DEPARTMENT');
      expect(res.data?.caseCounts).toEqual([
        { key: 'streets', count: 2 },
        { key: 'unrouted', count: 2 },
        { key: 'sanitation', count: 1 },
      ]);
    });

    it('counts a redelivered event once (inbox)', async () => {
      const [{ count }] = await sql.query<{ count: number }[]>(
        `SELECT count(*)::int AS count FROM inbox WHERE consumer = 'analytics-case-opened'`,
      );
      expect(count).toBe(5);
      expect(
        (await counts('SERVICE')).data?.caseCounts.find((c) => c.key === 'missed-collection')
          ?.count,
      ).toBe(1);
    });

    it('holds the same row whichever event about a case came first', async () => {
      const first = await caseFact(c1);
      const second = await caseFact(c2);
      const comparable = (row: Record<string, unknown> | undefined) => ({
        ...row,
        case_id: undefined,
        ticket_number: undefined,
      });
      expect(comparable(second)).toEqual(comparable(first));
      expect(first).toMatchObject({
        service_code: 'pothole',
        channel: 'WEB',
        department_code: 'streets',
        status: 'OPEN',
      });
    });

    it('refuses residents', async () => {
      const res = await counts('SERVICE', RESIDENT);
      expect(errorCodes(res)).toEqual(['FORBIDDEN']);
      expect(res.data?.caseCounts ?? null).toBeNull();
    });
  });

  describe('case fact upserts', () => {
    it('commute: opened+routed and routed+opened give the same row, and an older routing never wins', async () => {
      const repo = analytics.app.get(CaseFactRepository);
      const [a, b] = [randomUUID(), randomUUID()];
      const later = (caseId: string) =>
        routed(caseId, 'x', 'later-dept', 'T').routedAt('2026-11-21T00:00:00.000Z').build();
      await analytics.app.get(UnitOfWork).run(async (tx) => {
        await repo.recordOpened(tx, opened(a, 'tree-down', 'T').build());
        await repo.recordRouted(tx, later(a));
        await repo.recordRouted(tx, routed(a, 'x', 'earlier-dept', 'T').build());
        await repo.recordRouted(tx, later(b));
        await repo.recordRouted(tx, routed(b, 'x', 'earlier-dept', 'T').build());
        await repo.recordOpened(tx, opened(b, 'tree-down', 'T').build());
      });
      const rowA = await caseFact(a);
      const rowB = await caseFact(b);
      expect({ ...rowB, case_id: a }).toEqual(rowA);
      expect(rowA).toMatchObject({ service_code: 'tree-down', department_code: 'later-dept' });
      await sql.query('DELETE FROM case_fact WHERE case_id = ANY($1)', [[a, b]]);
    });
  });

  describe('imported history', () => {
    it('counts a batch of imported cases with their legacy status and real time to close', async () => {
      const [a, b] = [randomUUID(), randomUUID()];
      const cases = [
        opened(a, 'history-closed', 'H-1')
          .imported({
            sourceSystem: 'ottawa311',
            status: CaseStatus.CLOSED,
            closedAt: '2026-11-22T10:00:00.000Z',
          })
          .build(),
        opened(b, 'history-closed', 'H-2')
          .imported({ sourceSystem: 'ottawa311', status: CaseStatus.IN_PROGRESS })
          .build(),
      ];
      await analytics.publish(
        HistoryOpened,
        aHistoryOpened()
          .of(...cases)
          .build(),
      );
      await analytics.publish(
        HistoryRouted,
        aHistoryRouted()
          .of(
            ...cases.map((c) =>
              routed(c.caseId, c.serviceCode, 'history-dept', c.ticketNumber).imported(c.legacy!),
            ),
          )
          .build(),
      );
      await waitFor(async () => (await caseFact(a))?.routed_at && (await caseFact(b))?.opened_at, {
        what: 'imported history to be folded into case facts',
      });
      expect(await caseFact(a)).toMatchObject({
        status: 'CLOSED',
        department_code: 'history-dept',
        legacy_source: 'ottawa311',
      });
      expect(await caseFact(b)).toMatchObject({ status: 'IN_PROGRESS', closed_at: null });
      const res = await analytics.query<{
        caseCounts: { key: string; count: number; closed: number; averageHoursToClose: number }[];
      }>(
        'query { caseCounts(groupBy: SERVICE) { key count closed averageHoursToClose } }',
        {},
        ANALYST,
      );
      expect(res.data!.caseCounts.find((c) => c.key === 'history-closed')).toEqual({
        key: 'history-closed',
        count: 2,
        closed: 1,
        averageHoursToClose: 48,
      });
    });
  });

  describe('schema', () => {
    it('publishes the case counts query in its Federation 2 SDL', async () => {
      const res = await analytics.query<{ _service: { sdl: string } }>('{ _service { sdl } }');
      const sdl = res.data?._service.sdl ?? '';
      expect(sdl).toContain('specs.apollo.dev/federation/v2');
      expect(sdl).toContain('caseCounts(groupBy: CaseCountGroup = SERVICE): [CaseCount!]!');
    });

    it('serves the subgraph schema committed in services/analytics/schema.graphql (run npm run schema after changing it)', async () => {
      const { served, committed, path } = await servedAndCommittedSdl(
        analytics.url,
        gatewayHeaders(),
        'analytics',
      );
      expect(committed).not.toBeNull();
      expect(served).toBe(committed);
      expect(path).toContain('analytics');
    });

    it('has migrations that match the entities', async () => {
      expect(await pendingSchemaDrift(sql)).toEqual([]);
    });
  });
});
