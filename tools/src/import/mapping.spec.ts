import { describe, expect, it } from '@jest/globals';
import { findRepoRoot } from '../platform/repo-root.js';
import {
  CategoryMapper,
  defaultMappingPath,
  FORMATS,
  loadMappingFile,
  MappingError,
  validateMapping,
} from './mapping.js';
import { parseLegacyDate } from './dates.js';

const base = {
  sourceSystem: 'city',
  timeZone: 'UTC',
  defaultStatus: 'OPEN',
  statuses: { Done: 'CLOSED' },
  categories: { Pothole: 'pothole', Roads: 'sidewalk-repair' },
};

describe('mapping files', () => {
  it('ships a valid default for every format, mapping only to seeded catalog codes', () => {
    const seeded = [
      'pothole',
      'streetlight-out',
      'graffiti',
      'illegal-dumping',
      'noise-residential',
      'missed-collection',
      'abandoned-vehicle',
      'parking-meter',
      'bulky-item-pickup',
      'sewer-backup',
      'tree-down',
      'sidewalk-repair',
      'traffic-signal',
      'park-maintenance',
    ];
    for (const format of FORMATS) {
      const m = loadMappingFile(defaultMappingPath(findRepoRoot(), format));
      for (const code of Object.values(m.categories)) {
        expect(seeded).toContain(code);
      }
    }
  });

  it('maps exactly, then case-insensitively, then by the group before " / "; else general-inquiry', () => {
    const mapper = new CategoryMapper(validateMapping(base, 't'));
    expect(mapper.service('Pothole')).toEqual({ serviceCode: 'pothole', mapped: true });
    expect(mapper.service('POTHOLE ')).toEqual({ serviceCode: 'pothole', mapped: true });
    expect(mapper.service('Roads / Cracked kerb')).toEqual({
      serviceCode: 'sidewalk-repair',
      mapped: true,
    });
    expect(mapper.service('Lost Property')).toEqual({
      serviceCode: 'general-inquiry',
      mapped: false,
    });
    expect(mapper.service(undefined)).toEqual({ serviceCode: 'general-inquiry', mapped: false });
  });

  it('maps statuses case-insensitively, uses the default when there is none, and knows when it cannot', () => {
    const mapper = new CategoryMapper(validateMapping(base, 't'));
    expect(mapper.status('done')).toBe('CLOSED');
    expect(mapper.status('')).toBe('OPEN');
    expect(mapper.status('Teleported')).toBeNull();
  });

  it('names the bad field of a bad mapping file', () => {
    expect(() => validateMapping({ ...base, timeZone: 'Mars/Olympus' }, 'm.json')).toThrow(
      new MappingError('m.json: timeZone must be an IANA time zone such as America/New_York'),
    );
    expect(() => validateMapping({ ...base, statuses: { Done: 'FINISHED' } }, 'm.json')).toThrow(
      /statuses\["Done"\] must be one of NEW, OPEN/,
    );
    expect(() => validateMapping({ ...base, sourceSystem: 'My City' }, 'm.json')).toThrow(
      /sourceSystem/,
    );
    expect(() => validateMapping([], 'm.json')).toThrow(/must be a JSON object/);
  });
});

describe('legacy dates', () => {
  it('reads each format in the export’s time zone, across daylight saving time', () => {
    expect(parseLegacyDate('01/15/2020 01:30:00 PM', 'America/New_York')?.toISOString()).toBe(
      '2020-01-15T18:30:00.000Z',
    );
    expect(parseLegacyDate('07/15/2020 12:00:00 AM', 'America/New_York')?.toISOString()).toBe(
      '2020-07-15T04:00:00.000Z',
    );
    expect(parseLegacyDate('1/1/20 0:05', 'America/Los_Angeles')?.toISOString()).toBe(
      '2020-01-01T08:05:00.000Z',
    );
    expect(parseLegacyDate('2014-Aug-27 10:40:53', 'America/Toronto')?.toISOString()).toBe(
      '2014-08-27T14:40:53.000Z',
    );
    expect(parseLegacyDate('2014-05-09T19:02:21-05:00', 'UTC')?.toISOString()).toBe(
      '2014-05-10T00:02:21.000Z',
    );
  });

  it('refuses junk and impossible dates', () => {
    for (const junk of [
      '',
      'N/A',
      '13/45/2020 10:00',
      '02/30/2020 10:00:00 AM',
      '2014-Foo-01 10:00:00',
      '1/1/20 25:00',
    ]) {
      expect(parseLegacyDate(junk, 'UTC')).toBeNull();
    }
  });
});
