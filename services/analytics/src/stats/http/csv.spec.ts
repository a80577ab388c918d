import { describe, expect, it } from '@jest/globals';
import { csvLine } from './csv.js';

describe('CSV lines', () => {
  it('leaves plain cells alone and writes null as an empty cell', () => {
    expect(csvLine(['pothole', 3, null, 12.5, true])).toBe('pothole,3,,12.5,true\r\n');
  });

  it('quotes separators, quotes and line breaks', () => {
    expect(csvLine(['a,b', 'say "hi"', 'two\nlines'])).toBe('"a,b","say ""hi""","two\nlines"\r\n');
  });

  it('keeps text a spreadsheet would run as a formula as text, but not negative numbers', () => {
    expect(csvLine(['=HYPERLINK("x")', '-1', -1])).toBe(`"'=HYPERLINK(""x"")",'-1,-1\r\n`);
  });
});
