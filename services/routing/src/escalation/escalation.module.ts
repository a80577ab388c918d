import { Module } from '@nestjs/common';
import { CalendarsModule } from '../calendars/index.js';
import { SettleDeadlinesOnStatusHandler } from './messaging/settle-deadlines-on-status.handler.js';
import { SlaDeadlineRepository } from './sla-deadline.repository.js';
import { DeadlineTimer } from './use-cases/escalate-due-cases/deadline-timer.js';
import { PauseOnHoldUseCase } from './use-cases/pause-on-hold/pause-on-hold.use-case.js';
import { SettleDeadlinesUseCase } from './use-cases/settle-deadlines/settle-deadlines.use-case.js';

@Module({
  imports: [CalendarsModule],
  providers: [
    SlaDeadlineRepository,
    DeadlineTimer,
    PauseOnHoldUseCase,
    SettleDeadlinesUseCase,
    SettleDeadlinesOnStatusHandler,
  ],
  exports: [SlaDeadlineRepository, SettleDeadlinesUseCase],
})
export class EscalationModule {}
