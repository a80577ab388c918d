import { describe, expect, it } from '@jest/globals';
import { parseQuietHours } from '../config/notifications.config.js';
import { isQuiet, sendableAt } from './quiet-hours.js';

describe('quiet hours', () => {
  const nightly = parseQuietHours('21-8');

  it('reads "start-end" and refuses nonsense', () => {
    expect(nightly).toEqual({ start: 21, end: 8 });
    expect(parseQuietHours('9-17')).toEqual({ start: 9, end: 17 });
    expect(parseQuietHours('25-8')).toBeNull();
    expect(parseQuietHours('8-8')).toBeNull();
    expect(parseQuietHours('evenings')).toBeNull();
  });

  it('sends at once during the day', () => {
    const noon = new Date('2026-03-02T12:00:00Z');
    expect(isQuiet(noon, nightly, 'UTC')).toBe(false);
    expect(sendableAt(noon, nightly, 'UTC')).toEqual(noon);
  });

  it('defers a late-evening SMS to 08:00 the next morning, local time', () => {
    // 23:30 in New York (EST, UTC-5) is 04:30 UTC the next day.
    const late = new Date('2026-03-03T04:30:00Z');
    expect(isQuiet(late, nightly, 'America/New_York')).toBe(true);
    expect(sendableAt(late, nightly, 'America/New_York')).toEqual(new Date('2026-03-03T13:00:00Z'));
  });

  it('defers an early-morning SMS to 08:00 the same day', () => {
    const early = new Date('2026-03-02T06:15:30Z');
    expect(sendableAt(early, nightly, 'UTC')).toEqual(new Date('2026-03-02T08:00:00Z'));
  });

  it('lands on 08:00 local across a daylight-saving change', () => {
    // New York springs forward on 2026-03-08 at 02:00; 22:00 EST on the 7th is 03:00 UTC on the 8th.
    const before = new Date('2026-03-08T03:00:00Z');
    expect(sendableAt(before, nightly, 'America/New_York')).toEqual(
      new Date('2026-03-08T12:00:00Z'),
    );
  });

  it('handles daytime quiet hours and none at all', () => {
    const office = parseQuietHours('9-17');
    expect(isQuiet(new Date('2026-03-02T10:00:00Z'), office, 'UTC')).toBe(true);
    expect(isQuiet(new Date('2026-03-02T18:00:00Z'), office, 'UTC')).toBe(false);
    expect(isQuiet(new Date('2026-03-02T23:00:00Z'), null, 'UTC')).toBe(false);
  });
});
