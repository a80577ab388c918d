export { ContactVerificationModule } from './contact-verification.module.js';
export { ContactPointClaimEntity } from './contact-point-claim.entity.js';
export { LoginLinkCodeEntity } from './login-link-code.entity.js';
export { VerificationCodeSendEntity } from './verification-code-send.entity.js';
export { ContactVerificationRepository } from './contact-verification.repository.js';
export { ContactValues, type ContactValue } from './contact-values.js';
export {
  ContactVerificationErrorCode,
  ContactVerificationException,
} from './contact-verification.exception.js';
export {
  ClaimContactPointUseCase,
  type ClaimedValue,
} from './use-cases/claim-contact-point/claim-contact-point.use-case.js';
export { VerifyContactPointUseCase } from './use-cases/verify-contact-point/verify-contact-point.use-case.js';
export {
  LoginLinkCodesUseCase,
  type LoginLinkCodeSent,
} from './use-cases/login-link-codes/login-link-codes.use-case.js';
export {
  UnverifiedContactPoints,
  type UnverifiedContactPoint,
} from './unverified-contact-points.js';
export {
  LoginLinkCodeSentObject,
  UnverifiedContactPointObject,
} from './graphql/unverified-contact-point.object.js';
