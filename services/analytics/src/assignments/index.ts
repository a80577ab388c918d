// What the rest of analytics may use of assignment counts (docs/adr/0033).
export { AssignmentsModule } from './assignments.module.js';
export { CaseAssignmentFactEntity } from './case-assignment-fact.entity.js';
