import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { findRepoRoot } from '../../platform/repo-root.js';
import {
  CategoryMapper,
  defaultMappingPath,
  loadMappingFile,
  type FormatName,
} from '../mapping.js';
import { readCsvRows } from '../read-rows.js';
import type { ParsedRow } from '../record.js';
import { createRowParser } from './index.js';
import { nycBorough } from './nyc311.js';
import { ottawaWard } from './ottawa311.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

/** Rows cut from the real files in ../shared/data/311, quirks included. */
async function parseFixture(
  format: FormatName,
  file: string,
): Promise<(ParsedRow & { rowNumber: number })[]> {
  const mapping = loadMappingFile(defaultMappingPath(findRepoRoot(), format));
  const parser = createRowParser(format, { file, mapping, mapper: new CategoryMapper(mapping) });
  const out: (ParsedRow & { rowNumber: number })[] = [];
  for await (const { row, rowNumber } of readCsvRows(join(FIXTURES, file), () => undefined)) {
    out.push({ ...parser.parse(row, rowNumber), rowNumber });
  }
  return out;
}

const records = (rows: ParsedRow[]) => rows.flatMap((r) => (r.kind === 'record' ? [r.record] : []));
const rejections = (rows: ParsedRow[]) =>
  rows.flatMap((r) => (r.kind === 'rejected' ? [r.rejection] : []));

describe('nyc311 rows', () => {
  it('reads the full export with its header: New York time, status, agency, coordinates', async () => {
    const rows = await parseFixture('nyc311', 'nyc311-pyboot.csv');
    expect(rows[0].kind).toBe('header');
    const [open, closed] = records(rows);
    expect(open).toMatchObject({
      rowNumber: 2,
      sourceId: '54049402',
      serviceCode: 'noise-residential',
      category: 'Noise - Residential',
      openedAt: '2022-05-01T04:00:03.000Z',
      status: 'IN_PROGRESS',
      agency: 'NYPD',
      district: 'BRONX',
      location: {
        latitude: 40.83065331987539,
        longitude: -73.92308231033165,
        address: '1006 GERARD AVENUE',
      },
    });
    expect(open.closedAt).toBeUndefined();
    expect(closed).toMatchObject({
      sourceId: '54046813',
      status: 'CLOSED',
      closedAt: '2022-05-01T04:07:46.000Z',
    });
  });

  it('reads the extract without a header row, and rejects a row closed before it was created', async () => {
    const rows = await parseFixture('nyc311', 'nyc311-gozzi.csv');
    expect(rows.map((r) => r.kind)).toEqual(['record', 'record', 'rejected', 'record', 'record']);
    const [tree, reopening, highway, consumer] = records(rows);
    expect(tree).toMatchObject({
      rowNumber: 1,
      sourceId: '46920293',
      serviceCode: 'tree-down',
      status: 'CLOSED',
      openedAt: '2020-07-20T14:51:12.000Z',
      closedAt: '2020-09-05T16:32:48.000Z',
      district: 'BROOKLYN',
    });
    expect(tree.location).toBeUndefined();
    expect(reopening.serviceCode).toBe('general-inquiry');
    expect(rows[1]).toMatchObject({ unmappedCategory: 'NonCompliance with Phased Reopening' });
    expect(highway.district).toBeUndefined();
    expect(consumer.district).toBe('MANHATTAN');
    expect(rejections(rows)).toEqual([
      {
        file: 'nyc311-gozzi.csv',
        rowNumber: 3,
        sourceId: '47149201',
        field: 'closedAt',
        reason: 'closed 2020-08-06T15:10:00.000Z before it was created 2020-08-07T15:11:00.000Z',
      },
    ]);
  });

  it('finds the borough in junk and community-board values', () => {
    expect(nycBorough('05 MANHATTAN')).toBe('MANHATTAN');
    expect(nycBorough('Unspecified')).toBeNull();
    expect(nycBorough('STATEN ISLAND')).toBe('STATEN ISLAND');
  });
});

