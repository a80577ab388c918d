import { Injectable } from '@nestjs/common';
import type { CaseOpenedV1 } from '@civitas/contracts';
import { OnEvent, type EventContext, type EventHandler } from '@civitas/messaging';
import { NotificationRepository } from '../notification.repository.js';
import { NotificationTemplate } from '../templates.js';
import { QueueNotificationUseCase } from '../use-cases/queue-notification/queue-notification.use-case.js';
import { CitizensConsumers } from '../../messaging/index.js';

/**
 * The reporter of a live case is subscribed to it and told it was received (then whatever was held
 * for it). Anonymous reports and erased reporters notify no one, then or later; imported history
 * never comes this way (it travels in batch events citizens does not subscribe to, ADR 0022).
 */
@Injectable()
@OnEvent(CitizensConsumers.notifyCaseOpened)
export class NotifyCaseOpenedHandler implements EventHandler<CaseOpenedV1> {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly queue: QueueNotificationUseCase,
  ) {}

  async handle(payload: CaseOpenedV1, { tx, envelope }: EventContext<CaseOpenedV1>): Promise<void> {
    await this.notifications.lockCase(tx, payload.caseId);
    const named = payload.reporterId ?? null;
    // A reporter erased before their case reached us is not named here (ADR 0019).
    const reporterId = named && (await this.notifications.lockUnerased(tx, named)) ? named : null;
    await this.notifications.subscribe(tx, {
      caseId: payload.caseId,
      citizenId: reporterId,
      ticketNumber: payload.ticketNumber,
    });
    const held = await this.notifications.release(tx, payload.caseId);
    if (!reporterId) {
      return; // anonymous or erased: what was held is dropped
    }
    await this.queue.execute(tx, {
      caseId: payload.caseId,
      template: NotificationTemplate.Received,
      params: { ticketNumber: payload.ticketNumber },
      eventAt: new Date(envelope.occurredAt),
    });
    // Routing or a status change that overtook this event, told after "received", in order.
    for (const moment of held) {
      await this.queue.execute(tx, {
        caseId: moment.caseId,
        template: moment.template as NotificationTemplate,
        params: moment.params,
        eventAt: moment.eventAt,
      });
    }
  }
}
