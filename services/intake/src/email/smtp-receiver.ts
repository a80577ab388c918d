import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { isEmail } from 'class-validator';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { stripControlCharacters } from '@civitas/contracts';
import { announceListening, describeError } from '@civitas/observability';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { INTAKE_CONFIG } from '../config/intake-config.token.js';
import type { IntakeConfig } from '../config/intake.config.js';
import { SmtpRejection } from './email.exception.js';
import type { InboundEmail } from './inbound-email.js';
import { ReplyDispatcher } from './use-cases/deliver-replies/reply-dispatcher.js';
import { ReceiveEmailUseCase } from './use-cases/receive-email/receive-email.use-case.js';

/** Largest message taken; attachments beyond this belong on the web form. */
export const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

/**
 * Intake's SMTP receiver, meant to sit behind the organisation's mail relay (which does TLS,
 * authentication and spam filtering): it takes any recipient and answers each message with a
 * ticket number (the reply is queued by the use case and sent by `ReplyDispatcher`). Off unless
 * SMTP_LISTEN_PORT is set; 0 binds a port the OS picks, announced like the HTTP one.
 */
@Injectable()
export class SmtpReceiver implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SmtpReceiver.name);
  private server: SMTPServer | null = null;

  constructor(
    @Inject(INTAKE_CONFIG) private readonly config: IntakeConfig,
    private readonly receive: ReceiveEmailUseCase,
    private readonly replies: ReplyDispatcher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const port = this.config.SMTP_LISTEN_PORT;
    if (port === undefined) {
      return;
    }
    const server = new SMTPServer({
      name: 'civitas-intake',
      banner: 'Civitas intake: e-mail a request to 311',
      size: MAX_MESSAGE_BYTES,
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        this.accept(stream, session).then(
          (message) => callback(null, message),
          (error: Error) => callback(this.smtpError(error)),
        );
      },
    });
    server.on('error', (error) =>
      this.logger.error({ msg: 'SMTP receiver error', error: describeError(error) }),
    );
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(port, this.config.SMTP_LISTEN_HOST, () => resolve());
    });
    this.server = server;
    announceListening('intake', this.url!);
  }

  /** Where the receiver listens (`smtp://host:port`, the port bound), or null when it is off. */
  get url(): string | null {
    const address = this.server?.server.address() as AddressInfo | null | undefined;
    return address ? `smtp://${this.config.SMTP_LISTEN_HOST}:${address.port}` : null;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.server) {
      const server = this.server;
      this.server = null;
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  private async accept(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<string> {
    const raw = await readAll(stream);
    if (stream.sizeExceeded) {
      throw SmtpRejection.tooBig(MAX_MESSAGE_BYTES);
    }
    let parsed: ParsedMail;
    try {
      parsed = await simpleParser(raw);
    } catch {
      throw SmtpRejection.notMail('The message could not be read as e-mail');
    }
    const from = firstAddress(parsed.from);
    if (!from?.address || !isEmail(from.address)) {
      throw SmtpRejection.badSender(
        'The message has no usable From address, so it cannot be answered',
      );
    }
    // Stray control characters (mail clients, broken encodings) are dropped, not refused: the
    // sender cannot see them, and a refusal would lose the report (docs/adr/0043).
    const text = stripControlCharacters(parsed.text ?? '').trim();
    if (!text) {
      throw SmtpRejection.notMail('The message has no text: write what you need in the body');
    }
    if (isAutomatic(parsed, session)) {
      // Bounces and other robots' answers: taken (so they are not retried) and set aside, never answered.
      this.logger.log({ msg: 'automatic e-mail ignored', messageId: parsed.messageId });
      return 'OK: automatic messages are not taken as requests';
    }
    const replyTo = firstAddress(parsed.replyTo)?.address;
    const email: InboundEmail = {
      replyTo: replyTo && isEmail(replyTo) ? replyTo : from.address,
      fromAddress: from.address.trim(),
      fromName: stripControlCharacters(from.name ?? '').trim() || null,
      subject: stripControlCharacters(parsed.subject ?? '').trim(),
      text,
      messageId: parsed.messageId ? stripControlCharacters(parsed.messageId) : null,
    };
    // The reply is committed with the message's effect before the relay hears 250 (ADR 0021).
    const outcome = await this.receive.execute(email);
    this.replies.kick();
    return outcome.kind === 'submission'
      ? `OK: received as ${outcome.ticketNumber}`
      : `OK: added to ${outcome.ticketNumber}`;
  }

  private smtpError(error: Error): Error & { responseCode: number } {
    const rejection =
      error instanceof SmtpRejection
        ? error
        : SmtpRejection.tryLater('We cannot take this message just now; please try again later');
    if (!(error instanceof SmtpRejection)) {
      this.logger.error({ msg: 'e-mail failed', error: describeError(error) });
    }
    return Object.assign(new Error(rejection.message), { responseCode: rejection.responseCode });
  }
}

async function readAll(stream: SMTPServerDataStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    // Past the limit the rest is drained, not kept: the message is refused anyway.
    if (size <= MAX_MESSAGE_BYTES) {
      chunks.push(chunk);
    }
    size += chunk.length;
  }
  return Buffer.concat(chunks);
}

function firstAddress(
  field: AddressObject | AddressObject[] | undefined,
): { address?: string; name?: string } | undefined {
  const objects = Array.isArray(field) ? field : field ? [field] : [];
  return objects.flatMap((o) => o.value)[0];
}

/** RFC 3834: answers and notices from machines, and the null sender of bounces, get no answer. */
function isAutomatic(parsed: ParsedMail, session: SMTPServerSession): boolean {
  const autoSubmitted = String(parsed.headers.get('auto-submitted') ?? 'no').toLowerCase();
  const precedence = String(parsed.headers.get('precedence') ?? '').toLowerCase();
  const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
  return (
    autoSubmitted !== 'no' ||
    ['bulk', 'junk', 'list', 'auto_reply'].includes(precedence) ||
    envelopeFrom === ''
  );
}
