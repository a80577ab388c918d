import { describe, expect, it } from '@jest/globals';
import { SlaClock } from '@civitas/contracts';
import { Weekday, type BusinessCalendarRules, type OpeningHours } from './business-calendar.js';
import { BusinessClock, serviceLevelTarget } from './business-time.js';
import { usFederalHolidays } from './us-federal-holidays.js';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const WEEK_DAYS = [
  Weekday.MONDAY,
  Weekday.TUESDAY,
  Weekday.WEDNESDAY,
  Weekday.THURSDAY,
  Weekday.FRIDAY,
];

function weekdays(opens: string, closes: string): OpeningHours[] {
  return WEEK_DAYS.map((day) => ({ day, opens, closes }));
}

/** The seeded default: Mon-Fri 08:00-17:00 in New York, with the federal holidays. */
const NEW_YORK: BusinessCalendarRules = {
  timeZone: 'America/New_York',
  hours: weekdays('08:00', '17:00'),
  holidays: [...usFederalHolidays(2026), ...usFederalHolidays(2027)],
};

const LONDON: BusinessCalendarRules = {
  timeZone: 'Europe/London',
  hours: weekdays('09:00', '17:30'),
  holidays: [
    { date: '2026-12-25', name: 'Christmas Day' },
    { date: '2026-12-28', name: 'Boxing Day (substitute day)' },
  ],
};

const newYork = new BusinessClock(NEW_YORK);
const london = new BusinessClock(LONDON);

/** `add` answering in UTC ISO form, so each expectation reads as an instant. */
function due(clock: BusinessClock, start: string, durationMs: number): string {
  return clock.add(new Date(start), durationMs).toISOString();
}

