import { describe, expect, it } from '@jest/globals';
import { backoffMs, drainInBatches, PollingLoop } from './polling-loop.js';

const quiet = { log: () => {}, error: () => {}, warn: () => {} };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error('condition not met in 5 s');
    }
    await sleep(5);
  }
}

describe('PollingLoop', () => {
  it('works at start, on a kick, and once more when kicked during a round', async () => {
    let rounds = 0;
    let release: (() => void) | undefined;
    const loop = new PollingLoop({
      name: 'test',
      work: async () => {
        rounds += 1;
        if (rounds === 2) {
          await new Promise<void>((r) => (release = r));
        }
      },
      intervalMs: 60_000,
      logger: quiet,
    });
    loop.start();
    await until(() => rounds === 1);
    loop.kick();
    await until(() => release !== undefined); // round 2 is in progress
    loop.kick();
    loop.kick();
    release!();
    await until(() => rounds === 3);
    await sleep(50);
    expect(rounds).toBe(3); // the kicks during round 2 ran one more round, not two
    await loop.stop();
  });

  it('retries a failed round after retryMs, and stop() waits for the round in progress', async () => {
    let rounds = 0;
    const warnings: unknown[] = [];
    const loop = new PollingLoop({
      name: 'flaky',
      work: async () => {
        rounds += 1;
        if (rounds === 1) {
          throw new Error('database restarting');
        }
        await sleep(50);
      },
      intervalMs: 60_000,
      retryMs: 10,
      logger: { ...quiet, warn: (w: unknown) => warnings.push(w) },
    });
    loop.start();
    try {
      await until(() => rounds === 2);
      expect(warnings).toEqual([
        {
          msg: 'flaky failed; will retry',
          error: expect.objectContaining({ class: 'Error', message: 'database restarting' }),
        },
      ]);
      const stopping = Date.now();
      await loop.stop();
      expect(Date.now() - stopping).toBeGreaterThanOrEqual(10);
      loop.kick();
      await sleep(50);
      expect(rounds).toBe(2); // stopped: kicks do nothing
    } finally {
      await loop.stop(); // a failed expectation must not leave the loop running (Jest would hang)
    }
  });

  it('backs off from the base, doubling per attempt, up to the cap', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n, 30_000, 3_600_000))).toEqual([
      30_000, 60_000, 120_000, 240_000,
    ]);
    expect(backoffMs(20, 30_000, 3_600_000)).toBe(3_600_000);
    expect(backoffMs(0, 200, 30_000)).toBe(200);
  });
});

describe('drainInBatches', () => {
  it('takes batches until one comes back short, and counts everything handled', async () => {
    const pending = [10, 10, 10, 3];
    const sizes: number[] = [];
    const total = await drainInBatches(10, async () => {
      const size = pending.shift() ?? 0;
      sizes.push(size);
      return size;
    });
    expect(total).toBe(33);
    expect(sizes).toEqual([10, 10, 10, 3]);
  });

  it('asks once when nothing is due', async () => {
    let asked = 0;
    expect(await drainInBatches(10, async () => (asked += 1) && 0)).toBe(0);
    expect(asked).toBe(1);
  });
});
