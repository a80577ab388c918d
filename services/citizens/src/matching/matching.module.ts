import { Module } from '@nestjs/common';
import { BlindIndex } from './blind-index.js';
import { PossibleMatchRepository } from './possible-match.repository.js';

/**
 * Recognising one resident in two records: the blind index (keyed tokens of names and addresses),
 * the match score, and the possible matches it leaves for staff. It builds on no other feature;
 * identity resolution records possible matches, merges settle them.
 */
@Module({
  providers: [BlindIndex, PossibleMatchRepository],
  exports: [BlindIndex, PossibleMatchRepository],
})
export class MatchingModule {}
