import { Injectable } from '@nestjs/common';
import type { CaseOverdueV1 } from '@civitas/contracts';
import { OnEvent, type EventContext, type EventHandler } from '@civitas/messaging';
import { CitizensConsumers } from '../../messaging/index.js';
import { QueueOverdueNoticeUseCase } from '../use-cases/queue-overdue-notice/queue-overdue-notice.use-case.js';

/**
 * Routing found a case overdue: its department's escalation mailbox is e-mailed (docs/adr/0067).
 * Only routing's NATS user may publish the event (docs/adr/0046), so the address it carries is the
 * one an admin set in routing's catalog.
 */
@Injectable()
@OnEvent(CitizensConsumers.notifyDepartmentOverdue)
export class EmailDepartmentOfOverdueCaseHandler implements EventHandler<CaseOverdueV1> {
  constructor(private readonly queue: QueueOverdueNoticeUseCase) {}

  async handle(
    payload: CaseOverdueV1,
    { tx, envelope }: EventContext<CaseOverdueV1>,
  ): Promise<void> {
    await this.queue.execute(tx, payload, new Date(envelope.occurredAt));
  }
}
