import { describe, expect, it } from '@jest/globals';
import { natsServers } from './nats.connection.js';

describe('the servers NATS_URL names', () => {
  it('is the one URL of a single server', () => {
    expect(natsServers('nats://127.0.0.1:4222')).toEqual(['nats://127.0.0.1:4222']);
  });

  it('is each member of a cluster, so the client fails over to the others when one dies', () => {
    expect(natsServers('nats://nats-0:4222, nats://nats-1:4222,nats://nats-2:4222')).toEqual([
      'nats://nats-0:4222',
      'nats://nats-1:4222',
      'nats://nats-2:4222',
    ]);
  });
});
