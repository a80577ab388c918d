/** A wall-clock time as written in a legacy export, without an offset. */
export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

function valid(t: LocalDateTime): LocalDateTime | null {
  const days = new Date(Date.UTC(t.year, t.month, 0)).getUTCDate();
  const ok =
    t.year >= 1900 &&
    t.year <= 2100 &&
    t.month >= 1 &&
    t.month <= 12 &&
    t.day >= 1 &&
    t.day <= days &&
    t.hour >= 0 &&
    t.hour <= 23 &&
    t.minute >= 0 &&
    t.minute <= 59 &&
    t.second >= 0 &&
    t.second <= 59;
  return ok ? t : null;
}

/**
 * US exports: `05/01/2022 12:00:03 AM` (NYC, LA 2017), `1/1/20 0:05` (LA 2020), `4/15/2014 19:49`
 * (Ottawa, some months). Two-digit years are 20xx.
 */
export function parseUsDateTime(text: string): LocalDateTime | null {
  const m =
    /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*([AaPp][Mm])?)?$/.exec(
      text.trim(),
    );
  if (!m) {
    return null;
  }
  let hour = m[4] === undefined ? 0 : Number(m[4]);
  if (m[7]) {
    if (hour < 1 || hour > 12) {
      return null;
    }
    hour = (hour % 12) + (m[7].toUpperCase() === 'PM' ? 12 : 0);
  }
  return valid({
    year: m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3]),
    month: Number(m[1]),
    day: Number(m[2]),
    hour,
    minute: m[5] === undefined ? 0 : Number(m[5]),
    second: m[6] === undefined ? 0 : Number(m[6]),
  });
}

/** Ottawa's other format: `2014-Jan-14 13:48:01`. */
export function parseYearMonthNameDay(text: string): LocalDateTime | null {
  const m = /^(\d{4})-([A-Za-z]{3})-(\d{1,2})[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(
    text.trim(),
  );
  const month = m ? MONTHS[m[2].toLowerCase()] : undefined;
  if (!m || !month) {
    return null;
  }
  return valid({
    year: Number(m[1]),
    month,
    day: Number(m[3]),
    hour: Number(m[4]),
    minute: Number(m[5]),
    second: Number(m[6] ?? 0),
  });
}

/** `2014-01-14 13:48:01` or `2014-01-14T13:48:01` without an offset. */
export function parseIsoLocal(text: string): LocalDateTime | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?$/.exec(
    text.trim(),
  );
  if (!m) {
    return null;
  }
  return valid({
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4] ?? 0),
    minute: Number(m[5] ?? 0),
    second: Number(m[6] ?? 0),
  });
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function offsetMs(instant: number, timeZone: string): number {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(instant)).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
  );
  return asUtc - Math.floor(instant / 1000) * 1000;
}

const offsets = new Map<string, number>();

/** The instant a wall-clock time in `timeZone` (IANA) stands for. */
export function zonedToUtc(t: LocalDateTime, timeZone: string): Date {
  const wall = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
  // Offsets change only on the hour: one Intl look-up per zone and wall-clock hour, not per row.
  const key = `${timeZone}|${Math.floor(wall / 3_600_000)}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    // A second pass settles times near a DST change.
    offset = offsetMs(wall - offsetMs(wall, timeZone), timeZone);
    if (offsets.size > 100_000) {
      offsets.clear();
    }
    offsets.set(key, offset);
  }
  return new Date(wall - offset);
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Any of the formats above, or ISO 8601 with an offset (taken as is). */
export function parseLegacyDate(text: string | undefined, timeZone: string): Date | null {
  const s = (text ?? '').trim();
  if (!s) {
    return null;
  }
  if (/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:?\d{2})$/.test(s)) {
    const d = new Date(s);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  const local = parseUsDateTime(s) ?? parseYearMonthNameDay(s) ?? parseIsoLocal(s);
  return local ? zonedToUtc(local, timeZone) : null;
}
