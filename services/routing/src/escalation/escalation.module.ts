import { Module } from '@nestjs/common';
import { SettleDeadlinesOnStatusHandler } from './messaging/settle-deadlines-on-status.handler.js';
import { SlaDeadlineRepository } from './sla-deadline.repository.js';
import { DeadlineTimer } from './use-cases/escalate-due-cases/deadline-timer.js';

@Module({
  providers: [SlaDeadlineRepository, DeadlineTimer, SettleDeadlinesOnStatusHandler],
  exports: [SlaDeadlineRepository],
})
export class EscalationModule {}
