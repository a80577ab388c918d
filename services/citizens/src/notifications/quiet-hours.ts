import type { QuietHours } from '../config/notifications.config.js';

function localClock(at: Date, timeZone: string): { hour: number; minute: number; second: number } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { hour: get('hour') % 24, minute: get('minute'), second: get('second') };
}

export function isQuiet(at: Date, quiet: QuietHours | null, timeZone: string): boolean {
  if (!quiet) {
    return false;
  }
  const { hour } = localClock(at, timeZone);
  return quiet.start < quiet.end
    ? hour >= quiet.start && hour < quiet.end
    : hour >= quiet.start || hour < quiet.end;
}

/**
 * When an SMS due at `at` may be sent: `at` itself outside quiet hours, else the end of the quiet
 * hours (local `end`:00 in `timeZone`). Deferred, never dropped.
 */
export function sendableAt(at: Date, quiet: QuietHours | null, timeZone: string): Date {
  if (!isQuiet(at, quiet, timeZone) || !quiet) {
    return at;
  }
  const { hour, minute, second } = localClock(at, timeZone);
  const hours = (quiet.end - hour + 24) % 24;
  const ms = ((hours * 60 - minute) * 60 - second) * 1000 - at.getUTCMilliseconds();
  const candidate = new Date(at.getTime() + ms);
  // A daylight-saving change inside the wait moves local time by an hour: correct to the real end.
  const drift = ((quiet.end - localClock(candidate, timeZone).hour + 36) % 24) - 12;
  candidate.setTime(candidate.getTime() + drift * 3_600_000);
  return candidate;
}
