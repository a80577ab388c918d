import { describe, expect, it } from '@jest/globals';
import { parseKeyring, PiiCipher } from '@civitas/crypto';
import { addressKey } from './address-normalisation.util.js';
import { blindHashFrom, candidateKeys, matchTokensOf, type MatchProfile } from './blind-tokens.js';
import { decide, matchScore } from './match-scoring.js';
import { canonicalGivenName, nameWords, trigrams } from './name-normalisation.util.js';

const key = (fill: number) => Buffer.alloc(32, fill).toString('base64');
const cipher = new PiiCipher(parseKeyring(`k1:${key(1)}`, key(2)));
const hash = blindHashFrom((kind, value) => cipher.lookupHash(kind, value));
const tokens = (p: MatchProfile) => matchTokensOf(p, hash);
const score = (input: MatchProfile, stored: MatchProfile) =>
  matchScore(tokens(input), new Set(tokens(stored).all));

describe('nameWords', () => {
  it('drops accents, punctuation, titles and suffixes', () => {
    expect(nameWords("  Dr. José  O'Neil-Ruiz Jr ")).toEqual(['jose', 'oneil', 'ruiz']);
    expect(nameWords('MARÍA DEL CARMEN')).toEqual(['maria', 'del', 'carmen']);
    expect(nameWords('')).toEqual([]);
    expect(nameWords(null)).toEqual([]);
  });

  it('folds common nicknames onto one given name', () => {
    expect(canonicalGivenName('bob')).toBe('robert');
    expect(canonicalGivenName('robert')).toBe('robert');
    expect(canonicalGivenName('xochitl')).toBe('xochitl');
  });

  it('cuts padded trigrams', () => {
    expect(trigrams('ann')).toEqual(['$an', 'ann', 'nn$']);
  });
});

describe('addressKey', () => {
  it('reads the same address written differently as one key', () => {
    const expected = { houseNumber: '12', street: 'n main' };
    expect(addressKey('12 N. Main Street, Apt 4, Springfield IL')).toEqual(expected);
    expect(addressKey('12 north main st')).toEqual(expected);
    expect(addressKey('12 NORTH MAIN #4')).toEqual(expected);
  });

  it('keeps ordinals and numbered streets apart from the house number', () => {
    expect(addressKey('350 Fifth Avenue')).toEqual({ houseNumber: '350', street: '5th' });
    expect(addressKey('350 5th Ave, New York')).toEqual({ houseNumber: '350', street: '5th' });
  });

  it('has no house number when none is written', () => {
    expect(addressKey('Main Street')).toEqual({ houseNumber: null, street: 'main' });
    expect(addressKey(undefined)).toEqual({ houseNumber: null, street: null });
  });
});

describe('blind tokens', () => {
  it('are 64-bit integers that differ by kind and say nothing of the value', () => {
    const t = tokens({ givenName: 'Jane', familyName: 'Jane', postalAddress: '1 Jane St' });
    for (const token of t.all) {
      expect(token).toMatch(/^-?\d{1,19}$/);
    }
    expect(t.given.exact[0]).not.toBe(t.family.exact[0]);
  });

  it('are equal for details written differently', () => {
    const a = tokens({ givenName: 'Bob', familyName: 'SMITH', postalAddress: '12 Main Street' });
    const b = tokens({
      givenName: 'Robert',
      familyName: 'smith ',
      postalAddress: '12 main st., apt 2',
    });
    expect(a.given.exact).toEqual(b.given.exact);
    expect(a.family.exact).toEqual(b.family.exact);
    expect(a.house).toEqual(b.house);
  });

  it('depend on the key: another key gives other tokens', () => {
    const other = new PiiCipher(parseKeyring(`k1:${key(1)}`, key(3)));
    const otherHash = blindHashFrom((kind, value) => other.lookupHash(kind, value));
    expect(matchTokensOf({ familyName: 'Doe' }, otherHash).family.exact).not.toEqual(
      tokens({ familyName: 'Doe' }).family.exact,
    );
  });

  it('need a surname and an address to look for candidates', () => {
    expect(candidateKeys(tokens({ givenName: 'Jane', familyName: 'Doe' }))).toBeNull();
    expect(
      candidateKeys(tokens({ familyName: 'Doe', postalAddress: '12 Main St' })),
    ).not.toBeNull();
  });
});

describe('matchScore', () => {
  const jane = { givenName: 'Jane', familyName: 'Doe', postalAddress: '12 Main Street' };
  const thresholds = { link: 0.9, review: 0.6 };

  it('links the same name and address however written', () => {
    const s = score(
      { givenName: 'JANE', familyName: 'doe', postalAddress: '12 main st, Apt 3' },
      jane,
    );
    expect(s).toBe(1);
    expect(decide(s, thresholds)).toBe('LINK');
  });

  it('links a misspelt surname that sounds the same at the same house', () => {
    const s = score({ givenName: 'Jane', familyName: 'Dough', postalAddress: '12 Main St' }, jane);
    expect(decide(s, thresholds)).toBe('LINK');
  });

  it('asks for review when only the initial and the house agree', () => {
    const s = score({ givenName: 'J', familyName: 'Doe', postalAddress: '12 Main St' }, jane);
    expect(decide(s, thresholds)).toBe('REVIEW');
  });

  it('asks for review for the same name on the same street at another number', () => {
    const s = score({ givenName: 'Jane', familyName: 'Doe', postalAddress: '14 Main St' }, jane);
    expect(s).toBe(0.7);
    expect(decide(s, thresholds)).toBe('REVIEW');
  });

  it('does not match another person of the household', () => {
    const s = score({ givenName: 'Michael', familyName: 'Doe', postalAddress: '12 Main St' }, jane);
    expect(decide(s, thresholds)).toBe('NONE');
  });

  it('scores an organisation on its name and address', () => {
    const acme = { organisationName: 'Acme Plumbing', postalAddress: '400 Industrial Pkwy' };
    expect(
      decide(
        score({ organisationName: 'ACME plumbing', postalAddress: '400 Industrial Parkway' }, acme),
        thresholds,
      ),
    ).toBe('LINK');
  });
});
