import { surveyLinkSigner, type TokenSigner } from '@civitas/crypto';

/** The checker of survey links, when SURVEY_TOKEN_KEYS is configured (docs/adr/0060). */
export class SurveyLinks {
  readonly signer: TokenSigner | null;

  constructor(keys: string | undefined) {
    this.signer = keys ? surveyLinkSigner(keys) : null;
  }
}
