export { CitizensModule } from './citizens.module.js';
export { CitizenErasureEntity } from './citizen-erasure.entity.js';
export { CitizenEntity } from './citizen.entity.js';
export { CitizenErrorCode, CitizenException } from './citizen.exception.js';
export { CitizenRepository } from './citizen.repository.js';
export { contactLookupHashes } from './contact-lookup.js';
export {
  cleanText,
  normaliseContact,
  normaliseEmail,
  normalisePhone,
} from './contact-normalisation.util.js';
export { ContactPointEntity, type ContactPointKind } from './contact-point.entity.js';
export {
  CitizenKindValue,
  CitizenObject,
  ContactPointKindValue,
  ContactPointObject,
  PII_DESCRIPTION,
} from './graphql/citizen.object.js';
export { ReportedCaseObject } from './graphql/reported-case.object.js';
export { IdentityLinkEntity } from './identity-link.entity.js';
export { LOGIN_SOURCE_SYSTEM, signInLinkHash } from './sign-in-link.js';
