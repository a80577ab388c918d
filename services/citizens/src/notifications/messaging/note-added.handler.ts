import { Injectable } from '@nestjs/common';
import type { NoteAddedV1 } from '@civitas/contracts';
import { OnEvent, type EventContext, type EventHandler } from '@civitas/messaging';
import { NotificationTemplate } from '../templates.js';
import { QueueNotificationUseCase } from '../use-cases/queue-notification/queue-notification.use-case.js';
import { CitizensConsumers } from '../../messaging/index.js';

/**
 * Staff wrote a public note on a case (`addCaseNote`): the reporter is told one was added (its
 * text stays in cases; they read it where they follow the case). Internal notes notify no one.
 */
@Injectable()
@OnEvent(CitizensConsumers.notifyNoteAdded)
export class NotifyNoteAddedHandler implements EventHandler<NoteAddedV1> {
  constructor(private readonly queue: QueueNotificationUseCase) {}

  async handle(payload: NoteAddedV1, { tx, envelope }: EventContext<NoteAddedV1>): Promise<void> {
    if (payload.visibility !== 'PUBLIC') {
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
