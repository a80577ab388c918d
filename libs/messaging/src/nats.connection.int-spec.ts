import { describe, expect, it } from '@jest/globals';
import { testNatsUrl } from '@civitas/testing';
import { connectNats } from './nats.connection.js';

/** Nothing listens on port 1 of loopback: a cluster member that is down. */
const DOWN = 'nats://127.0.0.1:1';

describe('connecting to the servers NATS_URL lists', () => {
  it.each([
    ['first', `${DOWN},${testNatsUrl()}`],
    // Read as one URL, the list gave the client its last server only, and it could not connect.
    ['last', `${testNatsUrl()},${DOWN}`],
  ])('connects while the %s one is down', async (_which, url) => {
    for (let attempt = 0; attempt < 4; attempt++) {
      // The client tries the servers in a random order: a few tries meet both orders.
      const nc = await connectNats(url, 'intake');
      try {
        await expect(nc.flush()).resolves.toBeUndefined();
      } finally {
        await nc.close();
      }
    }
  });
});
