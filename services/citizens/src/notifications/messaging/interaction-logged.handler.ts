import { Injectable } from '@nestjs/common';
import type { InteractionLoggedV1 } from '@civitas/contracts';
import { OnEvent, type EventContext, type EventHandler } from '@civitas/messaging';
import { NotificationTemplate } from '../templates.js';
import { QueueNotificationUseCase } from '../use-cases/queue-notification/queue-notification.use-case.js';
import { CitizensConsumers } from '../../messaging/index.js';

/**
 * A public note by staff: the reporter is told one was added (its text stays in cases). The
 * resident's own contacts (logged by a channel, `loggedBy` null) and internal notes notify no one.
 */
@Injectable()
@OnEvent(CitizensConsumers.notifyInteractionLogged)
export class NotifyPublicNoteHandler implements EventHandler<InteractionLoggedV1> {
  constructor(private readonly queue: QueueNotificationUseCase) {}

  async handle(
    payload: InteractionLoggedV1,
    { tx, envelope }: EventContext<InteractionLoggedV1>,
  ): Promise<void> {
    if (payload.visibility !== 'PUBLIC' || !payload.loggedBy) {
      return;
    }
    await this.queue.execute(tx, {
      caseId: payload.caseId,
      template: NotificationTemplate.PublicNote,
      params: { ticketNumber: payload.ticketNumber },
      eventAt: new Date(envelope.occurredAt),
    });
  }
}
