import type { FieldProblem } from '@civitas/contracts';
import { CalendarErrorCode } from './calendar.exception.js';
import { isKnownTimeZone, parseIsoDate } from './zoned-time.js';

/** Days of the week as a calendar names them (keys equal values: a GraphQL enum). */
export enum Weekday {
  MONDAY = 'MONDAY',
  TUESDAY = 'TUESDAY',
  WEDNESDAY = 'WEDNESDAY',
  THURSDAY = 'THURSDAY',
  FRIDAY = 'FRIDAY',
  SATURDAY = 'SATURDAY',
  SUNDAY = 'SUNDAY',
}

/** `Date.getUTCDay()` numbering: 0 is Sunday. */
export const WEEKDAY_NUMBER: Readonly<Record<Weekday, number>> = {
  [Weekday.SUNDAY]: 0,
  [Weekday.MONDAY]: 1,
  [Weekday.TUESDAY]: 2,
  [Weekday.WEDNESDAY]: 3,
  [Weekday.THURSDAY]: 4,
  [Weekday.FRIDAY]: 5,
  [Weekday.SATURDAY]: 6,
};

/** One opening on one day of the week, wall-clock `HH:MM` in the calendar's zone. */
export interface OpeningHours {
  day: Weekday;
  opens: string;
  closes: string;
}

export interface Holiday {
  /** `YYYY-MM-DD`, the date the office is closed (the observed date). */
  date: string;
  name: string;
}

/** When a department works: the week's opening hours in one time zone, less its holidays. */
export interface BusinessCalendarRules {
  timeZone: string;
  hours: readonly OpeningHours[];
  holidays: readonly Holiday[];
}

/** The calendar every department uses until an administrator gives it another. */
export const DEFAULT_CALENDAR_CODE = 'default';

const WALL_TIME = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;

/** Minutes after midnight of an `HH:MM` (24:00 is 1440), or null. */
export function minuteOfDay(text: string): number | null {
  if (!WALL_TIME.test(text)) {
    return null;
  }
  const [hours, minutes] = text.split(':').map(Number);
  return hours * 60 + minutes;
}

/** One thing wrong with a calendar: the field, why, and the error code a client sees for it. */
export interface CalendarProblem extends FieldProblem {
  code: CalendarErrorCode;
}

/**
 * Everything wrong with a calendar, each problem naming its field as the input does
 * (`timeZone`, `hours[2].closes`, `holidays[0].date`): an empty list when it can be saved.
 */
export function calendarProblems(calendar: BusinessCalendarRules): CalendarProblem[] {
  const problems: CalendarProblem[] = [];
  if (!isKnownTimeZone(calendar.timeZone)) {
    problems.push({
      code: CalendarErrorCode.InvalidTimeZone,
      field: 'timeZone',
      reason: `"${calendar.timeZone}" is not an IANA time zone (e.g. America/New_York)`,
    });
  }
  const intervals = new Map<Weekday, { opens: number; closes: number; index: number }[]>();
  calendar.hours.forEach((h, index) => {
    const field = `hours[${index}]`;
    if (!(Object.values(Weekday) as string[]).includes(h.day)) {
      problems.push({
        code: CalendarErrorCode.InvalidHours,
        field: `${field}.day`,
        reason: 'must be MONDAY to SUNDAY',
      });
      return;
    }
    const opens = minuteOfDay(h.opens);
    const closes = minuteOfDay(h.closes);
    if (opens === null || opens === 24 * 60) {
      problems.push({
        code: CalendarErrorCode.InvalidHours,
        field: `${field}.opens`,
        reason: 'must be a time HH:MM from 00:00 to 23:59',
      });
    }
    if (closes === null) {
      problems.push({
        code: CalendarErrorCode.InvalidHours,
        field: `${field}.closes`,
        reason: 'must be a time HH:MM from 00:01 to 24:00',
      });
    }
    if (opens === null || closes === null || opens === 24 * 60) {
      return;
    }
    if (opens >= closes) {
      problems.push({
        code: CalendarErrorCode.InvalidHours,
        field: `${field}.closes`,
        reason: `must be later than opens (${h.opens}); an office open past midnight closes at 24:00 and opens at 00:00 the next day`,
      });
      return;
    }
    const day = intervals.get(h.day) ?? [];
    const overlapping = day.find((o) => opens < o.closes && o.opens < closes);
    if (overlapping) {
      problems.push({
        code: CalendarErrorCode.InvalidHours,
        field: `${field}.opens`,
        reason: `overlaps hours[${overlapping.index}] on ${h.day}`,
      });
      return;
    }
    day.push({ opens, closes, index });
    intervals.set(h.day, day);
  });
  if (calendar.hours.length === 0) {
    problems.push({
      code: CalendarErrorCode.InvalidHours,
      field: 'hours',
      reason: 'must list at least one opening',
    });
  }
  const seen = new Map<string, number>();
  calendar.holidays.forEach((holiday, index) => {
    if (!parseIsoDate(holiday.date)) {
      problems.push({
        code: CalendarErrorCode.InvalidHoliday,
        field: `holidays[${index}].date`,
        reason: `"${holiday.date}" is not a date YYYY-MM-DD`,
      });
      return;
    }
    const first = seen.get(holiday.date);
    if (first !== undefined) {
      problems.push({
        code: CalendarErrorCode.DuplicateHoliday,
        field: `holidays[${index}].date`,
        reason: `${holiday.date} is already holidays[${first}]`,
      });
      return;
    }
    seen.set(holiday.date, index);
  });
  return problems;
}
