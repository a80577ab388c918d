import { BaseServiceConfig } from '@civitas/config';
import { IsPiiKeyring } from '@civitas/crypto';
import { IsOptional, IsString, Matches } from 'class-validator';

export class IntakeConfig extends BaseServiceConfig {
  /** Keys that seal raw submissions at rest: `<id>:<base64 of 32 bytes>`, comma separated, first current. */
  @IsPiiKeyring()
  PII_KEYS: string = undefined as unknown as string;

  @IsPiiKeyring()
  PII_HASH_KEY: string = undefined as unknown as string;

  /** Ticket numbers read `<prefix>-<year>-<7 digits>`. */
  @Matches(/^[A-Z]{2,5}$/, { message: 'must be 2 to 5 capital letters' })
  TICKET_PREFIX: string = 'SR';

  /** JSON file `{ "<lang>": ["phrase", ...] }` replacing the built-in emergency phrases. */
  @IsOptional()
  @IsString()
  EMERGENCY_PHRASES_FILE: string | undefined = undefined;
}
