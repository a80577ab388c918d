import type { MatchTokens } from './blind-tokens.js';

/** How much each agreement counts towards a score out of 1. */
export const MATCH_WEIGHTS = {
  familyExact: 0.35,
  familySound: 0.25,
  givenExact: 0.25,
  givenSound: 0.18,
  givenInitial: 0.08,
  /** Both have a given name and they disagree: more likely someone else in the household. */
  givenConflict: -0.2,
  house: 0.4,
  street: 0.1,
} as const;

const any = (wanted: string[], held: ReadonlySet<string>) => wanted.some((t) => held.has(t));

/**
 * How likely a stored resident (their blind tokens) is the person described by `input`, 0 to 1.
 * Surname, given name and address each contribute their best level of agreement; an organisation's
 * name counts as a surname and needs no given name.
 */
export function matchScore(input: MatchTokens, candidate: ReadonlySet<string>): number {
  const w = MATCH_WEIGHTS;
  const isOrganisation = input.organisation.exact.length > 0;
  let score = 0;
  if (isOrganisation) {
    score += any(input.organisation.exact, candidate)
      ? w.familyExact + w.givenExact
      : any(input.organisation.sound, candidate)
        ? w.familySound + w.givenSound
        : 0;
  } else {
    score += any(input.family.exact, candidate)
      ? w.familyExact
      : any(input.family.sound, candidate)
        ? w.familySound
        : 0;
    score += any(input.given.exact, candidate)
      ? w.givenExact
      : any(input.given.sound, candidate)
        ? w.givenSound
        : any(input.given.initial, candidate)
          ? w.givenInitial
          : any(input.given.present, candidate)
            ? w.givenConflict
            : 0;
  }
  score += any(input.house, candidate) ? w.house : any(input.street, candidate) ? w.street : 0;
  return Math.max(0, Math.round(score * 100) / 100);
}

export type MatchDecision = 'LINK' | 'REVIEW' | 'NONE';

export interface MatchThresholds {
  /** At or above: the contact is the resident. */
  link: number;
  /** At or above (and below link): a new resident, and a possible match for staff to review. */
  review: number;
}

export function decide(score: number, thresholds: MatchThresholds): MatchDecision {
  return score >= thresholds.link ? 'LINK' : score >= thresholds.review ? 'REVIEW' : 'NONE';
}
