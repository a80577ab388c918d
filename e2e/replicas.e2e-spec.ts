import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '@civitas/contracts';
import { aSubmitServiceRequestInput, waitFor } from '@civitas/testing';
import { BACKEND_SERVICES, type InstanceName } from '@civitas/tools';
import { startE2ePlatform, type E2ePlatform } from './platform.js';

const SUBMIT = `mutation Submit($input: SubmitServiceRequestInput!) {
  submitServiceRequest(input: $input) { ticketNumber }
}`;
const TRACK = `query Track($t: String!) { caseByTicket(ticketNumber: $t) { status department { code } } }`;
const COUNTS = '{ caseCounts(groupBy: SERVICE) { key count } }';

/** Reports in this test, each far enough from the others not to be a possible duplicate. */
const REPORTS = 24;

const report = (i: number) =>
  aSubmitServiceRequestInput('pothole')
    .describedAs(`Replica report number ${i}`)
    .via('WEB')
    .at({ latitude: 40.6 + i * 0.01, longitude: -74.0, address: `${i} Replica St` })
    .build();

/** Log entries of one process that carry `msg`. */
function entries(e2e: E2ePlatform, name: InstanceName, msg: string): Record<string, unknown>[] {
  return e2e.platform
    .logs(name)
    .filter((line) => line.startsWith('{') && line.includes(`"${msg}"`))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((entry) => entry.msg === msg);
}

/**
 * `npm start -- --replicas 2` (target 8 of issue 12, docs/adr/0073): two copies of every service
 * share its database, its durable consumers and its queue group, and the gateway asks both; the
 * work is shared and nothing is done twice.
 */
describe('two replicas of every service', () => {
  let e2e: E2ePlatform;

  beforeAll(async () => {
    // Debug: each replica logs the gateway requests it answers and the events it applies.
    e2e = await startE2ePlatform({}, { replicas: 2, logLevel: 'debug' });
  });

  afterAll(async () => {
    await e2e?.dispose();
  });

  it('runs two copies of each service, the first alone migrating its database', () => {
    for (const service of BACKEND_SERVICES) {
      const [first, second] = e2e.platform.instances(service);
      expect(second).toBe(`${service}-2`);
      expect(e2e.platform.baseUrl(first)).not.toBe(e2e.platform.baseUrl(second));
      expect(entries(e2e, first, 'migrations applied')).toHaveLength(1);
      expect(entries(e2e, second, 'migrations applied')).toHaveLength(0);
    }
  });

  it('turns N submissions into exactly N cases, each routed once and counted once', async () => {
    const tickets: string[] = [];
    for (let i = 0; i < REPORTS; i += 6) {
      const answers = await Promise.all(
        Array.from({ length: 6 }, (_, j) =>
          e2e.call<{ submitServiceRequest: { ticketNumber: string } }>(SUBMIT, {
            input: report(i + j),
          }),
        ),
      );
      for (const answer of answers) {
        expect(answer.errors).toBeUndefined();
        tickets.push(answer.data!.submitServiceRequest.ticketNumber);
      }
    }
    expect(new Set(tickets).size).toBe(REPORTS);

    const admin = await e2e.token(Role.Admin);
    type Tracked = { caseByTicket: { status: string; department: { code: string } | null } | null };
    await waitFor(
      async () => {
        const tracked = await Promise.all(
          tickets.map((t) => e2e.call<Tracked>(TRACK, { t }, admin)),
        );
        return tracked.every(
          (r) => r.data?.caseByTicket?.status === 'OPEN' && r.data.caseByTicket.department,
        );
      },
      { what: `${REPORTS} cases routed`, intervalMs: 250 },
    );
    // Analytics counts a case received once its opening arrives (its routing may come first).
    const received = () =>
      e2e.count('analytics', 'SELECT coalesce(sum(received), 0) AS n FROM case_daily');
    await waitFor(async () => (await received()) >= REPORTS, {
      what: `analytics counting ${REPORTS} cases received`,
      intervalMs: 250,
    });
    // Settled: a late duplicate would show now.
    await new Promise((r) => setTimeout(r, 1000));

    // Asked twice, the gateway asks each analytics replica once: both count every case once.
    const analyst = await e2e.token(Role.Analyst);
    for (let i = 0; i < 2; i++) {
      const counts = await e2e.call<{ caseCounts: { key: string; count: number }[] }>(
        COUNTS,
        {},
        analyst,
      );
      expect(counts.data?.caseCounts).toEqual([{ key: 'pothole', count: REPORTS }]);
    }
    expect(await e2e.count('intake', 'SELECT count(*) AS n FROM submission')).toBe(REPORTS);
    expect(await e2e.count('cases', 'SELECT count(*) AS n FROM service_case')).toBe(REPORTS);
    expect(
      await e2e.count('cases', "SELECT count(*) AS n FROM timeline_entry WHERE kind = 'ROUTED'"),
    ).toBe(REPORTS);
    expect(await e2e.count('routing', 'SELECT count(*) AS n FROM case_routing')).toBe(REPORTS);
    expect(await e2e.count('analytics', 'SELECT count(*) AS n FROM case_fact')).toBe(REPORTS);
    expect(await received()).toBe(REPORTS);

    // Both copies of cases applied events from the shared durable consumers, and between them
    // opened each case once.
    const opened = (name: InstanceName) =>
      entries(e2e, name, 'events applied')
        .filter((e) => e.consumer === 'cases-submission-accepted')
        .reduce((sum, e) => sum + Number(e.applied), 0);
    const casesApplied = e2e.platform
      .instances('cases')
      .map((name) => entries(e2e, name, 'events applied').length);
    expect(casesApplied.every((n) => n > 0)).toBe(true);
    expect(opened('cases') + opened('cases-2')).toBe(REPORTS);

    // Both copies of each subgraph the requests above reached answered the gateway.
    for (const service of ['intake', 'cases', 'routing', 'analytics'] as const) {
      for (const name of e2e.platform.instances(service)) {
        expect({ name, answered: entries(e2e, name, 'gateway request').length > 0 }).toEqual({
          name,
          answered: true,
        });
      }
    }
  });
});
