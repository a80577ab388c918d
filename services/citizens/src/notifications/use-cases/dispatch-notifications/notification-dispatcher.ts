import { Inject, Injectable, Logger } from '@nestjs/common';
import { PII_CIPHER, type PiiCipher } from '@civitas/crypto';
import {
  backoffMs,
  drainInBatches,
  PollingLoop,
  PollingWorker,
  UnitOfWork,
  type Transaction,
} from '@civitas/messaging';
import { describeError, maskContactDetails } from '@civitas/observability';
import { CitizenRepository } from '../../../citizens/index.js';
import { CitizensConfig } from '../../../config/citizens.config.js';
import { NotificationMailer } from '../../channels/notification-mailer.js';
import { SMS_PROVIDER, type SmsProvider } from '../../channels/sms-provider.js';
import type { NotificationDeliveryEntity } from '../../notification-delivery.entity.js';
import { NotificationRepository } from '../../notification.repository.js';
import { quietHoursFrom } from '../../../config/notifications.config.js';
import { sendableAt } from '../../quiet-hours.js';
import { SurveyLinks } from '../../survey-links.js';
import {
  NotificationChannel,
  renderNotification,
  renderOverdueNotice,
  type NotificationLanguage,
  type ResidentTemplate,
} from '../../templates.js';

const MAX_BACKOFF_MS = 3_600_000;
/** A send taking longer counts as failed (retried): the claim below must outlast any send. */
const SEND_TIMEOUT_MS = 30_000;
/** How long a delivery stays claimed by the dispatcher sending it (docs/adr/0093). */
const CLAIM_MS = 2 * SEND_TIMEOUT_MS;
/** A delivery in hand longer than this (a send and a claim's worth) is logged as stuck. */
const SLOW_DELIVERY_MS = SEND_TIMEOUT_MS + CLAIM_MS;
/** Tries to record an outcome once the service is stopping, before leaving it to the claim. */
const RECORD_TRIES_WHILE_STOPPING = 3;
/** Moments held for a case whose opening never arrived are dropped after this. */
const HELD_DAYS = 7;

/**
 * Sends due deliveries one at a time, each claimed, sent and recorded (a small poller,
 * `FOR UPDATE SKIP LOCKED` and a claim so replicas share the work).
 * A failure is retried with back-off; after NOTIFY_MAX_ATTEMPTS the delivery is FAILED and shows
 * in `failedNotifications`. SMS due in quiet hours waits for their end.
 */
