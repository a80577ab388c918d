// What the rest of intake may use of submissions (docs/adr/0033); the rest is internal.
export { SubmissionsModule } from './submissions.module.js';
export { SubmissionEntity } from './submission.entity.js';
export { SubmissionErrorCode, SubmissionException } from './submission.exception.js';
export { placeOf, type GivenLocation } from './place.js';
export { SubmissionObject } from './graphql/submission.object.js';
export { LocationInput } from './graphql/submit-service-request.input.js';
export {
  SubmitServiceRequestUseCase,
  type SubmissionReceipt,
} from './use-cases/submit-service-request/submit-service-request.use-case.js';
