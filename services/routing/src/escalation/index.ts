// What the rest of the service may use of escalation (docs/adr/0033).
export { EscalationModule } from './escalation.module.js';
export { SlaDeadlineRepository } from './sla-deadline.repository.js';
export { SlaDeadlineEntity, DeadlineKind, DeadlineState } from './sla-deadline.entity.js';
export { StatusChangeAheadEntity } from './status-change-ahead.entity.js';
export { SettleDeadlinesUseCase } from './use-cases/settle-deadlines/settle-deadlines.use-case.js';
export { DeadlineTimer } from './use-cases/escalate-due-cases/deadline-timer.js';