describe('business time in a calendar', () => {
  describe('New York, Mon-Fri 08:00-17:00 (EST is UTC-5, EDT UTC-4)', () => {
    it('carries a Friday 16:30 case with 2 business hours to Monday 09:30', () => {
      // Fri 2026-12-04 16:30 EST -> Mon 2026-12-07 09:30 EST
      expect(due(newYork, '2026-12-04T21:30:00Z', 2 * HOUR)).toBe('2026-12-07T14:30:00.000Z');
    });

    it('starts counting at the opening when a case comes in before it', () => {
      // Tue 06:00 EST + 2 h -> Tue 10:00 EST
      expect(due(newYork, '2026-12-08T11:00:00Z', 2 * HOUR)).toBe('2026-12-08T15:00:00.000Z');
    });

    it('starts counting at the next opening when a case comes in after closing', () => {
      // Tue 18:00 EST + 1 h -> Wed 09:00 EST
      expect(due(newYork, '2026-12-08T23:00:00Z', HOUR)).toBe('2026-12-09T14:00:00.000Z');
    });

    it('does not count a weekend', () => {
      // Sat 10:00 EST + 1 h -> Mon 09:00 EST
      expect(due(newYork, '2026-12-05T15:00:00Z', HOUR)).toBe('2026-12-07T14:00:00.000Z');
      // Sun 23:59 EST + 9 h -> Mon 17:00 EST
      expect(due(newYork, '2026-12-07T04:59:00Z', 9 * HOUR)).toBe('2026-12-07T22:00:00.000Z');
    });

    it('skips holidays: Thanksgiving, and Christmas on a Friday', () => {
      // Wed 2026-11-25 16:00 EST + 2 h -> (Thu 26 Thanksgiving) Fri 27 09:00 EST
      expect(due(newYork, '2026-11-25T21:00:00Z', 2 * HOUR)).toBe('2026-11-27T14:00:00.000Z');
      // Thu 2026-12-24 16:00 EST + 2 h -> (Fri 25 Christmas, weekend) Mon 28 09:00 EST
      expect(due(newYork, '2026-12-24T21:00:00Z', 2 * HOUR)).toBe('2026-12-28T14:00:00.000Z');
      // Independence Day 2026 is a Saturday, observed Friday 3 July: Thu 2 16:00 EDT + 2 h -> Mon 6 09:00 EDT
      expect(due(newYork, '2026-07-02T20:00:00Z', 2 * HOUR)).toBe('2026-07-06T13:00:00.000Z');
    });

    it('keeps wall-clock hours across the spring change (2026-03-08, clocks go forward)', () => {
      // Fri 2026-03-06 16:00 EST + 2 h -> Mon 2026-03-09 09:00 EDT
      expect(due(newYork, '2026-03-06T21:00:00Z', 2 * HOUR)).toBe('2026-03-09T13:00:00.000Z');
      // A working week and a day from Mon 2026-03-02 08:00 EST: 54 h -> Mon 2026-03-09 17:00 EDT
      expect(due(newYork, '2026-03-02T13:00:00Z', 54 * HOUR)).toBe('2026-03-09T21:00:00.000Z');
    });

    it('keeps wall-clock hours across the autumn change (2026-11-01, clocks go back)', () => {
      // Fri 2026-10-30 16:00 EDT + 2 h -> Mon 2026-11-02 09:00 EST
      expect(due(newYork, '2026-10-30T20:00:00Z', 2 * HOUR)).toBe('2026-11-02T14:00:00.000Z');
      // Mon 2026-10-26 08:00 EDT + 54 h -> Mon 2026-11-02 17:00 EST
      expect(due(newYork, '2026-10-26T12:00:00Z', 54 * HOUR)).toBe('2026-11-02T22:00:00.000Z');
    });

    it('spans many days, and a target that ends at closing is due at closing, not the next morning', () => {
      // Mon 2026-12-07 08:00 EST + 27 h -> Wed 2026-12-09 17:00 EST
      expect(due(newYork, '2026-12-07T13:00:00Z', 27 * HOUR)).toBe('2026-12-09T22:00:00.000Z');
      // 720 business hours = 80 working days from Mon 2027-01-04 08:00 EST: 16 weeks of weekdays
      // end Fri 2027-04-23, and the two holidays on the way (MLK Day, Washington's Birthday)
      // push it two days on: Tue 2027-04-27 17:00 EDT
      expect(due(newYork, '2027-01-04T13:00:00Z', 720 * HOUR)).toBe('2027-04-27T21:00:00.000Z');
    });

    it('answers the start itself for 0 minutes within hours, and the next opening outside them', () => {
      expect(due(newYork, '2026-12-08T15:00:00Z', 0)).toBe('2026-12-08T15:00:00.000Z');
      // Sat -> Mon 08:00 EST; Fri 17:00 exactly is closed -> Mon 08:00 EST
      expect(due(newYork, '2026-12-05T15:00:00Z', 0)).toBe('2026-12-07T13:00:00.000Z');
      expect(due(newYork, '2026-12-04T22:00:00Z', 0)).toBe('2026-12-07T13:00:00.000Z');
    });

    it('measures the business time between two instants', () => {
      // Fri 16:00 EST -> Mon 10:00 EST: 1 h on Friday, 2 h on Monday
      expect(
        newYork.between(new Date('2026-12-04T21:00:00Z'), new Date('2026-12-07T15:00:00Z')),
      ).toBe(3 * HOUR);
      // Wed 16:00 -> Fri 09:00 across Thanksgiving: 1 h + 1 h
      expect(
        newYork.between(new Date('2026-11-25T21:00:00Z'), new Date('2026-11-27T14:00:00Z')),
      ).toBe(2 * HOUR);
      expect(
        newYork.between(new Date('2026-12-07T15:00:00Z'), new Date('2026-12-07T15:00:00Z')),
      ).toBe(0);
      expect(
        newYork.between(new Date('2026-12-07T16:00:00Z'), new Date('2026-12-07T15:00:00Z')),
      ).toBe(0);
    });

    it('is the inverse of adding', () => {
      const start = new Date('2026-10-29T19:17:00Z');
      for (const minutes of [0, 1, 59, 540, 541, 3000, 12_345]) {
        const end = newYork.add(start, minutes * MINUTE);
        expect(newYork.between(start, end)).toBe(minutes === 0 ? 0 : minutes * MINUTE);
      }
    });

    it('refuses a negative duration', () => {
      expect(() => newYork.add(new Date('2026-12-07T15:00:00Z'), -1)).toThrow(RangeError);
    });
  });

  describe('Europe/London, Mon-Fri 09:00-17:30 (GMT is UTC, BST UTC+1)', () => {
    it('keeps wall-clock hours when British Summer Time ends (2026-10-25)', () => {
      // Fri 2026-10-23 17:00 BST + 1 h -> Mon 2026-10-26 09:30 GMT
      expect(due(london, '2026-10-23T16:00:00Z', HOUR)).toBe('2026-10-26T09:30:00.000Z');
    });

    it('keeps wall-clock hours when British Summer Time starts (2026-03-29)', () => {
      // Fri 2026-03-27 17:00 GMT + 1 h -> Mon 2026-03-30 09:30 BST
      expect(due(london, '2026-03-27T17:00:00Z', HOUR)).toBe('2026-03-30T08:30:00.000Z');
    });

    it('skips its own holidays, not New York ones', () => {
      // Thu 2026-12-24 17:00 GMT + 1 h -> (25, weekend, 28) Tue 2026-12-29 09:30 GMT
      expect(due(london, '2026-12-24T17:00:00Z', HOUR)).toBe('2026-12-29T09:30:00.000Z');
      // Thanksgiving is a working day in London
      expect(due(london, '2026-11-26T10:00:00Z', HOUR)).toBe('2026-11-26T11:00:00.000Z');
    });
  });

  it('counts only the openings of a day with a break', () => {
    const withLunch = new BusinessClock({
      timeZone: 'America/Chicago',
      hours: [
        { day: Weekday.MONDAY, opens: '13:00', closes: '17:00' },
        { day: Weekday.MONDAY, opens: '08:00', closes: '12:00' },
      ],
      holidays: [],
    });
    // Mon 2026-12-07 11:30 CST + 1 h -> 13:30 CST; 6 h -> next Monday 09:30 CST
    expect(due(withLunch, '2026-12-07T17:30:00Z', HOUR)).toBe('2026-12-07T19:30:00.000Z');
    expect(due(withLunch, '2026-12-07T17:30:00Z', 6 * HOUR)).toBe('2026-12-14T15:30:00.000Z');
  });

  it('counts a day open until midnight to its end', () => {
    const allWeek = new BusinessClock({
      timeZone: 'Asia/Tokyo',
      hours: Object.values(Weekday).map((day) => ({ day, opens: '00:00', closes: '24:00' })),
      holidays: [],
    });
    expect(due(allWeek, '2026-12-04T21:30:00Z', 50 * HOUR)).toBe('2026-12-06T23:30:00.000Z');
  });

  it('gives up, clearly, on a calendar without openings', () => {
    const never = new BusinessClock({ timeZone: 'UTC', hours: [], holidays: [] });
    expect(() => never.add(new Date('2026-12-07T15:00:00Z'), HOUR)).toThrow(/no openings/);
  });
});

