import { Inject, Injectable, Logger } from '@nestjs/common';
import { backoffMs, drainInBatches, PollingLoop, PollingWorker } from '@civitas/messaging';
import { maskContactDetails } from '@civitas/observability';
import { INTAKE_CONFIG } from '../../../config/intake-config.token.js';
import type { IntakeConfig } from '../../../config/intake.config.js';
import { EmailReplyRepository, type ClaimedReply } from '../../email-reply.repository.js';
import { ReplySender } from '../../reply-sender.js';

/** Replies claimed per round; they are sent side by side, so a round lasts one slow send at most. */
const BATCH = 10;
/** How long a claimed reply is left to its attempt before it is due again (crash, hung relay). */
const LEASE_MS = 5 * 60_000;
const MAX_BACKOFF_MS = 3_600_000;

/**
 * The relay refused the recipient for good (5xx to RCPT TO, e.g. no such mailbox): trying again
 * cannot help. Anything else (relay down, 4xx, a refused login) may pass later.
 */
export function isPermanentRefusal(error: unknown): boolean {
  const { code, responseCode } = error as { code?: unknown; responseCode?: unknown };
  return code === 'EENVELOPE' && typeof responseCode === 'number' && responseCode >= 500;
}

/**
 * Sends the replies queued in `email_reply` (docs/adr/0021): at once when kicked after a commit,
 * and by polling every MAIL_POLL_MS, so what was pending at a restart goes out when the service is
 * back. A failed attempt is retried with back-off from MAIL_RETRY_BASE_MS; after
 * MAIL_MAX_ATTEMPTS, or at once when the relay refuses the recipient for good, the reply is
 * recorded FAILED, its sealed message kept MAIL_FAILED_KEEP_DAYS for staff to send it again and
 * dropped by a later round. Replicas share rows by `SKIP LOCKED`.
 */
@Injectable()
export class ReplyDispatcher extends PollingWorker {
  private readonly logger = new Logger(ReplyDispatcher.name);
  protected readonly loop: PollingLoop;

  constructor(
    private readonly replies: EmailReplyRepository,
    private readonly sender: ReplySender,
    @Inject(INTAKE_CONFIG) private readonly config: IntakeConfig,
  ) {
    super();
    this.loop = new PollingLoop({
      name: 'e-mail reply dispatch',
      work: async () => {
        await this.drain();
        await this.dropExpiredMessages();
      },
      intervalMs: config.MAIL_POLL_MS,
      logger: this.logger,
    });
  }

  /** Attempts every reply due now; returns how many were attempted. */
  drain(): Promise<number> {
    return drainInBatches(BATCH, async () => {
      const { claimed, unreadable } = await this.replies.claimDue(BATCH, LEASE_MS);
      for (const row of unreadable) {
        // Sealed with a key no longer configured, or corrupt: retrying on its own cannot help.
        // Kept like any failed message: once the key is restored, staff may send it again.
        await this.replies.markFailed(
          row.id,
          maskContactDetails(`unreadable: ${row.error}`),
          this.keepsFailedMessages,
        );
        this.logger.error({ msg: 'e-mail reply unreadable', ticketNumber: row.ticketNumber });
      }
      await Promise.all(claimed.map((reply) => this.attempt(reply)));
      return claimed.length + unreadable.length;
    });
  }

  /** Failed replies past MAIL_FAILED_KEEP_DAYS lose their message (personal data). */
  private async dropExpiredMessages(): Promise<void> {
    const dropped = await this.replies.dropExpiredMessages(this.config.MAIL_FAILED_KEEP_DAYS);
    if (dropped > 0) {
      this.logger.log({ msg: 'messages of failed e-mail replies dropped', dropped });
    }
  }

  private get keepsFailedMessages(): boolean {
    return this.config.MAIL_FAILED_KEEP_DAYS > 0;
  }

  private async attempt(reply: ClaimedReply): Promise<void> {
    try {
      await this.sender.send(reply.message, reply.submissionId ?? reply.id);
    } catch (error) {
      const reason = maskContactDetails((error as Error).message);
      if (reply.attempts >= this.config.MAIL_MAX_ATTEMPTS || isPermanentRefusal(error)) {
        await this.replies.markFailed(reply.id, reason, this.keepsFailedMessages);
        this.logger.error({
          msg: 'e-mail reply failed',
          ticketNumber: reply.ticketNumber,
          attempts: reply.attempts,
          error: reason,
        });
      } else {
        const delayMs = backoffMs(reply.attempts, this.config.MAIL_RETRY_BASE_MS, MAX_BACKOFF_MS);
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
