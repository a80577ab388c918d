import { describe, expect, it } from '@jest/globals';
import { usFederalHolidays } from './us-federal-holidays.js';

describe('U.S. federal holidays', () => {
  // As OPM publishes them (opm.gov "Federal Holidays"), observed dates.
  it('lists 2026 as OPM does: Independence Day on a Saturday is observed on Friday 3 July', () => {
    expect(usFederalHolidays(2026).map((h) => h.date)).toEqual([
      '2026-01-01',
      '2026-01-19',
      '2026-02-16',
      '2026-05-25',
      '2026-06-19',
      '2026-07-03',
      '2026-09-07',
      '2026-10-12',
      '2026-11-11',
      '2026-11-26',
      '2026-12-25',
    ]);
  });

  it('lists 2027 as OPM does: Juneteenth and Christmas on Saturdays move to Fridays, Independence Day on a Sunday to Monday', () => {
    expect(usFederalHolidays(2027).map((h) => h.date)).toEqual([
      '2027-01-01',
      '2027-01-18',
      '2027-02-15',
      '2027-05-31',
      '2027-06-18',
      '2027-07-05',
      '2027-09-06',
      '2027-10-11',
      '2027-11-11',
      '2027-11-25',
      '2027-12-24',
    ]);
  });

  it('names each holiday', () => {
    const holidays = usFederalHolidays(2026);
    expect(holidays).toHaveLength(11);
    expect(holidays.find((h) => h.date === '2026-11-26')?.name).toBe('Thanksgiving Day');
  });
});
