import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { DevMailOutbox } from '@civitas/service-kit';
import nodemailer, { type Transporter } from 'nodemailer';
import { INTAKE_CONFIG } from '../config/intake-config.token.js';
import type { IntakeConfig } from '../config/intake.config.js';

export interface OutgoingReply {
  to: string;
  subject: string;
  text: string;
  /** The Message-ID being answered, so mail programs thread the reply. */
  inReplyTo?: string;
}

/**
 * Sends one reply to an e-mailed request over SMTP (SMTP_URL), or, where no SMTP server is
 * configured (development), writes it as an .eml file to MAIL_OUTBOX_DIR (named after the submission
 * it announces, so erasing its resident removes it; readable by the service's user only). Called by
 * `ReplyDispatcher` for replies queued in `email_reply`; a failure throws and is retried there.
 */
@Injectable()
export class ReplySender implements OnApplicationShutdown {
  private readonly logger = new Logger(ReplySender.name);
  private readonly transport: Transporter;
  private readonly toFiles: boolean;
  private readonly outbox: DevMailOutbox;

  constructor(@Inject(INTAKE_CONFIG) private readonly config: IntakeConfig) {
    this.toFiles = !config.SMTP_URL;
    this.outbox = new DevMailOutbox(config.MAIL_OUTBOX_DIR);
    this.transport = config.SMTP_URL
      ? nodemailer.createTransport({
          url: config.SMTP_URL,
          // A relay that hangs must fail the attempt well within the dispatcher's lease.
          connectionTimeout: 10_000,
          greetingTimeout: 10_000,
          socketTimeout: 30_000,
        })
      : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  /** `concerning`: the submission the reply announces, else the reply's own id (names the file). */
  async send(reply: OutgoingReply, concerning: string): Promise<void> {
    const info = (await this.transport.sendMail({
      from: this.config.MAIL_FROM,
      to: reply.to,
      subject: reply.subject,
      text: reply.text,
      ...(reply.inReplyTo ? { inReplyTo: reply.inReplyTo, references: reply.inReplyTo } : {}),
      // RFC 3834: an automatic answer, which other robots must not answer in turn.
      headers: { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' },
    })) as { message?: Buffer; messageId: string };
    if (this.toFiles && info.message) {
      const file = await this.outbox.write(concerning, info.messageId, info.message);
      this.logger.log({ msg: 'reply written (no SMTP_URL)', file });
    }
  }

  /** Erasure: the development files of replies announcing these submissions are deleted. */
  async forget(submissionIds: readonly string[]): Promise<void> {
    if (this.toFiles) {
      const removed = await this.outbox.remove(submissionIds);
      if (removed > 0) {
        this.logger.log({ msg: 'development e-mail files of erased residents removed', removed });
      }
    }
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
