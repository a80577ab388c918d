import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { DevMailOutbox } from '@civitas/service-kit';
import nodemailer, { type Transporter } from 'nodemailer';
import { CitizensConfig } from '../../config/citizens.config.js';
import type { RenderedMessage } from '../templates.js';

/**
 * Sends notification e-mail over SMTP (NOTIFY_SMTP_URL). Without it: outside production each
 * message is written as an .eml file to NOTIFY_OUTBOX_DIR, named after the resident it went to (so
 * erasing them removes it; readable by the service's user only); in production e-mail is unavailable.
 */
@Injectable()
export class NotificationMailer implements OnApplicationShutdown {
  private readonly logger = new Logger(NotificationMailer.name);
  private readonly transport: Transporter | null;
  private readonly toFiles: boolean;
  private readonly outbox: DevMailOutbox;

  constructor(private readonly config: CitizensConfig) {
    this.toFiles = !config.NOTIFY_SMTP_URL && config.NODE_ENV !== 'production';
    this.outbox = new DevMailOutbox(config.NOTIFY_OUTBOX_DIR);
    this.transport = config.NOTIFY_SMTP_URL
      ? nodemailer.createTransport(config.NOTIFY_SMTP_URL)
      : this.toFiles
        ? nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' })
        : null;
  }

  get available(): boolean {
    return this.transport !== null;
  }

  /**
   * `recipientKey`: the resident the message goes to, or `department-<code>` for a department's
   * escalation mailbox (names the development file, so erasing a resident finds theirs).
   */
  async send(
    recipientKey: string,
    to: string,
    message: RenderedMessage,
    language: string,
  ): Promise<void> {
    if (!this.transport) {
      throw new Error('no SMTP server configured (NOTIFY_SMTP_URL)');
    }
    const info = (await this.transport.sendMail({
      from: this.config.NOTIFY_MAIL_FROM,
      to,
      subject: message.subject,
      text: message.text,
      headers: {
        'Auto-Submitted': 'auto-generated',
        'X-Auto-Response-Suppress': 'All',
        'Content-Language': language,
      },
    })) as { message?: Buffer; messageId: string };
    if (this.toFiles && info.message) {
      const file = await this.outbox.write(recipientKey, info.messageId, info.message);
      this.logger.log({ msg: 'notification written (no NOTIFY_SMTP_URL)', file });
    }
  }

  /** Erasure: the development files of messages sent to these residents are deleted. */
  async forget(citizenIds: readonly string[]): Promise<void> {
    if (this.toFiles) {
      const removed = await this.outbox.remove(citizenIds);
      if (removed > 0) {
        this.logger.log({ msg: 'development e-mail files of erased residents removed', removed });
      }
    }
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
