import type { Holiday } from './business-calendar.js';
import { addDays, dayOfWeek, isoDate, type LocalDate } from './zoned-time.js';

/** The `n`th (1-based) `weekday` (0 Sunday) of a month; n = -1 is the last. */
function nthWeekday(year: number, month: number, weekday: number, n: number): LocalDate {
  if (n > 0) {
    const first = { year, month, day: 1 };
    const shift = (weekday - dayOfWeek(first) + 7) % 7;
    return addDays(first, shift + (n - 1) * 7);
  }
  const last = addDays({ year, month: month + 1, day: 1 }, -1);
  return addDays(last, -((dayOfWeek(last) - weekday + 7) % 7));
}

/** A fixed-date holiday on a Saturday is observed the Friday before, on a Sunday the Monday after (5 U.S.C. 6103(b)). */
function observed(date: LocalDate): LocalDate {
  const weekday = dayOfWeek(date);
  return weekday === 6 ? addDays(date, -1) : weekday === 0 ? addDays(date, 1) : date;
}

/**
 * The U.S. federal holidays of `year` (5 U.S.C. 6103), on the dates offices close: fixed-date
 * ones moved off weekends. New Year's Day of the next year observed on 31 December belongs to
 * that next year's list, as OPM lists it.
 */
export function usFederalHolidays(year: number): Holiday[] {
  const MONDAY = 1;
  const THURSDAY = 4;
  const fixed = (month: number, day: number) => observed({ year, month, day });
  const list: [string, LocalDate][] = [
    ["New Year's Day", fixed(1, 1)],
    ['Birthday of Martin Luther King, Jr.', nthWeekday(year, 1, MONDAY, 3)],
    ["Washington's Birthday", nthWeekday(year, 2, MONDAY, 3)],
    ['Memorial Day', nthWeekday(year, 5, MONDAY, -1)],
    ['Juneteenth National Independence Day', fixed(6, 19)],
    ['Independence Day', fixed(7, 4)],
    ['Labor Day', nthWeekday(year, 9, MONDAY, 1)],
    ['Columbus Day', nthWeekday(year, 10, MONDAY, 2)],
    ['Veterans Day', fixed(11, 11)],
    ['Thanksgiving Day', nthWeekday(year, 11, THURSDAY, 4)],
    ['Christmas Day', fixed(12, 25)],
  ];
  return list.map(([name, date]) => ({ date: isoDate(date), name }));
}
