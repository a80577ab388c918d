import { Inject, Injectable, Logger } from '@nestjs/common';
import { maskContactDetails } from '@civitas/observability';
import { NotificationMailer } from '../notifications/index.js';
import { SMS_PROVIDER, type SmsProvider } from '../notifications/index.js';
import {
  ContactVerificationErrorCode,
  ContactVerificationException,
} from './contact-verification.exception.js';
import type { RenderedMessage } from './messages.js';

/**
 * Sends a code or a notice at once, through the notification channels (SMTP, the SMS provider).
 * Not queued: a code is never stored, only its hash, so it cannot be retried later; a failure is
 * UNAVAILABLE and the caller's transaction (the code's row, the send counted) rolls back.
 */
@Injectable()
export class CodeSender {
  private readonly logger = new Logger(CodeSender.name);

  constructor(
    private readonly mailer: NotificationMailer,
    @Inject(SMS_PROVIDER) private readonly sms: SmsProvider | null,
  ) {}

  /** `citizenId`: the resident the message is for (it names the development .eml file). */
  async send(
    citizenId: string,
    kind: 'EMAIL' | 'PHONE',
    to: string,
    message: RenderedMessage,
    language: string,
    field: string,
  ): Promise<void> {
    if (kind === 'PHONE' && !this.sms) {
      throw ContactVerificationException.aboutField(
        ContactVerificationErrorCode.Unavailable,
        field,
        'cannot be sent a code: no SMS provider is configured',
      );
    }
    if (kind === 'EMAIL' && !this.mailer.available) {
      throw ContactVerificationException.aboutField(
        ContactVerificationErrorCode.Unavailable,
        field,
        'cannot be sent a code: no SMTP server is configured',
      );
    }
    try {
      if (kind === 'EMAIL') {
        await this.mailer.send(citizenId, to, message, language);
      } else {
        await this.sms!.send(to, message.text);
      }
    } catch (error) {
      this.logger.warn({
        msg: 'verification message not sent',
        kind,
        error: maskContactDetails((error as Error).message),
      });
      throw ContactVerificationException.aboutField(
        ContactVerificationErrorCode.Unavailable,
        field,
        'could not be sent a message just now: try again later',
      );
    }
  }
}
