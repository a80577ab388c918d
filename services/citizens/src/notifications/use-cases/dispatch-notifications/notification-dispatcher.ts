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
import { maskContactDetails } from '@civitas/observability';
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
/** Moments held for a case whose opening never arrived are dropped after this. */
const HELD_DAYS = 7;

/**
 * Sends due deliveries, one a transaction (a small poller, `FOR UPDATE SKIP LOCKED` so replicas
 * share the work).
 * A failure is retried with back-off; after NOTIFY_MAX_ATTEMPTS the delivery is FAILED and shows
 * in `failedNotifications`. SMS due in quiet hours waits for their end.
 */
@Injectable()
export class NotificationDispatcher extends PollingWorker {
  private readonly logger = new Logger(NotificationDispatcher.name);
  private readonly quiet: ReturnType<typeof quietHoursFrom>;
  protected readonly loop: PollingLoop;
  private lastPrune = 0;

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
   * Sends everything due now; returns how many deliveries were handled. Each delivery is claimed,
   * sent and recorded in a transaction of its own: a message sent is recorded SENT before the next
   * is sent, so a crash or a database going away between sending and committing sends that one
   * message again, never the batch before it (the chaos run found reporters e-mailed twice, docs/adr/0077).
   */
  drain(): Promise<number> {
    return drainInBatches(1, () => this.uow.run((tx) => this.sendOne(tx)));
  }

  private async sendOne(tx: Transaction): Promise<number> {
    const [delivery] = await this.notifications.claimDue(tx, 1, this.config.NOTIFY_SETTLE_MS);
    if (!delivery) {
      return 0;
    }
    await this.attempt(tx, delivery);
    await this.notifications.save(tx, delivery);
    return 1;
  }

  private async attempt(tx: Transaction, delivery: NotificationDeliveryEntity): Promise<void> {
    const now = new Date();
    if (delivery.channel === NotificationChannel.Sms) {
      const at = sendableAt(now, this.quiet, this.config.NOTIFY_TIME_ZONE);
      if (at > now) {
        delivery.nextAttemptAt = at; // became due inside quiet hours (a retry): wait, not an attempt
        return;
      }
    }
    if (delivery.mailbox !== null) {
      await this.sendToMailbox(delivery, delivery.mailbox);
      return;
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
      return;
    }
    const message = renderNotification(
      delivery.template as ResidentTemplate,
      delivery.language as NotificationLanguage,
      delivery.params,
      delivery.channel as NotificationChannel,
      delivery.params.survey ? this.surveys.urlFor(delivery) : null,
    );
    await this.tryOnce(delivery, async () => {
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
    });
  }

  /** An overdue notice to a department's escalation mailbox (docs/adr/0067). */
  private async sendToMailbox(
    delivery: NotificationDeliveryEntity,
    mailbox: string,
  ): Promise<void> {
    const code = delivery.params.departmentCode;
    const link =
      this.config.OVERDUE_CASES_URL && code
        ? `${this.config.OVERDUE_CASES_URL}?departmentCode=${encodeURIComponent(code)}`
        : null;
    const message = renderOverdueNotice(delivery.params, this.config.NOTIFY_TIME_ZONE, link);
    await this.tryOnce(delivery, () =>
      this.mailer.send(`department-${code ?? 'unknown'}`, mailbox, message, delivery.language),
    );
  }

  /** One attempt: SENT, or retried with back-off until NOTIFY_MAX_ATTEMPTS, then FAILED. */
  private async tryOnce(
    delivery: NotificationDeliveryEntity,
    send: () => Promise<void>,
  ): Promise<void> {
    delivery.attempts += 1;
    try {
      await send();
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
