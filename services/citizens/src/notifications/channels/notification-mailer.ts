import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { CitizensConfig } from '../../config/citizens.config.js';
import type { RenderedMessage } from '../templates.js';

/**
 * Sends notification e-mail over SMTP (NOTIFY_SMTP_URL). Without it: outside production each
 * message is written as an .eml file to NOTIFY_OUTBOX_DIR; in production e-mail is unavailable.
 */
@Injectable()
export class NotificationMailer implements OnApplicationShutdown {
  private readonly logger = new Logger(NotificationMailer.name);
  private readonly transport: Transporter | null;
  private readonly toFiles: boolean;

  constructor(private readonly config: CitizensConfig) {
    this.toFiles = !config.NOTIFY_SMTP_URL && config.NODE_ENV !== 'production';
    this.transport = config.NOTIFY_SMTP_URL
      ? nodemailer.createTransport(config.NOTIFY_SMTP_URL)
      : this.toFiles
        ? nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' })
        : null;
  }

  get available(): boolean {
    return this.transport !== null;
  }

  async send(to: string, message: RenderedMessage, language: string): Promise<void> {
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
      const dir = resolve(this.config.NOTIFY_OUTBOX_DIR);
      await mkdir(dir, { recursive: true });
      const file = join(
        dir,
        `${new Date().toISOString().replace(/[:.]/g, '-')}-${info.messageId.replace(/[^A-Za-z0-9.-]/g, '_')}.eml`,
      );
      await writeFile(file, info.message);
      this.logger.log({ msg: 'notification written (no NOTIFY_SMTP_URL)', file });
    }
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
