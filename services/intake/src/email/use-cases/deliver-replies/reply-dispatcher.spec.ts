import { describe, expect, it } from '@jest/globals';
import { isPermanentRefusal, replyBackoffMs, scrubError } from './reply-dispatcher.js';

describe('reply dispatch rules', () => {
  it('waits the base, doubling per failed attempt, at most an hour', () => {
    expect([1, 2, 3, 4].map((n) => replyBackoffMs(n, 30_000))).toEqual([
      30_000, 60_000, 120_000, 240_000,
    ]);
    expect(replyBackoffMs(20, 30_000)).toBe(3_600_000);
  });

  it('gives up at once only when the relay refuses the recipient for good', () => {
    expect(isPermanentRefusal({ code: 'EENVELOPE', responseCode: 550 })).toBe(true);
    expect(isPermanentRefusal({ code: 'EENVELOPE', responseCode: 451 })).toBe(false);
    // A refused login is the organisation's configuration to fix; replies wait for it.
    expect(isPermanentRefusal({ code: 'EAUTH', responseCode: 535 })).toBe(false);
    expect(isPermanentRefusal(new Error('connect ECONNREFUSED 127.0.0.1:25'))).toBe(false);
  });

  it('keeps no address in a stored error', () => {
    expect(scrubError('550 5.1.1 <maria@resident.example>: no such user')).toBe(
      '550 5.1.1 <<address>>: no such user',
    );
    expect(scrubError('x'.repeat(600))).toHaveLength(500);
  });
});
