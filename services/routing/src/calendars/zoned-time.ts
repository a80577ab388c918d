/**
 * Wall-clock time in an IANA time zone, from the platform's own zone data (`Intl`): no library,
 * and the zone rules are those of the Node runtime's ICU.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when the runtime knows `timeZone` as an IANA zone name (e.g. `America/New_York`). */
export function isKnownTimeZone(timeZone: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(timeZone)) {
    return false;
  }
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** A date on the wall calendar, month 1-12. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

interface WallTime extends LocalDate {
  hour: number;
  minute: number;
  second: number;
}

function wallTimeAt(timeZone: string, instant: number): WallTime {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') {
      parts[part.type] = Number(part.value);
    }
  }
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour,
    minute: parts.minute,
    second: parts.second,
  };
}

/** The zone's offset from UTC at `instant`, in milliseconds (New York in winter: -5 h). */
function offsetAt(timeZone: string, instant: number): number {
  const wholeSecond = Math.floor(instant / 1000) * 1000;
  const w = wallTimeAt(timeZone, wholeSecond);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - wholeSecond;
}

/** The date on the zone's wall calendar at `instant`. */
export function localDateAt(timeZone: string, instant: number): LocalDate {
  const { year, month, day } = wallTimeAt(timeZone, instant);
  return { year, month, day };
}

/** Answers of `instantAt` kept: zone rules do not change while the process runs. */
const instants = new Map<string, number>();
const MAX_KEPT_INSTANTS = 50_000;

/**
 * The instant at which the zone's clocks read `minuteOfDay` minutes after midnight on `date`
 * (1440 is the next midnight). A wall time skipped by a daylight-saving change counts as the same
 * distance after the change (02:30 on a spring-forward night is 03:30); a wall time that happens
 * twice (autumn) is its first occurrence.
 */
export function instantAt(timeZone: string, date: LocalDate, minuteOfDay: number): number {
  // Each business-time question walks the openings of every day it spans, each opening asking
  // `Intl` for two to three offsets; cases opened on the same days ask about the same instants, so
  // the answers are kept (an import of a year's history touches a few thousand).
  const key = `${timeZone} ${date.year}-${date.month}-${date.day} ${minuteOfDay}`;
  let instant = instants.get(key);
  if (instant === undefined) {
    if (instants.size >= MAX_KEPT_INSTANTS) {
      instants.clear();
    }
    instant = computeInstantAt(timeZone, date, minuteOfDay);
    instants.set(key, instant);
  }
  return instant;
}

function computeInstantAt(timeZone: string, date: LocalDate, minuteOfDay: number): number {
  const wall = Date.UTC(date.year, date.month - 1, date.day, 0, minuteOfDay);
  const guess = wall - offsetAt(timeZone, wall);
  const offset = offsetAt(timeZone, guess);
  const adjusted = wall - offset;
  if (adjusted === guess) {
    return guess;
  }
  // The offset changes between the two guesses: either the adjusted one is exact (the first
  // guess used the wrong side's offset), or the wall time does not exist and the guess is later.
  return offsetAt(timeZone, adjusted) === offset ? adjusted : Math.max(guess, adjusted);
}

/** `date` moved by `days` on the calendar (UTC arithmetic on dates: no zone involved). */
export function addDays(date: LocalDate, days: number): LocalDate {
  const moved = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}

/** 0 Sunday .. 6 Saturday, as `Date.getUTCDay`. */
export function dayOfWeek(date: LocalDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

/** `YYYY-MM-DD`. */
export function isoDate(date: LocalDate): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}`;
}

/** A `YYYY-MM-DD` that names a real date (no 2026-02-30), or null. */
export function parseIsoDate(text: string): LocalDate | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) {
    return null;
  }
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  return isoDate(addDays(date, 0)) === text ? date : null;
}
