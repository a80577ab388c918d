import { domainErrorFor } from '@civitas/contracts';

/** Why a survey answer was refused (docs/adr/0060). */
export enum SatisfactionErrorCode {
  /** Not a link we made: altered, cut short, or signed with a key no longer configured. */
  LinkInvalid = 'SURVEY_LINK_INVALID',
  LinkExpired = 'SURVEY_LINK_EXPIRED',
  /** The link was used already: one answer per link. */
  AlreadyAnswered = 'SURVEY_ALREADY_ANSWERED',
  /** No SURVEY_TOKEN_KEYS configured: no link can be checked. */
  Unavailable = 'SURVEY_UNAVAILABLE',
}

export class SatisfactionException extends domainErrorFor<SatisfactionErrorCode>({
  [SatisfactionErrorCode.LinkInvalid]: 'invalid',
  [SatisfactionErrorCode.LinkExpired]: 'invalid',
  [SatisfactionErrorCode.AlreadyAnswered]: 'conflict',
  [SatisfactionErrorCode.Unavailable]: 'unavailable',
}) {}