describe('la311 rows', () => {
  it('reads the 2017 export: Los Angeles time, Cancelled as closed, rows without coordinates', async () => {
    const rows = await parseFixture('la311', 'la311-2017.csv');
    expect(rows.map((r) => r.kind)).toEqual(['header', 'record', 'rejected', 'record']);
    const [encampment, cancelled] = records(rows);
    expect(encampment).toMatchObject({
      sourceId: '1-870704831',
      openedAt: '2018-01-01T07:59:58.000Z',
      status: 'CLOSED',
      agency: 'BOS',
      district: 'Council District 13',
      serviceCode: 'general-inquiry',
      category: 'Homeless Encampment',
    });
    expect(cancelled).toMatchObject({
      sourceId: '1-870436031',
      status: 'CLOSED',
      location: { address: '1603 E AMAR RD' },
    });
    expect(cancelled.location?.latitude).toBeUndefined();
    expect(rejections(rows)[0]).toMatchObject({
      rowNumber: 3,
      sourceId: '1-870332239',
      field: 'closedAt',
    });
  });

  it('reads the 2020 seed: lowercase columns and two-digit years', async () => {
    const [dumping] = records(await parseFixture('la311', 'la311-2020.csv'));
    expect(dumping).toMatchObject({
      sourceId: '1-1523590121',
      serviceCode: 'illegal-dumping',
      openedAt: '2020-01-01T08:05:00.000Z',
      closedAt: '2020-01-02T16:43:00.000Z',
      status: 'CLOSED',
    });
  });
});

describe('ottawa311 rows', () => {
  it('reads both date formats, both ward spellings and junk, a quoted line break, with derived ids', async () => {
    const rows = await parseFixture('ottawa311', 'ottawa311-mixed.csv');
    expect(rows.map((r) => r.kind)).toEqual([
      'header',
      'record',
      'record',
      'record',
      'record',
      'record',
    ]);
    const [retail, roads, garbage, undetermined, drainage] = records(rows);
    expect(retail).toMatchObject({
      openedAt: '2014-01-14T18:48:01.000Z',
      district: 'Ward 2',
      status: 'CLOSED',
      agency: 'Retail-Blue & Black Box',
    });
    expect(retail.closedAt).toBeUndefined();
    expect(roads).toMatchObject({
      category: 'Roads Maintenance / Road Operations General',
      district: 'Ward 14',
    });
    expect(garbage).toMatchObject({ serviceCode: 'missed-collection', district: 'Ward 13' });
    expect(undetermined.district).toBeUndefined();
    expect(drainage).toMatchObject({ openedAt: '2014-05-15T15:49:00.000Z', district: 'Ward 22' });
    for (const r of records(rows)) {
      expect(r.sourceId).toMatch(/^[A-Za-z0-9_-]{22}#1$/);
    }
    const [care] = records(await parseFixture('ottawa311', 'ottawa311-mar.csv'));
    expect(care).toMatchObject({ openedAt: '2014-03-26T13:18:00.000Z', district: 'Ward 14' });
  });

  it("gives AugSR's January rows the ids they have in JanSR, so they are imported once", async () => {
    const aug = records(await parseFixture('ottawa311', 'ottawa311-aug-jan-rows.csv')).map(
      (r) => r.sourceId,
    );
    const jan = records(await parseFixture('ottawa311', 'ottawa311-jan.csv')).map(
      (r) => r.sourceId,
    );
    expect(new Set(aug)).toEqual(new Set(jan));
  });

  it('normalises ward spellings', () => {
    expect(['Ward 2', 'WARD 2', 'hWard 2', '```WARD 2', '2', ' 2 '].map(ottawaWard)).toEqual(
      Array(6).fill('Ward 2'),
    );
    expect(['Undetermined', 'Undertermined', '', ' '].map(ottawaWard)).toEqual([
      null,
      null,
      null,
      null,
    ]);
  });
});

describe('control characters in a row', () => {
  const parser = () => {
    const mapping = loadMappingFile(defaultMappingPath(findRepoRoot(), 'csv'));
    const p = createRowParser('csv', {
      file: 'x.csv',
      mapping,
      mapper: new CategoryMapper(mapping),
    });
    p.parse(['sourceId', 'openedAt', 'status', 'category', 'description', 'address'], 1);
    return p;
  };

  it('rejects the row naming the field and the character, not the text', () => {
    const p = parser();
    const nul = p.parse(
      ['L-1', '2024-01-02T03:04:05Z', 'open', 'pothole', 'probe\u0000nul', '1 Main St'],
      2,
    );
    expect(nul).toEqual({
      kind: 'rejected',
      rejection: {
        file: 'x.csv',
        rowNumber: 2,
        sourceId: 'L-1',
        field: 'description',
        reason: expect.stringContaining('U+0000 NUL'),
      },
    });
    expect(JSON.stringify(nul)).not.toContain('probe');
    const escape = p.parse(
      ['L-2', '2024-01-02T03:04:05Z', 'open', 'pothole', 'x', '1\u001b St'],
      3,
    );
    expect(escape.kind === 'rejected' && escape.rejection.field).toBe('address');
  });

  it('keeps tabs and line breaks in text', () => {
    const row = parser().parse(
      ['L-3', '2024-01-02T03:04:05Z', 'open', 'pothole', 'two\r\nlines\tand a tab', ''],
      2,
    );
    expect(row.kind === 'record' && row.record.description).toBe('two\r\nlines\tand a tab');
  });
});
