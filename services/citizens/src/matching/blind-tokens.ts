import { doubleMetaphone } from 'double-metaphone';
import { addressKey } from './address-normalisation.util.js';
import { canonicalGivenName, nameWords, trigrams } from './name-normalisation.util.js';

/**
 * Blind-index token kinds. A token is a keyed hash of (kind, normalised value) cut to 64 bits: the
 * database can compare and index tokens, but only a holder of the hash key can say what one means.
 */
export const TokenKind = {
  GivenExact: 'given',
  GivenSound: 'given~',
  GivenInitial: 'given.1',
  /** The same for everyone with a given name: tells "has another given name" from "has none". */
  HasGiven: 'given?',
  FamilyExact: 'family',
  FamilySound: 'family~',
  OrganisationExact: 'org',
  OrganisationSound: 'org~',
  /** Trigram of any name word (given, family or organisation): search only. */
  NameTrigram: 'name3',
  /** A name word's letters in order ("grace" and "grcae" → acegr): transposed letters, search only. */
  NameLetters: 'name.letters',
  /** House number and street together. */
  House: 'house',
  Street: 'street',
} as const;
export type TokenKind = (typeof TokenKind)[keyof typeof TokenKind];

/** Keyed hash of a normalised value, as a signed 64-bit integer in decimal (Postgres bigint). */
export type BlindHash = (kind: TokenKind, value: string) => string;

/** Builds a BlindHash from a keyed hash function returning base64url (PiiCipher.lookupHash). */
export function blindHashFrom(lookupHash: (kind: string, value: string) => string): BlindHash {
  return (kind, value) =>
    Buffer.from(lookupHash(`blind:${kind}`, value), 'base64url')
      .readBigInt64BE(0)
      .toString();
}

export interface MatchProfile {
  givenName?: string | null;
  familyName?: string | null;
  organisationName?: string | null;
  postalAddress?: string | null;
}

/** A profile's tokens by kind, for scoring; `all` is what is stored and indexed. */
export interface MatchTokens {
  given: { exact: string[]; sound: string[]; initial: string[]; present: string[] };
  family: { exact: string[]; sound: string[] };
  organisation: { exact: string[]; sound: string[] };
  house: string[];
  street: string[];
  trigrams: string[];
  letters: string[];
  all: string[];
}

function sounds(words: string[]): string[] {
  const codes = new Set<string>();
  for (const word of words) {
    for (const code of doubleMetaphone(word)) {
      if (code) {
        codes.add(code);
      }
    }
  }
  return [...codes];
}

export function sortedLetters(word: string): string {
  return [...word].sort().join('');
}

function uniq(values: string[]): string[] {
  return [...new Set(values)];
}

/** Every blind token of a profile; the plaintext it came from never leaves this function. */
export function matchTokensOf(profile: MatchProfile, hash: BlindHash): MatchTokens {
  const given = nameWords(profile.givenName).map(canonicalGivenName);
  const family = nameWords(profile.familyName);
  const organisation = nameWords(profile.organisationName);
  const address = addressKey(profile.postalAddress);
  const h = (kind: TokenKind) => (value: string) => hash(kind, value);
  const tokens: Omit<MatchTokens, 'all'> = {
    given: {
      exact: uniq(given.filter((w) => w.length > 1).map(h(TokenKind.GivenExact))),
      sound: uniq(sounds(given.filter((w) => w.length > 1)).map(h(TokenKind.GivenSound))),
      initial: uniq(given.map((w) => w[0]).map(h(TokenKind.GivenInitial))),
      present: given.length > 0 ? [hash(TokenKind.HasGiven, 'yes')] : [],
    },
    family: {
      exact: uniq(family.map(h(TokenKind.FamilyExact))),
      sound: uniq(sounds(family).map(h(TokenKind.FamilySound))),
    },
    organisation: {
      exact: uniq(organisation.map(h(TokenKind.OrganisationExact))),
      sound: uniq(sounds(organisation).map(h(TokenKind.OrganisationSound))),
    },
    house:
      address.houseNumber && address.street
        ? [hash(TokenKind.House, `${address.houseNumber}|${address.street}`)]
        : [],
    street: address.street ? [hash(TokenKind.Street, address.street)] : [],
    trigrams: uniq(
      [...given, ...family, ...organisation].flatMap(trigrams).map(h(TokenKind.NameTrigram)),
    ),
    letters: uniq(
      [...given, ...family, ...organisation]
        .filter((w) => w.length > 3)
        .map(sortedLetters)
        .map(h(TokenKind.NameLetters)),
    ),
  };
  const all = uniq([
    ...tokens.given.exact,
    ...tokens.given.sound,
    ...tokens.given.initial,
    ...tokens.given.present,
    ...tokens.family.exact,
    ...tokens.family.sound,
    ...tokens.organisation.exact,
    ...tokens.organisation.sound,
    ...tokens.house,
    ...tokens.street,
    ...tokens.trigrams,
    ...tokens.letters,
  ]);
  return { ...tokens, all };
}

/** Tokens that may find candidates for a probabilistic match: same surname (or its sound) and same street. */
export function candidateKeys(tokens: MatchTokens): { name: string[]; address: string[] } | null {
  const name = [
    ...tokens.family.exact,
    ...tokens.family.sound,
    ...tokens.organisation.exact,
    ...tokens.organisation.sound,
  ];
  const address = [...tokens.house, ...tokens.street];
  return name.length > 0 && address.length > 0 ? { name, address } : null;
}
