export { MatchingModule } from './matching.module.js';
export { BlindIndex } from './blind-index.js';
export { candidateKeys, sortedLetters, TokenKind, type MatchTokens } from './blind-tokens.js';
export { decide, matchScore, type MatchThresholds } from './match-scoring.js';
export { canonicalGivenName, nameWords, trigrams } from './name-normalisation.util.js';
export { PossibleMatchEntity } from './possible-match.entity.js';
export { PossibleMatchRepository } from './possible-match.repository.js';
