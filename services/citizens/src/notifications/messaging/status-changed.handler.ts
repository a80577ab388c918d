import { Injectable } from '@nestjs/common';
import { CaseStatus, type StatusChangedV1 } from '@civitas/contracts';
import { OnEvent, type EventContext, type EventHandler } from '@civitas/messaging';
import { NotificationTemplate } from '../templates.js';
import { QueueNotificationUseCase } from '../use-cases/queue-notification/queue-notification.use-case.js';
import { CitizensConsumers } from '../../messaging/index.js';

/**
 * The reporter is told of every status change; closing has its own message, which asks the
 * one-question satisfaction survey unless the case was closed as a duplicate (nothing was done on
 * it; docs/adr/0060). A case opening when routed (NEW -> OPEN) is not told again: `case-routed`
 * already brought them `CASE_ROUTED`.
 *
 * The reporters of its followers (reports closed as its duplicates, which the event names) are told
 * too, each under their own report, so their consent, language, merges and erasure apply as for
 * any update about it (docs/adr/0063). They are asked no survey: their report was not worked.
 */
@Injectable()
@OnEvent(CitizensConsumers.notifyStatusChanged)
export class NotifyStatusChangedHandler implements EventHandler<StatusChangedV1> {
  constructor(private readonly queue: QueueNotificationUseCase) {}

  async handle(
    payload: StatusChangedV1,
    { tx, envelope }: EventContext<StatusChangedV1>,
  ): Promise<void> {
    if (payload.from === payload.to || openedByRouting(payload)) {
      return;
    }
    const closed = payload.to === CaseStatus.CLOSED;
    const eventAt = new Date(envelope.occurredAt);
    await this.queue.execute(tx, {
      caseId: payload.caseId,
      template: closed ? NotificationTemplate.Closed : NotificationTemplate.StatusChanged,
      params: {
        ticketNumber: payload.ticketNumber,
        status: payload.to,
        ...(closed && !payload.duplicateOf ? { survey: true } : {}),
      },
      eventAt,
    });
    for (const follower of payload.followers ?? []) {
      await this.queue.execute(tx, {
        caseId: follower,
        template: closed
          ? NotificationTemplate.FollowedClosed
          : NotificationTemplate.FollowedStatusChanged,
        params: { ticketNumber: payload.ticketNumber, status: payload.to },
        eventAt,
      });
    }
  }
}

function openedByRouting(changed: StatusChangedV1): boolean {
  return changed.from === CaseStatus.NEW && changed.to === CaseStatus.OPEN;
}
