// What the rest of the service may use of cases (docs/adr/0033); the rest is internal.
export { CasesModule } from './cases.module.js';
export { CaseEntity } from './case.entity.js';
export { CaseRepository } from './case.repository.js';
export { ProvisionalCases } from './provisional-cases.js';
export { caseFromSubmission, caseOpenedOf } from './case-from-submission.js';
export { CaseObject, ServiceReference } from './graphql/case.object.js';
export { CaseStatusWriter } from './use-cases/change-status/case-status-writer.js';
export { CaseNotYetOpenedError } from './use-cases/record-routing/record-routing.use-case.js';
export { CaseReadScope, servesResidents } from './case-read-scope.js';
