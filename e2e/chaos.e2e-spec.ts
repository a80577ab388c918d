import { describe, expect, it } from '@jest/globals';
import { describeChaosReport, runChaos, type ChaosReport } from '@civitas/tools';

/**
 * Issue 12, target 7 (docs/adr/0077), the short version of `npm run bench:chaos`: the platform on
 * a Postgres and a nats-server of its own, a few submissions a second through the gateway while
 * each service is killed with SIGKILL once, NATS is restarted and Postgres stopped with a fast
 * shutdown; then nothing acknowledged is lost or done twice, and the dead letters are the poison
 * the run published and nothing else.
 */
describe('faults under steady load', () => {
  it('loses nothing acknowledged, does nothing twice and dead-letters only poison', async () => {
    let report: ChaosReport | undefined;
    try {
      report = await runChaos({
        ratePerSecond: 4,
        downMs: 1000,
        gapMs: 3000,
        settleTimeoutMs: 90_000,
        poisonMessages: 2,
      });
    } finally {
      // What it did and found, pass or fail: the first thing to read when it fails.
      if (report) {
        process.stdout.write(`${describeChaosReport(report).join('\n')}\n`);
      }
    }
    // Reports were acknowledged while services were down, and every one was checked.
    expect(report.load.acknowledged).toBeGreaterThan(0);
    expect(report.ticketsChecked).toBeGreaterThanOrEqual(report.load.acknowledged);
    expect(report.faults.map((f) => ({ fault: f.fault, error: f.error }))).toEqual(
      [
        'SIGKILL cases',
        'SIGKILL citizens',
        'SIGKILL routing',
        'SIGKILL analytics',
        'SIGKILL intake',
        'SIGKILL gateway',
        'restart nats-server',
        'Postgres fast shutdown',
      ].map((fault) => ({ fault, error: undefined })),
    );
    expect(report.settled).toBe(true);
    expect(report.findings).toEqual([]);
    expect(report.deadLetters.poison).toBeGreaterThanOrEqual(report.deadLetters.poisonPublished);
    expect(report.deadLetters.total).toBe(report.deadLetters.poison);
  }, 400_000);
});
