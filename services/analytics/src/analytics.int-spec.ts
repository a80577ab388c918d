import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { jetstream } from '@nats-io/jetstream';
import {
  CaseOpened,
  CaseRouted,
  CaseStatus,
  Channel,
  HistoryOpened,
  HistoryRouted,
  Priority,
  Role,
  type CaseOpenedV1,
  type CaseRoutedV1,
  type Envelope,
  type Identity,
} from '@civitas/contracts';
import { createEnvelope, UnitOfWork } from '@civitas/messaging';
import { pendingSchemaDrift } from '@civitas/persistence';
import {
  errorCodes,
  gatewayHeaders,
  servedAndCommittedSdl,
  startServiceHarness,
  waitFor,
  type ServiceHarness,
} from '@civitas/testing';
import type { DataSource } from 'typeorm';
import { AppModule } from './app.module.js';
import { CaseFactRepository } from './case-facts/index.js';
import { AnalyticsConfig } from './config/analytics.config.js';
import { ANALYTICS } from './database/definition.js';

const ANALYST: Identity = { sub: 'analyst-1', roles: [Role.Analyst], departments: [] };
const RESIDENT: Identity = { sub: 'resident-1', roles: [Role.Resident], departments: [] };

const COUNTS = 'query($g: CaseCountGroup) { caseCounts(groupBy: $g) { key count } }';

function opened(caseId: string, serviceCode: string, ticket: string): CaseOpenedV1 {
  return {
    caseId,
    ticketNumber: ticket,
    submissionId: randomUUID(),
    serviceCode,
    channel: Channel.WEB,
    emergency: false,
    openedAt: '2026-11-20T10:00:00.000Z',
  };
}

function routed(
  caseId: string,
  serviceCode: string,
  departmentCode: string,
  ticket: string,
): CaseRoutedV1 {
  return {
    caseId,
    ticketNumber: ticket,
    serviceCode,
    departmentCode,
    queueCode: `${departmentCode}.general`,
    priority: Priority.NORMAL,
    dueAt: '2026-11-23T10:00:00.000Z',
    routedAt: '2026-11-20T10:00:01.000Z',
  };
}

describe('analytics service (Postgres + NATS)', () => {
  let analytics: ServiceHarness<AnalyticsConfig>;
  let sql: DataSource;

  beforeAll(async () => {
    // Booting provisions the CASES and ROUTING streams and the durable consumers.
    analytics = await startServiceHarness({
      definition: ANALYTICS,
      configClass: AnalyticsConfig,
      appModule: (config) => AppModule.forRoot(config),
    });
    sql = await analytics.database.dataSource();
  });

  afterAll(() => analytics?.dispose());

  async function publish<P>(envelope: Envelope<P>, msgID = envelope.id): Promise<void> {
    await jetstream(analytics.nc).publish(
      analytics.naming.subject(envelope.type),
      JSON.stringify(envelope),
      { msgID },
    );
  }

  const caseOpened = (p: CaseOpenedV1) => createEnvelope('cases', CaseOpened.subject, p);
  const caseRouted = (p: CaseRoutedV1) => createEnvelope('routing', CaseRouted.subject, p);

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
      await publish(caseOpened(opened(c1, 'pothole', 'T-1')));
      await publish(caseRouted(routed(c1, 'pothole', 'streets', 'T-1')));
      await publish(caseRouted(routed(c2, 'pothole', 'streets', 'T-2')));
      await publish(caseOpened(opened(c2, 'pothole', 'T-2')));
      await publish(caseOpened(opened(c3, 'graffiti', 'T-3')));
      const c4Opened = caseOpened(opened(c4, 'missed-collection', 'T-4'));
      await publish(c4Opened);
      await publish(caseRouted(routed(c4, 'missed-collection', 'sanitation', 'T-4')));
      // The same event again under another stream message id: past the stream's de-duplication,
      // so only the consumer's inbox can keep it from counting twice.
      await publish(c4Opened, randomUUID());
      // Consumed after the duplicate (one consumer reads its subject in order): once c5 is in, so is it.
      await publish(caseOpened(opened(c5, 'graffiti', 'T-5')));
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
      const later = { ...routed(a, 'x', 'later-dept', 'T'), routedAt: '2026-11-21T00:00:00.000Z' };
      await analytics.app.get(UnitOfWork).run(async (tx) => {
        await repo.recordOpened(tx, opened(a, 'tree-down', 'T'));
        await repo.recordRouted(tx, later);
        await repo.recordRouted(tx, routed(a, 'x', 'earlier-dept', 'T'));
        await repo.recordRouted(tx, { ...later, caseId: b });
        await repo.recordRouted(tx, { ...routed(b, 'x', 'earlier-dept', 'T') });
        await repo.recordOpened(tx, opened(b, 'tree-down', 'T'));
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
      const legacy = (status: CaseStatus, closedAt?: string) => ({
        sourceSystem: 'ottawa311',
        sourceId: randomUUID(),
        status,
        closedAt,
      });
      const cases = [
        {
          ...opened(a, 'history-closed', 'H-1'),
          channel: Channel.LEGACY_IMPORT,
          legacy: legacy(CaseStatus.CLOSED, '2026-11-22T10:00:00.000Z'),
        },
        {
          ...opened(b, 'history-closed', 'H-2'),
          channel: Channel.LEGACY_IMPORT,
          legacy: legacy(CaseStatus.IN_PROGRESS),
        },
      ];
      await publish(createEnvelope('cases', HistoryOpened.subject, { cases }));
      await publish(
        createEnvelope('routing', HistoryRouted.subject, {
          routed: cases.map((c) => ({
            ...routed(c.caseId, c.serviceCode, 'history-dept', c.ticketNumber),
            legacy: c.legacy,
          })),
        }),
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
