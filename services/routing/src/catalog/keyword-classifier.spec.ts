import { describe, expect, it } from '@jest/globals';
import {
  classifyByKeywords,
  hasAnyKeyword,
  keywordNeedles,
  matchableText,
} from './keyword-classifier.js';

const CATALOG = [
  { code: 'pothole', keywords: ['pothole', 'hole', 'road', 'pavement'] },
  { code: 'streetlight-out', keywords: ['streetlight', 'street light', 'lamp', 'dark'] },
  { code: 'traffic-signal', keywords: ['traffic light', 'signal', 'intersection'] },
  {
    code: 'missed-collection',
    keywords: ['missed collection', 'trash', 'garbage', 'recycling', 'pickup'],
  },
  { code: 'noise-residential', keywords: ['noise', 'loud', 'music', 'party'] },
];

describe('classifyByKeywords', () => {
  it('finds the service whose keywords the text uses, whole words only, ignoring case and accents', () => {
    expect(classifyByKeywords('There is a huge POTHOLE on Main St.', CATALOG)).toEqual({
      serviceCode: 'pothole',
      keywords: ['pothole'],
    });
    expect(
      classifyByKeywords('Recycling wasn\u2019t picked up, Garbage too', CATALOG)?.serviceCode,
    ).toBe('missed-collection');
    expect(classifyByKeywords('Música muy LOUD', CATALOG)?.serviceCode).toBe('noise-residential');
  });

  it('does not match inside other words', () => {
    expect(classifyByKeywords('The whole neighbourhood signed the petition', CATALOG)).toBeNull();
  });

  it('prefers more and longer matches: a phrase beats a single word', () => {
    expect(
      classifyByKeywords('the traffic light at the corner is dark', CATALOG)?.serviceCode,
    ).toBe('traffic-signal');
    expect(
      classifyByKeywords('street light out, it is dark and the lamp is broken', CATALOG),
    ).toEqual({
      serviceCode: 'streetlight-out',
      keywords: ['street light', 'lamp', 'dark'],
    });
  });

  it('answers the same whatever order the catalog comes in', () => {
    const text = 'loud trash truck';
    expect(classifyByKeywords(text, CATALOG)).toEqual(
      classifyByKeywords(text, [...CATALOG].reverse()),
    );
  });

  it('answers null when nothing matches', () => {
    expect(classifyByKeywords('Hello, I have a question about my taxes', CATALOG)).toBeNull();
    expect(classifyByKeywords('', CATALOG)).toBeNull();
  });
});

describe('hasAnyKeyword', () => {
  it('finds a word or a phrase as whole words, and not a phrase whose words are apart', () => {
    const text = matchableText('La FAROLA de la calle Mayor está apagada; street-light out');
    expect(hasAnyKeyword(text, keywordNeedles(['farola']))).toBe(true);
    expect(hasAnyKeyword(text, keywordNeedles(['street light']))).toBe(true);
    expect(hasAnyKeyword(text, keywordNeedles(['calle mayor', 'bache']))).toBe(true);
    expect(hasAnyKeyword(text, keywordNeedles(['farola mayor']))).toBe(false);
    expect(hasAnyKeyword(text, keywordNeedles(['far', 'light street', ' ']))).toBe(false);
    expect(hasAnyKeyword(matchableText(''), keywordNeedles(['farola']))).toBe(false);
  });
});