@Injectable()
export class NotificationDispatcher extends PollingWorker {
  private readonly logger = new Logger(NotificationDispatcher.name);
  private readonly quiet: ReturnType<typeof quietHoursFrom>;
  protected readonly loop: PollingLoop;
  private lastPrune = 0;
  private stopping = false;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly citizens: CitizenRepository,
    private readonly notifications: NotificationRepository,
    private readonly mailer: NotificationMailer,
    private readonly config: CitizensConfig,
    private readonly surveys: SurveyLinks,
    @Inject(PII_CIPHER) private readonly cipher: PiiCipher,
    @Inject(SMS_PROVIDER) private readonly sms: SmsProvider | null,
  ) {
    super();
    this.quiet = quietHoursFrom(config.QUIET_HOURS);
    this.loop = new PollingLoop({
      name: 'notification dispatch',
      work: async () => {
        await this.drain();
        if (Date.now() - this.lastPrune > 3_600_000) {
          this.lastPrune = Date.now();
          await this.notifications.pruneHeld(HELD_DAYS);
        }
      },
      intervalMs: config.NOTIFY_POLL_MS,
      logger: this.logger,
    });
  }

  /**
   * Sends everything due now; returns how many deliveries were handled. Each delivery is claimed
   * in a transaction that commits before its message goes (`claimed_until`), the message is sent
   * outside any transaction, and its outcome is recorded in a transaction of its own, retried
   * until the database takes it. A database going away while a message is in flight (a fast
   * shutdown, a failover) therefore no longer sends it again: the dispatcher knows it sent it
   * and records it once the database is back. Only the dispatcher itself dying between the send
   * and the record sends it again, once its claim lapses (docs/adr/0093; before, one transaction
   * held the claim across the send and was rolled back with it, docs/adr/0077).
   */
  drain(): Promise<number> {
    return drainInBatches(1, () => this.watched(() => this.sendNext()));
  }

  /**
   * One delivery in hand (claim, send, record) for longer than that can take is logged, again each
   * time as long again: a step that never ends stops the dispatcher with no failure to log (what
   * the chaos run's unsent receipts look like, docs/adr/0093).
   */
  private async watched<T>(step: () => Promise<T>): Promise<T> {
    const began = performance.now();
    const slow = setInterval(() => {
      this.logger.error({
        msg: 'one notification has been in hand for longer than sending and recording it takes',
        seconds: Math.round((performance.now() - began) / 1000),
      });
    }, SLOW_DELIVERY_MS);
    slow.unref();
    try {
      return await step();
    } finally {
      clearInterval(slow);
    }
  }

  /** Before the round in progress is awaited: recording an outcome stops retrying for long. */
  override async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await super.beforeApplicationShutdown();
  }

  private async sendNext(): Promise<number> {
    const claimed = await this.uow.run(async (tx) => {
      const [delivery] = await this.notifications.claimDue(tx, 1, this.config.NOTIFY_SETTLE_MS);
      if (!delivery) {
        return null;
      }
      const send = await this.prepare(tx, delivery);
      if (send) {
        await this.notifications.claimForSending(tx, delivery.id, CLAIM_MS);
      } else {
        await this.notifications.save(tx, delivery); // decided without sending (skipped, waits)
      }
      return { delivery, send };
    });
    if (!claimed) {
      return 0;
    }
    if (claimed.send) {
      await this.tryOnce(claimed.delivery, claimed.send);
      await this.record(claimed.delivery);
    }
    return 1;
  }

  /**
   * Records what became of a message that went (or failed to), clearing its claim. The send has
   * happened and cannot be taken back, so the record is retried until the database takes it
   * rather than left to the claim's lapse (which would send the message again). While the
   * service stops it is tried a few times more, then left to the claim.
   */
  private async record(delivery: NotificationDeliveryEntity): Promise<void> {
    delivery.claimedUntil = null;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.uow.run((tx) => this.notifications.save(tx, delivery));
        return;
      } catch (error) {
        if (this.stopping && attempt >= RECORD_TRIES_WHILE_STOPPING) {
          throw error;
        }
        this.logger.warn({
          msg: 'notification outcome not recorded yet; recording it again',
          deliveryId: delivery.id,
          status: delivery.status,
          attempt,
          error: describeError(error),
        });
        await new Promise((r) => setTimeout(r, backoffMs(attempt, 100, 2_000)));
      }
    }
  }

  /**
   * What to do with a claimed delivery: the send to make, or null when its outcome is decided
   * without sending (skipped, or an SMS waiting for quiet hours to end), set on the delivery.
   */
  private async prepare(
    tx: Transaction,
    delivery: NotificationDeliveryEntity,
  ): Promise<(() => Promise<void>) | null> {
    const now = new Date();
    if (delivery.channel === NotificationChannel.Sms) {
      const at = sendableAt(now, this.quiet, this.config.NOTIFY_TIME_ZONE);
      if (at > now) {
        delivery.nextAttemptAt = at; // became due inside quiet hours (a retry): wait, not an attempt
        return null;
      }
    }
    if (delivery.mailbox !== null) {
      return this.sendToMailbox(delivery, delivery.mailbox);
    }
    const point = delivery.contactPointId
      ? await this.citizens.contactPoint(delivery.contactPointId, tx)
      : null;
    if (!point) {
      Object.assign(delivery, {
        status: 'SKIPPED',
        nextAttemptAt: null,
        lastError: 'the contact point no longer exists',
      });
      return null;
    }
    const message = renderNotification(
      delivery.template as ResidentTemplate,
      delivery.language as NotificationLanguage,
      delivery.params,
      delivery.channel as NotificationChannel,
      delivery.params.survey ? this.surveys.urlFor(delivery) : null,
    );
    return async () => {
      const address = this.cipher.decrypt(point.valueEnc);
      if (delivery.channel === NotificationChannel.Email) {
        await this.mailer.send(
          delivery.citizenId ?? delivery.id,
          address,
          message,
          delivery.language,
        );
      } else if (this.sms) {
        await this.sms.send(address, message.text);
      } else {
        throw new Error('no SMS provider configured (SMS_WEBHOOK_URL)');
      }
    };
  }

  /** An overdue notice to a department's escalation mailbox (docs/adr/0067). */
  private sendToMailbox(
    delivery: NotificationDeliveryEntity,
    mailbox: string,
  ): () => Promise<void> {
    const code = delivery.params.departmentCode;
    const link =
      this.config.OVERDUE_CASES_URL && code
        ? `${this.config.OVERDUE_CASES_URL}?departmentCode=${encodeURIComponent(code)}`
        : null;
    const message = renderOverdueNotice(delivery.params, this.config.NOTIFY_TIME_ZONE, link);
    return () =>
      this.mailer.send(`department-${code ?? 'unknown'}`, mailbox, message, delivery.language);
  }

  /** One attempt: SENT, or retried with back-off until NOTIFY_MAX_ATTEMPTS, then FAILED. */
  private async tryOnce(
    delivery: NotificationDeliveryEntity,
    send: () => Promise<void>,
  ): Promise<void> {
    delivery.attempts += 1;
    try {
      await withTimeout(send(), SEND_TIMEOUT_MS);
      Object.assign(delivery, { status: 'SENT', sentAt: new Date(), nextAttemptAt: null });
    } catch (error) {
      delivery.lastError = maskContactDetails((error as Error).message);
      if (delivery.attempts >= this.config.NOTIFY_MAX_ATTEMPTS) {
        Object.assign(delivery, { status: 'FAILED', nextAttemptAt: null });
        this.logger.warn({
          msg: 'notification failed',
          deliveryId: delivery.id,
          caseId: delivery.caseId,
        });
      } else {
        delivery.nextAttemptAt = new Date(
          Date.now() +
            backoffMs(delivery.attempts, this.config.NOTIFY_RETRY_BASE_MS, MAX_BACKOFF_MS),
        );
      }
    }
  }
}

/** `work`, or a failure once `ms` have passed without it settling (it may still finish later). */
async function withTimeout(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer after ${ms / 1000} s`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
