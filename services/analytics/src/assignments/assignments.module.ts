import { Module } from '@nestjs/common';
import { CaseAssignmentFactRepository } from './case-assignment-fact.repository.js';
import { CountCaseAssignedHandler } from './messaging/case-assigned.handler.js';

/** Counts of who-works-which-case changes; figures over them are not served yet (docs/adr/0059). */
@Module({
  providers: [CaseAssignmentFactRepository, CountCaseAssignedHandler],
})
export class AssignmentsModule {}
