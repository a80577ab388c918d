import { describe, expect, it } from '@jest/globals';
import {
  controlCharacterProblem,
  findControlCharacters,
  normaliseForMatching,
  stripControlCharacters,
} from './text.js';

describe('normaliseForMatching', () => {
  it('drops accents, case and punctuation, and pads for whole-word matching', () => {
    expect(normaliseForMatching('Explosión!!  ¿Dónde?')).toBe(' explosion donde ');
  });

  it('matches phrases as whole words only', () => {
    const haystack = normaliseForMatching('Firewood by the FIRE-station');
    expect(haystack.includes(normaliseForMatching('fire'))).toBe(true);
    expect(normaliseForMatching('firewood only').includes(normaliseForMatching('fire'))).toBe(
      false,
    );
  });
});

describe('control characters', () => {
  it('refuses NUL and the C0 controls but tab, line feed and carriage return, naming only the code point', () => {
    expect(controlCharacterProblem('probe\u0000nul')).toBe(
      'must not contain control characters (found U+0000 NUL at character 6; only tab, line feed and carriage return are allowed)',
    );
    expect(controlCharacterProblem('bell\u0007')).toContain('U+0007 at character 5');
    expect(controlCharacterProblem('esc\u001b[31m')).toContain('U+001B');
    expect(controlCharacterProblem('line\r\nnext\tcolumn')).toBeNull();
    expect(controlCharacterProblem('Café ñ — 東京 😀')).toBeNull();
  });

  it('strips only what it refuses', () => {
    expect(stripControlCharacters('a\u0000b\u0001c\td\r\ne')).toBe('abc\td\r\ne');
  });

  it('finds every string with one inside objects and arrays, by path, keys included', () => {
    expect(
      findControlCharacters(
        {
          description: 'ok',
          reporter: { lastName: 'x\u0000' },
          attributes: [{ value: 'a\u0002' }],
        },
        '',
      ).map((p) => p.field),
    ).toEqual(['reporter.lastName', 'attributes.0.value']);
    expect(findControlCharacters('\u0000', 'ticketNumber')[0].field).toBe('ticketNumber');
    expect(findControlCharacters({ 'k\u0000': 'v' }, 'input')).toEqual([
      { field: 'input', reason: 'has a key that must not contain control characters' },
    ]);
    expect(findControlCharacters({ when: new Date(), n: 1, list: ['fine'] }, '')).toEqual([]);
  });
});
