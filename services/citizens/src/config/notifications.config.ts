import {
  BaseServiceConfig,
  IsMaxAttempts,
  IsPollMs,
  IsRetryBaseMs,
  IsText,
  Secret,
} from '@civitas/config';
import { IsPiiKeyring } from '@civitas/crypto';
import {
  IsInt,
  IsOptional,
  Matches,
  Max,
  Min,
  Validate,
  ValidateIf,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';

/** Quiet hours in local time: from `start`:00 until `end`:00 (wrapping midnight when start > end). */
export interface QuietHours {
  start: number;
  end: number;
}

/** `"21-8"` → {start: 21, end: 8}; null when malformed. An empty string means no quiet hours. */
export function parseQuietHours(spec: string): QuietHours | null {
  const match = /^\s*(\d{1,2})\s*-\s*(\d{1,2})\s*$/.exec(spec);
  if (!match) {
    return null;
  }
  const start = Number(match[1]);
  const end = Number(match[2]);
  if (start > 23 || end > 23 || start === end) {
    return null;
  }
  return { start, end };
}

/** The configured quiet hours (`QUIET_HOURS`): `none` for none. */
export function quietHoursFrom(spec: string): QuietHours | null {
  return spec.trim().toLowerCase() === 'none' ? null : parseQuietHours(spec);
}

@ValidatorConstraint({ name: 'quietHours' })
class QuietHoursConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return (
      typeof value === 'string' &&
      (value.trim().toLowerCase() === 'none' || parseQuietHours(value) !== null)
    );
  }

  defaultMessage(): string {
    return 'must be "<start hour>-<end hour>" in 0–23 (e.g. 21-8), or none';
  }
}

@ValidatorConstraint({ name: 'timeZone' })
class TimeZoneConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (typeof value !== 'string' || value === '') {
      return false;
    }
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: value });
      return true;
    } catch {
      return false;
    }
  }

  defaultMessage(): string {
    return 'must be an IANA time zone (e.g. America/New_York)';
  }
}

/** Settings of case-update notifications to residents (docs/notifications.md); part of the citizens config. */
export class NotificationsSettings extends BaseServiceConfig {
  /** SMTP server for notification e-mail, e.g. `smtp://user:pass@relay:587`. Unset: .eml files outside production, skipped in production. */
  @Secret('url')
  @ValidateIf((c: NotificationsSettings) => c.NOTIFY_SMTP_URL !== undefined)
  @Matches(/^smtps?:\/\//, { message: 'must be an smtp:// or smtps:// URL' })
  NOTIFY_SMTP_URL: string | undefined = undefined;

  @IsText()
  NOTIFY_MAIL_FROM = 'Civitas 311 <311@civitas.invalid>';

  /** Where notification e-mails are written as .eml files when NOTIFY_SMTP_URL is unset (development). */
  @IsText()
  NOTIFY_OUTBOX_DIR = '.data/outbox-notifications';

  /** SMS provider webhook: POST JSON `{to, body}`; unset → SMS deliveries are recorded as skipped. */
  @Secret('url')
  @IsOptional()
  @Matches(/^https?:\/\//, { message: 'must be an http:// or https:// URL' })
  SMS_WEBHOOK_URL: string | undefined = undefined;

  /** Local hours (start-end) during which no SMS is sent; they wait until the end. `none`: no quiet hours. */
  @Validate(QuietHoursConstraint)
  QUIET_HOURS = '21-8';

  /** Time zone the quiet hours are read in. */
  @Validate(TimeZoneConstraint)
  NOTIFY_TIME_ZONE = 'UTC';

  /** How often due deliveries are looked for. */
  @IsPollMs()
  NOTIFY_POLL_MS = 1000;

  /**
   * How old an event must be before the message about it is sent, so that an earlier event of the
   * same case, still on its way through another consumer, can be recorded and go first (docs/adr/0083).
   */
  @IsInt()
  @Min(0)
  @Max(60_000)
  NOTIFY_SETTLE_MS = 2000;

  /** Attempts before a delivery is marked failed and reported to staff. */
  @IsMaxAttempts()
  NOTIFY_MAX_ATTEMPTS = 5;

  /** First retry delay; it doubles per attempt, at most one hour. */
  @IsRetryBaseMs()
  NOTIFY_RETRY_BASE_MS = 30_000;

  /**
   * Keys signing the survey links of closure notices (`<id>:<base64 of 32 bytes>`, comma-separated;
   * the first signs; cases checks them with the same keys: docs/adr/0060). Unset, or SURVEY_URL
   * unset: closure notices carry no survey link.
   */
  @Secret('keyring')
  @ValidateIf((c: NotificationsSettings) => c.SURVEY_TOKEN_KEYS !== undefined)
  @IsPiiKeyring()
  SURVEY_TOKEN_KEYS: string | undefined = undefined;

  /**
   * The page that asks the survey question and sends the answer (`submitSatisfaction`); the link
   * adds `token` and `lang` to it, e.g. `https://311.example.gov/survey`.
   */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s?#]+$/, {
    message: 'must be an http:// or https:// URL without query or fragment',
  })
  SURVEY_URL: string | undefined = undefined;

  /** How long a survey link may be answered, from when its notice was queued. */
  @IsInt()
  @Min(1)
  @Max(365)
  SURVEY_LINK_TTL_DAYS = 30;

  /**
   * The staff page listing a department's overdue cases, linked from the e-mail to its escalation
   * mailbox with `departmentCode` added (docs/adr/0067), e.g. `https://staff.example.gov/overdue`.
   * Unset: the e-mail names the `overdueCases` query instead.
   */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s?#]+$/, {
    message: 'must be an http:// or https:// URL without query or fragment',
  })
  OVERDUE_CASES_URL: string | undefined = undefined;
}
