import { Inject, Injectable } from '@nestjs/common';
import { assertPageSize } from '@civitas/contracts';
import { PII_CIPHER, type PiiCipher } from '@civitas/crypto';
import type { CountryCode } from 'libphonenumber-js';
import {
  type CitizenEntity,
  CitizenException,
  CitizenRepository,
  normaliseEmail,
  normalisePhone,
} from '../../../citizens/index.js';
import { CitizensConfig } from '../../../config/citizens.config.js';
import {
  BlindIndex,
  canonicalGivenName,
  nameWords,
  sortedLetters,
  TokenKind,
  trigrams,
} from '../../../matching/index.js';
import { doubleMetaphone } from 'double-metaphone';

export type SearchKind = 'EMAIL' | 'PHONE' | 'ADDRESS' | 'NAME';

/** A result must agree with every word at least this much, and this much on average. */
const MIN_WORD_SCORE = 0.1;
const MIN_SCORE = 0.5;
const CANDIDATES = 500;

/**
 * Finds residents for an agent on a call, from whatever they were told: an e-mail or phone (exact,
 * keyed hash), an address (house number and street), or a name (each word exactly, by sound, or
 * by shared trigrams, so typos still find). Everything is compared through the blind index.
 */
@Injectable()
export class SearchCitizensUseCase {
  private readonly defaultRegion: CountryCode;

  constructor(
    private readonly citizens: CitizenRepository,
    private readonly blindIndex: BlindIndex,
    @Inject(PII_CIPHER) private readonly cipher: PiiCipher,
    config: CitizensConfig,
  ) {
    this.defaultRegion = config.DEFAULT_PHONE_REGION as CountryCode;
  }

  static kindOf(query: string): SearchKind {
    if (query.includes('@')) {
      return 'EMAIL';
    }
    if (/^[\d\s()+.\-]+$/.test(query) && query.replace(/\D/g, '').length >= 7) {
      return 'PHONE';
    }
    return /^\s*\d/.test(query) ? 'ADDRESS' : 'NAME';
  }

  async execute(rawQuery: string, first: number): Promise<CitizenEntity[]> {
    const query = rawQuery?.trim() ?? '';
    if (query.length < 2 || query.length > 200) {
      throw CitizenException.invalid('query', 'must be 2 to 200 characters');
    }
    assertPageSize(first, 100);
    switch (SearchCitizensUseCase.kindOf(query)) {
      case 'EMAIL': {
        const email = normaliseEmail(query)!;
        return this.citizens.findAllByContactHash(
          'EMAIL',
          this.cipher.lookupHash('email', email),
          first,
        );
      }
      case 'PHONE': {
        const phone = normalisePhone(query, this.defaultRegion);
        if (!phone) {
          throw CitizenException.invalid('query', 'is not a valid phone number');
        }
        return this.citizens.findAllByContactHash(
          'PHONE',
          this.cipher.lookupHash('phone', phone),
          first,
        );
      }
      case 'ADDRESS':
        return this.byAddress(query, first);
      case 'NAME':
        return this.byName(query, first);
    }
  }

  private async byAddress(query: string, first: number): Promise<CitizenEntity[]> {
    const tokens = this.blindIndex.tokensOf({ postalAddress: query });
    if (tokens.house.length > 0) {
      const exact = await this.citizens.findByTokenGroups([tokens.house], first);
      if (exact.length > 0) {
        return exact;
      }
    }
    return tokens.street.length > 0 ? this.citizens.findByTokenGroups([tokens.street], first) : [];
  }

  private async byName(query: string, first: number): Promise<CitizenEntity[]> {
    const words = [...new Set(nameWords(query))].slice(0, 5);
    if (words.length === 0) {
      throw CitizenException.invalid('query', 'has no letters to search a name by');
    }
    const h = this.blindIndex.hash;
    const perWord = words.map((word) => {
      const sounds = doubleMetaphone(word).filter(Boolean);
      const exact = [
        h(TokenKind.GivenExact, canonicalGivenName(word)),
        h(TokenKind.FamilyExact, word),
        h(TokenKind.OrganisationExact, word),
      ];
      const sound = [
        ...doubleMetaphone(canonicalGivenName(word))
          .filter(Boolean)
          .map((c) => h(TokenKind.GivenSound, c)),
        ...sounds.map((c) => h(TokenKind.FamilySound, c)),
        ...sounds.map((c) => h(TokenKind.OrganisationSound, c)),
      ];
      const grams = trigrams(word).map((g) => h(TokenKind.NameTrigram, g));
      const letters = word.length > 3 ? [h(TokenKind.NameLetters, sortedLetters(word))] : [];
      return { exact, sound: [...sound, ...letters], grams };
    });
    // Exact, same-sounding or same-letter words first; trigrams only when the spelling is further off.
    const strict = perWord.map((w) => [...w.exact, ...w.sound]);
    const loose = perWord.map((w) => [...w.exact, ...w.sound, ...w.grams]);
    let found = await this.citizens.findByTokenGroups(strict, CANDIDATES);
    if (found.length === 0 && perWord.length > 1) {
      // One word misspelt, the others right: the right ones narrow the field, ranked by tokens
      // shared so the cut keeps the closest. Each word in turn may be the misspelt one.
      const byId = new Map<string, CitizenEntity>();
      for (let j = 0; j < perWord.length; j += 1) {
        const groups = strict.map((group, i) => (i === j ? loose[i] : group));
        for (const citizen of await this.citizens.findByTokenGroups(groups, CANDIDATES, {
          ranked: true,
        })) {
          byId.set(citizen.id, citizen);
        }
      }
      found = [...byId.values()];
    }
    if (found.length === 0) {
      found = await this.citizens.findByTokenGroups(loose, CANDIDATES);
    }
    const scored = found
      .map((citizen) => {
        const held = new Set(citizen.blindTokens);
        const wordScores = perWord.map((w) => {
          if (w.exact.some((t) => held.has(t))) {
            return 1;
          }
          if (w.sound.some((t) => held.has(t))) {
            return 0.8;
          }
          return (0.7 * w.grams.filter((t) => held.has(t)).length) / w.grams.length;
        });
        return {
          citizen,
          wordScores,
          score: wordScores.reduce((a, b) => a + b, 0) / wordScores.length,
        };
      })
      .filter((s) => s.score >= MIN_SCORE && s.wordScores.every((w) => w >= MIN_WORD_SCORE))
      .sort(
        (a, b) =>
          b.score - a.score || a.citizen.createdAt.getTime() - b.citizen.createdAt.getTime(),
      );
    return scored.slice(0, first).map((s) => s.citizen);
  }
}
