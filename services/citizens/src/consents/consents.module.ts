import { Module } from '@nestjs/common';
import { ResidentLinksModule } from '../resident-links/index.js';
import { ConsentPolicy } from './consent.policy.js';
import { ConsentRepository } from './consent.repository.js';
import { ConsentsResolver } from './graphql/consents.resolver.js';
import { SetConsentUseCase } from './use-cases/set-consent/set-consent.use-case.js';

/**
 * Consents per channel and purpose; `ConsentPolicy` is the one rule every feature asks before
 * contacting a resident (and what the consent reads show).
 */
@Module({
  imports: [ResidentLinksModule],
  providers: [ConsentRepository, ConsentPolicy, SetConsentUseCase, ConsentsResolver],
  exports: [ConsentPolicy, ConsentRepository],
})
export class ConsentsModule {}
