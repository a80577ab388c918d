import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { INTAKE_CONFIG } from '../../../config/intake-config.token.js';
import type { IntakeConfig } from '../../../config/intake.config.js';
import { EmailReplyRepository, type ClaimedReply } from '../../email-reply.repository.js';
import { ReplySender } from '../../reply-sender.js';

/** Replies claimed per round; they are sent side by side, so a round lasts one slow send at most. */
const BATCH = 10;
/** How long a claimed reply is left to its attempt before it is due again (crash, hung relay). */
const LEASE_MS = 5 * 60_000;
const MAX_BACKOFF_MS = 3_600_000;

/** Delay before attempt `attempts + 1`: the base, doubling per failed attempt, at most an hour. */
export function replyBackoffMs(attempts: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);
}

/**
 * The relay refused the recipient for good (5xx to RCPT TO, e.g. no such mailbox): trying again
 * cannot help. Anything else (relay down, 4xx, a refused login) may pass later.
 */
export function isPermanentRefusal(error: unknown): boolean {
  const { code, responseCode } = error as { code?: unknown; responseCode?: unknown };
  return code === 'EENVELOPE' && typeof responseCode === 'number' && responseCode >= 500;
}

/** An error as stored: addresses masked, short (SMTP answers quote the recipient). */
export function scrubError(message: string): string {
  return message.replace(/[^\s<>"'@]+@[^\s<>"'@]+/g, '<address>').slice(0, 500);
}

/**
 * Sends the replies queued in `email_reply` (docs/adr/0021): at once when kicked after a commit,
 * and by polling every MAIL_POLL_MS, so what was pending at a restart goes out when the service is
 * back. A failed attempt is retried with back-off from MAIL_RETRY_BASE_MS; after
 * MAIL_MAX_ATTEMPTS, or at once when the relay refuses the recipient for good, the reply is
 * recorded FAILED. Replicas share rows by `SKIP LOCKED`.
 */
@Injectable()
export class ReplyDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReplyDispatcher.name);
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private again = false;
  private stopped = false;

  constructor(
    private readonly replies: EmailReplyRepository,
    private readonly sender: ReplySender,
    @Inject(INTAKE_CONFIG) private readonly config: IntakeConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    while (this.running) {
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** A reply was just committed: send now rather than at the next poll. */
  kick(): void {
    if (this.stopped) {
      return;
    }
    if (this.running) {
      this.again = true;
      return;
    }
    this.schedule(0);
  }

  /** Attempts every reply due now; returns how many were attempted. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const { claimed, unreadable } = await this.replies.claimDue(BATCH, LEASE_MS);
      for (const row of unreadable) {
        // Sealed with a key no longer configured, or corrupt: no retry can read it.
        await this.replies.markFailed(row.id, scrubError(`unreadable: ${row.error}`));
        this.logger.error({ msg: 'e-mail reply unreadable', ticketNumber: row.ticketNumber });
      }
      await Promise.all(claimed.map((reply) => this.attempt(reply)));
      total += claimed.length + unreadable.length;
      if (claimed.length + unreadable.length < BATCH) {
        return total;
      }
    }
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    if (!this.stopped) {
      this.timer = setTimeout(() => void this.tick(), ms);
    }
  }

  private async tick(): Promise<void> {
    if (this.running || this.stopped) {
      return;
    }
    this.running = true;
    this.again = false;
    try {
      await this.drain();
    } catch (error) {
      this.logger.warn({
        msg: 'e-mail reply dispatch failed; will retry',
        error: (error as Error).message,
      });
    } finally {
      this.running = false;
    }
    this.schedule(this.again ? 0 : this.config.MAIL_POLL_MS);
  }

  private async attempt(reply: ClaimedReply): Promise<void> {
    try {
      await this.sender.send(reply.message);
    } catch (error) {
      const reason = scrubError((error as Error).message);
      if (reply.attempts >= this.config.MAIL_MAX_ATTEMPTS || isPermanentRefusal(error)) {
        await this.replies.markFailed(reply.id, reason);
        this.logger.error({
          msg: 'e-mail reply failed',
          ticketNumber: reply.ticketNumber,
          attempts: reply.attempts,
          error: reason,
        });
      } else {
        const delayMs = replyBackoffMs(reply.attempts, this.config.MAIL_RETRY_BASE_MS);
        await this.replies.retryLater(reply.id, reason, delayMs);
        this.logger.warn({
          msg: 'e-mail reply not sent; will retry',
          ticketNumber: reply.ticketNumber,
          attempts: reply.attempts,
          retryInMs: delayMs,
          error: reason,
        });
      }
      return;
    }
    await this.replies.markSent(reply.id);
    this.logger.log({ msg: 'e-mail reply sent', ticketNumber: reply.ticketNumber });
  }
}
