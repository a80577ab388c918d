import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { CaseOverdueV1 } from '@civitas/contracts';
import type { Transaction } from '@civitas/messaging';
import { NotificationMailer } from '../../channels/notification-mailer.js';
import { NotificationDeliveryEntity } from '../../notification-delivery.entity.js';
import { NotificationRepository } from '../../notification.repository.js';
import { NotificationChannel, NotificationTemplate } from '../../templates.js';

/**
 * Records, in the event's transaction, the e-mail that tells a department's escalation mailbox
 * one of its cases is overdue (docs/adr/0067); the dispatcher sends it after commit, with the
 * retries every notification has. One per case: a redelivered or repeated event records nothing
 * more. No mailbox set for the department: nothing to send.
 */
@Injectable()
export class QueueOverdueNoticeUseCase {
  private readonly logger = new Logger(QueueOverdueNoticeUseCase.name);

  constructor(
    private readonly notifications: NotificationRepository,
    private readonly mailer: NotificationMailer,
  ) {}

  async execute(tx: Transaction, overdue: CaseOverdueV1, eventAt: Date): Promise<void> {
    if (!overdue.escalationEmail) {
      return;
    }
    const available = this.mailer.available;
    const delivery = Object.assign(new NotificationDeliveryEntity(), {
      id: randomUUID(),
      caseId: overdue.caseId,
      eventAt,
      citizenId: null,
      mailbox: overdue.escalationEmail,
      channel: NotificationChannel.Email,
      template: NotificationTemplate.Overdue,
      language: 'en',
      // Case facts only: nothing the resident said or is.
      params: {
        ticketNumber: overdue.ticketNumber,
        departmentCode: overdue.departmentCode,
        serviceCode: overdue.serviceCode,
        dueAt: overdue.dueAt,
        ...(overdue.departmentName ? { departmentName: overdue.departmentName } : {}),
        ...(overdue.serviceName ? { serviceName: overdue.serviceName } : {}),
      },
      contactPointId: null,
      status: available ? 'QUEUED' : 'SKIPPED',
      attempts: 0,
      lastError: available ? null : 'no SMTP server configured (NOTIFY_SMTP_URL)',
      nextAttemptAt: available ? new Date() : null,
      sentAt: null,
    });
    if (!(await this.notifications.addOnce(tx, delivery))) {
      this.logger.log({ msg: 'overdue notice already recorded', caseId: overdue.caseId });
    }
  }
}
