import { TokenSigner } from './signed-token.js';

/**
 * The token of a closure notice's one-question survey (docs/adr/0060): citizens signs it when it
 * sends the notice, cases checks it when the resident answers. `lid` is the link's own id (the
 * delivery's: one answer per link), `cid` the case it asks about.
 */
export interface SurveyLinkClaims {
  exp: number;
  lid: string;
  cid: string;
  [claim: string]: unknown;
}

const SURVEY_LINK_PURPOSE = 'civitas/closure-survey/v1';

/** The signer of survey links from `SURVEY_TOKEN_KEYS` (`<id>:<base64 of 32 bytes>,...`). */
export function surveyLinkSigner(keysSpec: string): TokenSigner {
  return new TokenSigner(keysSpec, SURVEY_LINK_PURPOSE);
}

/** Claims read back from a token are checked for their shape as well as their signature. */
export function isSurveyLinkClaims(claims: Record<string, unknown>): claims is SurveyLinkClaims {
  return typeof claims.lid === 'string' && typeof claims.cid === 'string';
}
