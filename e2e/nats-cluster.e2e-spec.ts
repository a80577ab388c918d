import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { jetstreamManager } from '@nats-io/jetstream';
import { Role } from '@civitas/contracts';
import { BusNaming } from '@civitas/messaging';
import {
  aSubmitServiceRequestInput,
  startNatsCluster,
  waitFor,
  type NatsClusterNode,
  type TestNatsCluster,
} from '@civitas/testing';
import { startE2ePlatform, type E2ePlatform } from './platform.js';

const SUBMIT = `mutation Submit($input: SubmitServiceRequestInput!) {
  submitServiceRequest(input: $input) { ticketNumber }
}`;
const TRACK = `query Track($t: String!) { caseByTicket(ticketNumber: $t) { status department { code } } }`;

/** One report every this many milliseconds: a steady trickle, not a benchmark. */
const EVERY_MS = 200;
/** Reports before the kill, and how long the trickle goes on after it. */
const BEFORE_KILL_MS = 4_000;
const AFTER_KILL_MS = 8_000;
/**
 * How long the platform has to route and count everything acknowledged, failover included: an
 * event the dead node was carrying to a consumer comes again after its ack wait (30 s).
 */
const ROUTED_WITHIN_MS = 90_000;

const report = (i: number) =>
  aSubmitServiceRequestInput('pothole')
    .describedAs(`Cluster report number ${i}`)
    .via('WEB')
    // Far apart, so none is a possible duplicate of another (that changes nothing counted here).
    .at({ latitude: 40.5 + (i % 50) * 0.01, longitude: -74.2 + Math.floor(i / 50) * 0.05 })
    .withReporter({ firstName: 'Kim', lastName: `Node${i}`, email: `kim.node${i}@example.org` })
    .build();

/** One report of the trickle: what the client saw. */
interface Sent {
  i: number;
  /** Sent after the node was killed. */
  afterKill: boolean;
  ticketNumber?: string;
  /** Answers that were not a ticket (the client sent the report again, same idempotency key). */
  refusals: string[];
}

/**
 * Issue 12, target 9: the platform on a three-node NATS JetStream cluster (three nats-server
 * processes on loopback, every stream with 3 replicas) keeps working when the node leading
 * intake's stream is killed under a steady load, and nothing acknowledged is lost or done twice
 * (docs/adr/0078).
 */
