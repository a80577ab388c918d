import { describe, expect, it } from '@jest/globals';
import { FailureTally } from './failure-tally.js';

describe('FailureTally', () => {
  it('counts the failures of each event of each consumer apart', () => {
    const tally = new FailureTally();
    expect(tally.add('a', 7)).toBe(1);
    expect(tally.add('a', 7)).toBe(2);
    expect(tally.add('b', 7)).toBe(1);
    expect(tally.add('a', 8)).toBe(1);
    expect(tally.of('a', 7)).toBe(2);
  });

  it('starts an event again from nothing once it is forgotten', () => {
    const tally = new FailureTally();
    tally.add('a', 7);
    tally.add('a', 7);
    tally.forget('a', 7);
    expect(tally.of('a', 7)).toBe(0);
    expect(tally.add('a', 7)).toBe(1);
  });

  it('holds at most its limit, forgetting the event that failed least recently', () => {
    const tally = new FailureTally(2);
    tally.add('a', 1);
    tally.add('a', 2);
    tally.add('a', 1);
    tally.add('a', 3);
    expect(tally.size).toBe(2);
    expect(tally.of('a', 2)).toBe(0);
    expect(tally.of('a', 1)).toBe(2);
    expect(tally.of('a', 3)).toBe(1);
  });
});
