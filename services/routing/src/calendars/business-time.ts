import { SlaClock } from '@civitas/contracts';
import { minuteOfDay, WEEKDAY_NUMBER, type BusinessCalendarRules } from './business-calendar.js';
import {
  addDays,
  dayOfWeek,
  instantAt,
  isoDate,
  localDateAt,
  type LocalDate,
} from './zoned-time.js';

const HOUR_MS = 3_600_000;

/** How far ahead a target is looked for before the calendar is called one without openings. */
const MAX_DAYS = 366 * 20;

/** A case is at risk once this share of its target has gone by, counted in the target's clock. */
export const AT_RISK_FRACTION = 0.8;

/** A possible emergency is answered within this many calendar hours, whatever the service says. */
export const EMERGENCY_TARGET_HOURS = 4;

/**
 * Business time in one calendar: its openings, in its zone, less its holidays. Pure: every
 * instant comes in as an argument (no clock is read), so a due time is the same whenever and
 * wherever it is computed.
 */
export class BusinessClock {
  /** Openings per day of the week (0 Sunday), in minutes after midnight, in order. */
  private readonly openings: [number, number][][] = [[], [], [], [], [], [], []];
  private readonly holidays: Set<string>;
  private readonly timeZone: string;

  constructor(calendar: BusinessCalendarRules) {
    this.timeZone = calendar.timeZone;
    for (const h of calendar.hours) {
      const opens = minuteOfDay(h.opens);
      const closes = minuteOfDay(h.closes);
      if (opens === null || closes === null || opens >= closes) {
        throw new Error(`Invalid opening ${h.day} ${h.opens}-${h.closes}`);
      }
      this.openings[WEEKDAY_NUMBER[h.day]].push([opens, closes]);
    }
    for (const day of this.openings) {
      day.sort((a, b) => a[0] - b[0]);
    }
    this.holidays = new Set(calendar.holidays.map((h) => h.date));
  }

  /**
   * The instant at which `durationMs` of business time has gone by, counting from `start`. Time
   * outside the openings does not count: from before an opening (or outside any) counting starts
   * at the next one; a duration of 0 outside openings is that next opening.
   */
  add(start: Date, durationMs: number): Date {
    if (!(durationMs >= 0)) {
      throw new RangeError(`A business duration cannot be negative (${durationMs} ms)`);
    }
    const from = start.getTime();
    let remaining = durationMs;
    for (const [opens, closes] of this.openingsFrom(from)) {
      if (closes <= from) {
        continue;
      }
      const begin = Math.max(opens, from);
      if (remaining <= closes - begin) {
        return new Date(begin + remaining);
      }
      remaining -= closes - begin;
    }
    throw new RangeError(
      `The calendar has no openings within ${MAX_DAYS} days of ${start.toISOString()}`,
    );
  }

  /** Business time between two instants, in milliseconds (0 when `to` is not after `from`). */
  between(from: Date, to: Date): number {
    const start = from.getTime();
    const end = to.getTime();
    let total = 0;
    if (end <= start) {
      return 0;
    }
    for (const [opens, closes] of this.openingsFrom(start)) {
      if (opens >= end) {
        break;
      }
      total += Math.max(0, Math.min(closes, end) - Math.max(opens, start));
    }
    return total;
  }

  /** Each opening as instants, in order, from the first on the local day holding `from`. */
  private *openingsFrom(from: number): Generator<[number, number]> {
    const first = localDateAt(this.timeZone, from);
    for (let i = 0; i < MAX_DAYS; i++) {
      const date: LocalDate = addDays(first, i);
      if (this.holidays.has(isoDate(date))) {
        continue;
      }
      for (const [opens, closes] of this.openings[dayOfWeek(date)]) {
        yield [instantAt(this.timeZone, date, opens), instantAt(this.timeZone, date, closes)];
      }
    }
  }
}

/** What a case is held to: its clock and hours, when it falls due and when it is at risk. */
export interface ServiceLevelTarget {
  clock: SlaClock;
  hours: number;
  dueAt: Date;
  atRiskAt: Date;
}

export interface ServiceLevelQuestion {
  openedAt: Date;
  /** The service's (or a routing rule's) target, in hours of `clock`. */
  hours: number;
  clock: SlaClock;
  /** A possible emergency: at most EMERGENCY_TARGET_HOURS, always calendar hours. */
  emergency?: boolean;
}

/**
 * The one computation of a case's due and at-risk times (docs/adr/0054): BUSINESS hours in the
 * department's calendar, or CALENDAR hours from opening; at risk at AT_RISK_FRACTION of the
 * target, in the same clock.
 */
export function serviceLevelTarget(
  question: ServiceLevelQuestion,
  calendar: BusinessClock,
): ServiceLevelTarget {
  const clock = question.emergency ? SlaClock.CALENDAR : question.clock;
  const hours = question.emergency
    ? Math.min(question.hours, EMERGENCY_TARGET_HOURS)
    : question.hours;
  const target = hours * HOUR_MS;
  const atRisk = Math.round(target * AT_RISK_FRACTION);
  if (clock === SlaClock.BUSINESS) {
    return {
      clock,
      hours,
      dueAt: calendar.add(question.openedAt, target),
      atRiskAt: calendar.add(question.openedAt, atRisk),
    };
  }
  const opened = question.openedAt.getTime();
  return { clock, hours, dueAt: new Date(opened + target), atRiskAt: new Date(opened + atRisk) };
}

/**
 * How much of a target's clock is left at `at` before `until` (0 once it is past): business time
 * in `calendar` for a BUSINESS target, plain milliseconds for a CALENDAR one. What a case keeps
 * while its clock is paused on hold (docs/adr/0068).
 */
export function timeLeft(clock: SlaClock, calendar: BusinessClock, at: Date, until: Date): number {
  return clock === SlaClock.BUSINESS
    ? calendar.between(at, until)
    : Math.max(0, until.getTime() - at.getTime());
}

/**
 * When `left` of a target's clock has gone by, counting from `at`: where a paused deadline falls
 * once the clock runs again (docs/adr/0068). The inverse of `timeLeft` within the calendar.
 */
export function countOn(clock: SlaClock, calendar: BusinessClock, at: Date, left: number): Date {
  return clock === SlaClock.BUSINESS ? calendar.add(at, left) : new Date(at.getTime() + left);
}
