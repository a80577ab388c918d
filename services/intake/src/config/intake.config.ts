import { BaseServiceConfig } from '@civitas/config';
import { IsString, Matches, MinLength } from 'class-validator';

export class IntakeConfig extends BaseServiceConfig {
  /** Keys that seal raw submissions at rest: `<id>:<base64 of 32 bytes>`, comma separated, first current. */
  @IsString()
  @MinLength(10)
  PII_KEYS: string = undefined as unknown as string;

  @IsString()
  @MinLength(40)
  PII_HASH_KEY: string = undefined as unknown as string;

  /** Ticket numbers read `<prefix>-<year>-<7 digits>`. */
  @Matches(/^[A-Z]{2,5}$/, { message: 'must be 2 to 5 capital letters' })
  TICKET_PREFIX: string = 'SR';
}
