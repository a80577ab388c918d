import { describe, expect, it } from '@jest/globals';
import { normaliseForMatching } from './text.js';

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
