// What the rest of the service may use of escalation (docs/adr/0033).
export { EscalationModule } from './escalation.module.js';
export { SlaDeadlineRepository } from './sla-deadline.repository.js';
export { SlaDeadlineEntity, DeadlineKind, DeadlineState } from './sla-deadline.entity.js';
export { DeadlineTimer } from './use-cases/escalate-due-cases/deadline-timer.js';
