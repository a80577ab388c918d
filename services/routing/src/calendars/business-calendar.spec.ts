import { describe, expect, it } from '@jest/globals';
import { calendarProblems, Weekday, type BusinessCalendarRules } from './business-calendar.js';

const VALID: BusinessCalendarRules = {
  timeZone: 'Europe/London',
  hours: [
    { day: Weekday.MONDAY, opens: '09:00', closes: '12:30' },
    { day: Weekday.MONDAY, opens: '13:30', closes: '17:30' },
    { day: Weekday.SATURDAY, opens: '00:00', closes: '24:00' },
  ],
  holidays: [{ date: '2026-12-25', name: 'Christmas Day' }],
};

describe('what makes a business calendar invalid', () => {
  it('accepts a valid one', () => {
    expect(calendarProblems(VALID)).toEqual([]);
  });

  it.each([
    ['an unknown time zone', { timeZone: 'Mars/Olympus_Mons' }, 'timeZone'],
    ['an abbreviation that is no IANA zone name', { timeZone: 'not a zone' }, 'timeZone'],
    [
      'opens at closing',
      { hours: [{ day: Weekday.MONDAY, opens: '17:00', closes: '17:00' }] },
      'hours[0].closes',
    ],
    [
      'opens after closing',
      { hours: [{ day: Weekday.MONDAY, opens: '18:00', closes: '08:00' }] },
      'hours[0].closes',
    ],
    [
      'a time that is no time',
      { hours: [{ day: Weekday.MONDAY, opens: '8am', closes: '17:00' }] },
      'hours[0].opens',
    ],
    [
      'a day that is no day',
      { hours: [{ day: 'FUNDAY' as Weekday, opens: '08:00', closes: '17:00' }] },
      'hours[0].day',
    ],
    [
      'overlapping openings',
      {
        hours: [
          { day: Weekday.MONDAY, opens: '08:00', closes: '12:00' },
          { day: Weekday.MONDAY, opens: '11:00', closes: '17:00' },
        ],
      },
      'hours[1].opens',
    ],
    ['no opening at all', { hours: [] }, 'hours'],
    [
      'a date that does not exist',
      { holidays: [{ date: '2026-02-30', name: 'x' }] },
      'holidays[0].date',
    ],
    [
      'a date in another format',
      { holidays: [{ date: '12/25/2026', name: 'x' }] },
      'holidays[0].date',
    ],
    [
      'the same holiday date twice',
      {
        holidays: [
          { date: '2026-12-25', name: 'Christmas Day' },
          { date: '2026-12-25', name: 'Christmas again' },
        ],
      },
      'holidays[1].date',
    ],
  ])('refuses %s, naming %s', (_what, change, field) => {
    const problems = calendarProblems({ ...VALID, ...change });
    expect(problems.map((p) => p.field)).toEqual([field]);
    expect(problems[0].reason).not.toBe('');
  });
});
