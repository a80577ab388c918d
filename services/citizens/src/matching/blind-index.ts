import { Inject, Injectable } from '@nestjs/common';
import { PII_CIPHER, type PiiCipher } from '@civitas/crypto';
import {
  blindHashFrom,
  matchTokensOf,
  type BlindHash,
  type MatchProfile,
  type MatchTokens,
} from './blind-tokens.js';

/** The service's blind index: tokens keyed with the PII hash key, so only this service can make them. */
@Injectable()
export class BlindIndex {
  readonly hash: BlindHash;

  constructor(@Inject(PII_CIPHER) cipher: PiiCipher) {
    this.hash = blindHashFrom((kind, value) => cipher.lookupHash(kind, value));
  }

  tokensOf(profile: MatchProfile): MatchTokens {
    return matchTokensOf(profile, this.hash);
  }
}