describe('a case’s service-level target', () => {
  const fridayAfternoon = new Date('2026-12-04T21:30:00Z'); // Fri 16:30 EST

  it('in BUSINESS hours: due and at risk (80%) in the calendar', () => {
    const target = serviceLevelTarget(
      { openedAt: fridayAfternoon, hours: 2, clock: SlaClock.BUSINESS },
      newYork,
    );
    expect(target).toEqual({
      clock: SlaClock.BUSINESS,
      hours: 2,
      dueAt: new Date('2026-12-07T14:30:00Z'), // Mon 09:30 EST
      atRiskAt: new Date('2026-12-07T14:06:00Z'), // 96 business minutes: Mon 09:06 EST
    });
  });

  it('in CALENDAR hours: as many hours of the clock as the target says, whatever the calendar', () => {
    const target = serviceLevelTarget(
      { openedAt: fridayAfternoon, hours: 72, clock: SlaClock.CALENDAR },
      newYork,
    );
    expect(target).toEqual({
      clock: SlaClock.CALENDAR,
      hours: 72,
      dueAt: new Date('2026-12-07T21:30:00Z'),
      atRiskAt: new Date(fridayAfternoon.getTime() + 57.6 * HOUR),
    });
  });

  it('holds a possible emergency to at most 4 calendar hours, whatever the service says', () => {
    expect(
      serviceLevelTarget(
        { openedAt: fridayAfternoon, hours: 72, clock: SlaClock.BUSINESS, emergency: true },
        newYork,
      ),
    ).toMatchObject({
      clock: SlaClock.CALENDAR,
      hours: 4,
      dueAt: new Date('2026-12-05T01:30:00Z'),
    });
    expect(
      serviceLevelTarget(
        { openedAt: fridayAfternoon, hours: 2, clock: SlaClock.BUSINESS, emergency: true },
        newYork,
      ),
    ).toMatchObject({
      clock: SlaClock.CALENDAR,
      hours: 2,
      dueAt: new Date('2026-12-04T23:30:00Z'),
    });
  });
});
