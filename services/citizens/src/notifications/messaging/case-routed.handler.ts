import { Injectable } from '@nestjs/common';
import type { CaseRoutedV1 } from '@civitas/contracts';
import { OnEvent, type EventContext, type EventHandler } from '@civitas/messaging';
import { NotificationTemplate } from '../templates.js';
import { QueueNotificationUseCase } from '../use-cases/queue-notification/queue-notification.use-case.js';
import { CitizensConsumers } from '../../messaging/index.js';

/** The reporter learns which department has their case. */
@Injectable()
@OnEvent(CitizensConsumers.notifyCaseRouted)
export class NotifyCaseRoutedHandler implements EventHandler<CaseRoutedV1> {
  constructor(private readonly queue: QueueNotificationUseCase) {}

  async handle(payload: CaseRoutedV1, { tx, envelope }: EventContext<CaseRoutedV1>): Promise<void> {
    await this.queue.execute(tx, {
      caseId: payload.caseId,
      template: NotificationTemplate.Routed,
      params: { ticketNumber: payload.ticketNumber, department: payload.departmentCode },
      eventAt: new Date(envelope.occurredAt),
    });
  }
}
