import {
  BaseServiceConfig,
  IsMaxAttempts,
  IsOptionalPort,
  IsPollMs,
  IsRetryBaseMs,
  IsText,
  Secret,
} from '@civitas/config';
import { IsPiiKeyring } from '@civitas/crypto';
import { IsInt, IsOptional, IsString, Matches, Max, Min, ValidateIf } from 'class-validator';

export class IntakeConfig extends BaseServiceConfig {
  /** Keys that seal raw submissions at rest: `<id>:<base64 of 32 bytes>`, comma separated, first current. */
  @Secret('keyring')
  @IsPiiKeyring()
  PII_KEYS: string = undefined as unknown as string;

  @Secret('base64-key')
  @IsPiiKeyring()
  PII_HASH_KEY: string = undefined as unknown as string;

  /** Ticket numbers read `<prefix>-<year>-<7 digits>`. */
  @Matches(/^[A-Z]{2,5}$/, { message: 'must be 2 to 5 capital letters' })
  TICKET_PREFIX: string = 'SR';

  /** JSON file `{ "<lang>": ["phrase", ...] }` replacing the built-in emergency phrases. */
  @IsOptional()
  @IsString()
  EMERGENCY_PHRASES_FILE: string | undefined = undefined;

  /**
   * Port of the SMTP receiver for e-mailed requests (behind the organisation's relay); unset leaves
   * it off, 0 lets the OS pick one (announced in a `listening` line; tests use that).
   */
  @IsOptionalPort()
  SMTP_LISTEN_PORT: number | undefined = undefined;

  @IsText()
  SMTP_LISTEN_HOST = '127.0.0.1';

  /**
   * Where replies to e-mail go out, e.g. `smtp://user:pass@relay:587`. Unset outside production:
   * replies are written as .eml files to MAIL_OUTBOX_DIR instead.
   */
  @Secret('url')
  @ValidateIf(
    (c: IntakeConfig) =>
      c.SMTP_URL !== undefined || (c.NODE_ENV === 'production' && c.SMTP_LISTEN_PORT !== undefined),
  )
  @Matches(/^smtps?:\/\//, {
    message:
      'must be an smtp:// or smtps:// URL (required in production when SMTP_LISTEN_PORT is set)',
  })
  SMTP_URL: string | undefined = undefined;

  /** The sender of replies to e-mail. */
  @IsText()
  MAIL_FROM = 'Civitas 311 <311@civitas.invalid>';

  /** Where replies are written as .eml files when SMTP_URL is unset (development). */
  @IsText()
  MAIL_OUTBOX_DIR = '.data/outbox-mail';

  /** How often queued replies to e-mail are looked for (each commit also sends at once). */
  @IsPollMs()
  MAIL_POLL_MS = 1000;

  /** Attempts at sending a reply before it is recorded as failed. */
  @IsMaxAttempts()
  MAIL_MAX_ATTEMPTS = 10;

  /** First retry delay of a reply; it doubles per attempt, at most one hour. */
  @IsRetryBaseMs()
  MAIL_RETRY_BASE_MS = 30_000;

  /**
   * Days a failed reply keeps its sealed message so staff can send it again (`retryEmailReply`);
   * then the dispatcher drops it. 0 drops it at once (no retry possible).
   */
  @IsInt()
  @Min(0)
  @Max(365)
  MAIL_FAILED_KEEP_DAYS = 30;

  /**
   * How long a report waits for cases to say whether its problem is already reported nearby
   * (docs/adr/0063); past it the report is answered with the ordinary notice.
   */
  @IsInt()
  @Min(50)
  @Max(5000)
  NEARBY_CASE_TIMEOUT_MS = 300;

  /**
   * How often intake asks routing for the whole catalog until routing has answered once in this
   * process (docs/adr/0069); after that, `service-definition-changed` keeps the copy.
   */
  @IsPollMs()
  CATALOG_FILL_RETRY_MS = 5000;

  /** How long a report waits for routing's whole catalog when intake's copy lacks its service. */
  @IsInt()
  @Min(100)
  @Max(10_000)
  CATALOG_FILL_TIMEOUT_MS = 2000;
}
