import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { natsServers } from '@civitas/messaging';
import { startNatsCluster, type TestNatsCluster } from './nats-cluster.js';

describe('a three-node NATS JetStream cluster for tests', () => {
  let cluster: TestNatsCluster;
  let nc: NatsConnection;

  beforeAll(async () => {
    cluster = await startNatsCluster();
    nc = await connect({ servers: natsServers(cluster.url), maxReconnectAttempts: -1 });
  }, 60_000);

  afterAll(async () => {
    await nc?.close();
    await cluster?.dispose();
  });

  it('keeps a stream of three replicas, and every message in it, when its leader is killed', async () => {
    expect(cluster.nodes.map((n) => n.name)).toEqual(['n1', 'n2', 'n3']);
    const jsm = await jetstreamManager(nc);
    await jsm.streams.add({ name: 'KEPT', subjects: ['kept.>'], num_replicas: 3 });
    const js = jetstream(nc);
    for (let i = 0; i < 20; i++) {
      await js.publish('kept.one', `message ${i}`);
    }
    const leader = await cluster.streamLeader('KEPT');
    await leader.kill();
    expect(leader.running).toBe(false);

    const next = await cluster.streamLeader('KEPT');
    expect(next.name).not.toBe(leader.name);
    await js.publish('kept.one', 'after the leader died', { timeout: 20_000 });
    const info = await jsm.streams.info('KEPT');
    expect(info.state.messages).toBe(21);
    expect(info.config.num_replicas).toBe(3);
  });
});
