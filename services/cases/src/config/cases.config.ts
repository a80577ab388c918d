import { BaseServiceConfig, Secret } from '@civitas/config';
import { IsPiiKeyring } from '@civitas/crypto';
import { ValidateIf } from 'class-validator';

export class CasesConfig extends BaseServiceConfig {
  /**
   * Keys checking the survey links of closure notices (`<id>:<base64 of 32 bytes>`, comma-separated;
   * the same as citizens', which signs them: docs/adr/0060). Unset: every answer is refused as
   * SURVEY_UNAVAILABLE (citizens then sends no link either).
   */
  @Secret('keyring')
  @ValidateIf((c: CasesConfig) => c.SURVEY_TOKEN_KEYS !== undefined)
  @IsPiiKeyring()
  SURVEY_TOKEN_KEYS: string | undefined = undefined;
}
