export { ConsentsModule } from './consents.module.js';
export { ConsentEventEntity } from './consent-event.entity.js';
export { ConsentEntity } from './consent.entity.js';
export { ConsentPolicy, type CaseUpdateChannel } from './consent.policy.js';
export { ConsentRepository } from './consent.repository.js';
export {
  ConsentChannelValue,
  ConsentObject,
  ConsentPurposeValue,
  ConsentSourceValue,
} from './graphql/consent.object.js';