describe('the platform on a three-node NATS JetStream cluster', () => {
  let cluster: TestNatsCluster;
  let e2e: E2ePlatform;
  let naming: BusNaming;

  beforeAll(async () => {
    cluster = await startNatsCluster({ size: 3 });
    e2e = await startE2ePlatform({ BUS_STREAM_REPLICAS: '3' }, { natsUrl: cluster.url });
    naming = new BusNaming(e2e.prefix.replace(/_/g, '-'));
  }, 180_000);

  afterAll(async () => {
    await e2e?.dispose();
    await cluster?.dispose();
  });

  it('keeps every stream on all three nodes', async () => {
    const jsm = await jetstreamManager(await cluster.connection());
    const streams = [
      ...(['intake', 'cases', 'citizens', 'routing', 'analytics'] as const).map((o) =>
        naming.stream(o),
      ),
      naming.deadLetterStream(),
    ];
    for (const stream of streams) {
      const info = await jsm.streams.info(stream);
      expect({ stream, replicas: info.config.num_replicas }).toEqual({ stream, replicas: 3 });
      // The leader and two followers, each on a node of its own.
      const nodes = [info.cluster?.leader, ...(info.cluster?.replicas ?? []).map((r) => r.name)];
      expect(new Set(nodes).size).toBe(3);
      // Each durable consumer is replicated as its stream is: its position survives a node.
      for await (const consumer of jsm.consumers.list(stream)) {
        expect({ consumer: consumer.name, followers: consumer.cluster?.replicas?.length }).toEqual({
          consumer: consumer.name,
          followers: 2,
        });
      }
    }
  });

  it('loses and repeats nothing when the node leading intake’s stream is killed under load', async () => {
    const sent: Sent[] = [];
    const inFlight: Promise<void>[] = [];
    let killed: NatsClusterNode | undefined;
    // As a careful client does: a report not acknowledged is sent again with its idempotency key,
    // so one that intake stored but answered too late is not stored twice.
    const send = async (entry: Sent) => {
      const input = { ...report(entry.i), idempotencyKey: `${e2e.prefix}-${entry.i}` };
      const giveUpAt = Date.now() + ROUTED_WITHIN_MS;
      while (!entry.ticketNumber && Date.now() < giveUpAt) {
        const answer = await e2e
          .call<{ submitServiceRequest: { ticketNumber: string } }>(SUBMIT, { input })
          .catch((error: Error) => ({ data: undefined, errors: error.message }));
        entry.ticketNumber = answer.data?.submitServiceRequest?.ticketNumber;
        if (!entry.ticketNumber) {
          entry.refusals.push(JSON.stringify(answer.errors));
          await new Promise((r) => setTimeout(r, 500));
        }
      }
    };
    const trickle = async (ms: number) => {
      const until = Date.now() + ms;
      while (Date.now() < until) {
        const entry: Sent = { i: sent.length, afterKill: killed !== undefined, refusals: [] };
        sent.push(entry);
        inFlight.push(send(entry));
        await new Promise((r) => setTimeout(r, EVERY_MS));
      }
    };

    await trickle(BEFORE_KILL_MS);
    const leader = await cluster.streamLeader(naming.stream('intake'));
    await leader.kill('SIGKILL');
    killed = leader;
    await trickle(AFTER_KILL_MS);
    await Promise.all(inFlight);
    // JetStream elected another leader for the stream among the two nodes left.
    expect((await cluster.streamLeader(naming.stream('intake'))).name).not.toBe(leader.name);

    // Every report was acknowledged, once: a ticket each, all different.
    expect(sent.filter((s) => !s.ticketNumber).map((s) => `${s.i}: ${s.refusals.at(-1)}`)).toEqual(
      [],
    );
    expect(sent.filter((s) => s.afterKill).length).toBeGreaterThan(0);
    const tickets = sent.map((s) => s.ticketNumber!);
    expect(new Set(tickets).size).toBe(tickets.length);

    const routedCases = () =>
      e2e.count(
        'cases',
        `SELECT count(*) AS n FROM service_case
          WHERE ticket_number = ANY($1) AND status = 'OPEN' AND department_code IS NOT NULL`,
        [tickets],
      );
    await waitFor(async () => (await routedCases()) === tickets.length, {
      what: `${tickets.length} acknowledged reports routed`,
      timeoutMs: ROUTED_WITHIN_MS,
      intervalMs: 500,
    });
    // Counted as received once its opening is applied: a case's routing can make its fact first,
    // and an opening that went through the killed node comes again only after the ack wait.
    const counted = () =>
      e2e.count(
        'analytics',
        'SELECT count(*) AS n FROM case_fact WHERE ticket_number = ANY($1) AND opened_at IS NOT NULL',
        [tickets],
      );
    await waitFor(async () => (await counted()) === tickets.length, {
      what: `analytics counting ${tickets.length} cases`,
      timeoutMs: ROUTED_WITHIN_MS,
      intervalMs: 500,
    });
    // Settled: a late redelivery applied twice would show now.
    await new Promise((r) => setTimeout(r, 2000));

    // Each ticket is readable as its routed case through the gateway.
    const admin = await e2e.token(Role.Admin);
    type Tracked = { caseByTicket: { status: string; department: { code: string } | null } | null };
    // One at a time: a burst of hundreds would measure the loaded machine, not the cluster.
    const notRouted: string[] = [];
    for (const t of tickets) {
      const tracked = await e2e.call<Tracked>(TRACK, { t }, admin);
      if (tracked.data?.caseByTicket?.status !== 'OPEN' || !tracked.data.caseByTicket.department) {
        notRouted.push(`${t}: ${JSON.stringify(tracked)}`);
      }
    }
    expect(notRouted).toEqual([]);

    // Exactly one of everything per submission, in every service.
    const n = tickets.length;
    expect(await e2e.count('intake', 'SELECT count(*) AS n FROM submission')).toBe(n);
    expect(await e2e.count('cases', 'SELECT count(*) AS n FROM service_case')).toBe(n);
    expect(
      await e2e.count('cases', "SELECT count(*) AS n FROM timeline_entry WHERE kind = 'ROUTED'"),
    ).toBe(n);
    expect(await e2e.count('routing', 'SELECT count(*) AS n FROM case_routing')).toBe(n);
    expect(await e2e.count('analytics', 'SELECT count(*) AS n FROM case_fact')).toBe(n);
    // The rollups trail the facts (docs/adr/0087): once nothing is pending, each counted once.
    await waitFor(
      async () => (await e2e.count('analytics', 'SELECT count(*) AS n FROM rollup_pending')) === 0,
      { what: "analytics' rollups folded" },
    );
    expect(
      await e2e.count('analytics', 'SELECT coalesce(sum(received), 0) AS n FROM case_daily'),
    ).toBe(n);
    // Every outbox row reached the stream, and nothing was dead-lettered.
    for (const service of ['intake', 'cases', 'routing'] as const) {
      await waitFor(
        async () =>
          (await e2e.count(
            service,
            'SELECT count(*) AS n FROM outbox WHERE published_at IS NULL',
          )) === 0,
        { what: `${service}'s outbox published` },
      );
    }
    const jsm = await jetstreamManager(await cluster.connection());
    expect((await jsm.streams.info(naming.deadLetterStream())).state.messages).toBe(0);
  }, 240_000);
});
