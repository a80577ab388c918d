import { describe, expect, it } from '@jest/globals';
import { SlaClock } from '@civitas/contracts';
import { Weekday } from './business-calendar.js';
import { BusinessClock, countOn, serviceLevelTarget, timeLeft } from './business-time.js';
import { usFederalHolidays } from './us-federal-holidays.js';

const HOUR = 3_600_000;
const MINUTE = 60_000;

/** The seeded default: Mon-Fri 08:00-17:00 in New York (EST, UTC-5), federal holidays off. */
const newYork = new BusinessClock({
  timeZone: 'America/New_York',
  hours: [Weekday.MONDAY, Weekday.TUESDAY, Weekday.WEDNESDAY, Weekday.THURSDAY, Weekday.FRIDAY].map(
    (day) => ({ day, opens: '08:00', closes: '17:00' }),
  ),
  holidays: [...usFederalHolidays(2026), ...usFederalHolidays(2027)],
});

const at = (iso: string) => new Date(iso);

/** Paused at `pausedAt`, resumed at `resumedAt`: where a deadline due at `dueAt` falls then. */
function moved(clock: SlaClock, dueAt: string, pausedAt: string, resumedAt: string): string {
  const left = timeLeft(clock, newYork, at(pausedAt), at(dueAt));
  return countOn(clock, newYork, at(resumedAt), left).toISOString();
}

describe('pausing a target on hold (docs/adr/0068)', () => {
  it('keeps the business time left over a weekend and counts it on from the resumption', () => {
    // Opened Thu 2026-12-03 10:00 EST with 17 business hours: due Mon 2026-12-07 09:00 EST.
    const target = serviceLevelTarget(
      { openedAt: at('2026-12-03T15:00:00Z'), hours: 17, clock: SlaClock.BUSINESS },
      newYork,
    );
    expect(target.dueAt.toISOString()).toBe('2026-12-07T14:00:00.000Z');
    // Held Fri 15:00 EST: 2 h of Friday, none of the weekend and 1 h of Monday are left.
    const left = timeLeft(SlaClock.BUSINESS, newYork, at('2026-12-04T20:00:00Z'), target.dueAt);
    expect(left).toBe(3 * HOUR);
    // Resumed Mon 16:30 EST: 30 minutes on Monday, the other 150 on Tuesday from 08:00.
    expect(
      countOn(SlaClock.BUSINESS, newYork, at('2026-12-07T21:30:00Z'), left).toISOString(),
    ).toBe('2026-12-08T15:30:00.000Z');
  });

  it('skips a holiday when counting on, and time on hold outside openings costs nothing', () => {
    // Due Thu 2026-12-24 12:00 EST; held Wed 23rd 16:00 EST: 1 h that day + 4 h on the 24th.
    const left = timeLeft(
      SlaClock.BUSINESS,
      newYork,
      at('2026-12-23T21:00:00Z'),
      at('2026-12-24T17:00:00Z'),
    );
    expect(left).toBe(5 * HOUR);
    // Resumed Thu 24th 16:00 EST: 1 h then; Christmas (Fri) is a holiday, the weekend closed:
    // the remaining 4 h run Mon 28th 08:00-12:00 EST.
    expect(
      moved(
        SlaClock.BUSINESS,
        '2026-12-24T17:00:00Z',
        '2026-12-23T21:00:00Z',
        '2026-12-24T21:00:00Z',
      ),
    ).toBe('2026-12-28T17:00:00.000Z');
    // Held and resumed while the office is closed (Sat to Sun): the due time does not move.
    expect(
      moved(
        SlaClock.BUSINESS,
        '2026-12-28T17:00:00Z',
        '2026-12-26T15:00:00Z',
        '2026-12-27T23:00:00Z',
      ),
    ).toBe('2026-12-28T17:00:00.000Z');
  });

  it('moves a calendar target by exactly the time spent on hold', () => {
    // Due Sat 12:00Z, held Fri 12:00Z (24 h left) for 3 days and 5 minutes.
    expect(
      moved(
        SlaClock.CALENDAR,
        '2026-12-05T12:00:00Z',
        '2026-12-04T12:00:00Z',
        '2026-12-07T12:05:00Z',
      ),
    ).toBe('2026-12-08T12:05:00.000Z');
    expect(
      timeLeft(SlaClock.CALENDAR, newYork, at('2026-12-04T12:00:00Z'), at('2026-12-05T12:00:00Z')) /
        MINUTE,
    ).toBe(24 * 60);
  });

  it('leaves nothing to keep for a deadline already past', () => {
    const due = at('2026-12-07T13:00:00Z');
    expect(timeLeft(SlaClock.CALENDAR, newYork, at('2026-12-07T14:00:00Z'), due)).toBe(0);
    expect(timeLeft(SlaClock.BUSINESS, newYork, at('2026-12-07T14:00:00Z'), due)).toBe(0);
  });
});
