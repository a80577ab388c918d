import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
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
 * configured (development), writes it as an .eml file to MAIL_OUTBOX_DIR. Called by
 * `ReplyDispatcher` for replies queued in `email_reply`; a failure throws and is retried there.
 */
@Injectable()
export class ReplySender implements OnApplicationShutdown {
  private readonly logger = new Logger(ReplySender.name);
  private readonly transport: Transporter;
  private readonly toFiles: boolean;

  constructor(@Inject(INTAKE_CONFIG) private readonly config: IntakeConfig) {
    this.toFiles = !config.SMTP_URL;
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

  async send(reply: OutgoingReply): Promise<void> {
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
      const dir = resolve(this.config.MAIL_OUTBOX_DIR);
      await mkdir(dir, { recursive: true });
      const file = join(
        dir,
        `${new Date().toISOString().replace(/[:.]/g, '-')}-${info.messageId.replace(/[^A-Za-z0-9.-]/g, '_')}.eml`,
      );
      await writeFile(file, info.message);
      this.logger.log({ msg: 'reply written (no SMTP_URL)', file });
    }
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
