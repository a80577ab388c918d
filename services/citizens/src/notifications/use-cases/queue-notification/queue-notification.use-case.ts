import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Transaction } from '@civitas/messaging';
import { type CitizenEntity, CitizenRepository } from '../../../citizens/index.js';
import { CitizensConfig } from '../../../config/citizens.config.js';
import { type CaseUpdateChannel, ConsentPolicy } from '../../../consents/index.js';
import { NotificationMailer } from '../../channels/notification-mailer.js';
import { SMS_PROVIDER, type SmsProvider } from '../../channels/sms-provider.js';
import { NotificationDeliveryEntity } from '../../notification-delivery.entity.js';
import { NotificationRepository } from '../../notification.repository.js';
import { quietHoursFrom } from '../../../config/notifications.config.js';
import { sendableAt } from '../../quiet-hours.js';
import { SurveyLinks } from '../../survey-links.js';
import {
  NotificationChannel,
  notificationLanguage,
  type NotificationTemplate,
  type TemplateParams,
} from '../../templates.js';

const NOTIFICATION_CHANNEL_OF: Record<CaseUpdateChannel, NotificationChannel> = {
  EMAIL: NotificationChannel.Email,
  SMS: NotificationChannel.Sms,
};

export interface CaseMoment {
  caseId: string;
  template: NotificationTemplate;
  params: TemplateParams;
  /** When it happened: the event's `occurredAt` (docs/adr/0083). */
  eventAt: Date;
}

/**
 * Records, in the event's transaction, the delivery that tells a case's reporter what happened:
 * on the first channel the consent policy allows for updates about their report, in their language. The dispatcher sends it after commit.
 */
@Injectable()
export class QueueNotificationUseCase {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly citizens: CitizenRepository,
    private readonly config: CitizensConfig,
    private readonly mailer: NotificationMailer,
    private readonly consent: ConsentPolicy,
    private readonly surveys: SurveyLinks,
    @Inject(SMS_PROVIDER) private readonly sms: SmsProvider | null,
  ) {}

  async execute(tx: Transaction, moment: CaseMoment): Promise<void> {
    await this.notifications.lockCase(tx, moment.caseId);
    const subscription = await this.notifications.subscriptionOf(tx, moment.caseId);
    if (!subscription) {
      // Its case-opened has not reached us yet: held until it does (then told, or dropped).
      await this.notifications.hold(tx, moment);
      return;
    }
    if (!subscription.citizenId) {
      return; // anonymous report or erased reporter: no one to tell
    }
    // A merged-away reporter is told at the record they now live on.
    const citizen = await this.citizens.followMerges(subscription.citizenId, tx);
    if (!citizen || !(await this.notifications.lockUnerased(tx, citizen.id))) {
      return; // unknown, or erased (while this waited, perhaps): nothing recorded about them
    }
    const now = new Date();
    const delivery = Object.assign(new NotificationDeliveryEntity(), {
      id: randomUUID(),
      caseId: moment.caseId,
      eventAt: moment.eventAt,
      citizenId: citizen.id,
      template: moment.template,
      language: notificationLanguage(citizen.preferredLanguage),
      params: moment.params,
      attempts: 0,
      lastError: null,
      sentAt: null,
    });
    // Read once: the channel and, for a closure, the question inside it (one policy, ADR 0017/0018).
    const consent = await this.consent.forUnerased(citizen, tx);
    const [allowed] = consent.caseUpdateChannels();
    const channel = allowed ? NOTIFICATION_CHANNEL_OF[allowed] : undefined;
    const contactPointId = channel ? await this.contactPointFor(tx, citizen, channel) : null;
    if (!channel || !contactPointId) {
      await this.notifications.add(tx, {
        ...delivery,
        channel: channel ?? NotificationChannel.Email,
        contactPointId: null,
        status: 'SKIPPED',
        lastError: 'no contact point the resident agreed to be told on',
        nextAttemptAt: null,
      } as NotificationDeliveryEntity);
      return;
    }
    const unavailable =
      channel === NotificationChannel.Sms && !this.sms
        ? 'no SMS provider configured (SMS_WEBHOOK_URL)'
        : channel === NotificationChannel.Email && !this.mailer.available
          ? 'no SMTP server configured (NOTIFY_SMTP_URL)'
          : null;
    if (unavailable) {
      await this.notifications.add(tx, {
        ...delivery,
        channel,
        contactPointId,
        status: 'SKIPPED',
        lastError: unavailable,
        nextAttemptAt: null,
      } as NotificationDeliveryEntity);
      return;
    }
    // The question is part of the closure notice (ADR 0017/0018); the one policy still decides.
    const survey =
      moment.params.survey === true &&
      this.surveys.available &&
      allowed !== undefined &&
      consent.mayContact(allowed, 'CLOSURE_SATISFACTION_QUESTION');
    const params: TemplateParams = { ...moment.params };
    delete params.survey;
    if (survey) {
      params.survey = true;
    }
    const due =
      channel === NotificationChannel.Sms
        ? sendableAt(now, quietHoursFrom(this.config.QUIET_HOURS), this.config.NOTIFY_TIME_ZONE)
        : now;
    await this.notifications.add(tx, {
      ...delivery,
      params,
      channel,
      contactPointId,
      status: 'QUEUED',
      nextAttemptAt: due,
    } as NotificationDeliveryEntity);
  }

  /** The contact point of the resident's primary e-mail or phone (else any of that kind). */
  private async contactPointFor(
    tx: Transaction,
    citizen: CitizenEntity,
    channel: NotificationChannel,
  ): Promise<string | null> {
    const kind = channel === NotificationChannel.Email ? 'EMAIL' : 'PHONE';
    const primaryHash = kind === 'EMAIL' ? citizen.emailHash : citizen.phoneHash;
    const points = (await this.citizens.contactPoints(citizen.id, tx)).filter(
      (p) => p.kind === kind,
    );
    const primary = points.find((p) => primaryHash !== null && p.lookupHash === primaryHash);
    return (primary ?? points[0])?.id ?? null;
  }
}
