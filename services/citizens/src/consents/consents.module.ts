import { Module } from '@nestjs/common';
import { ResidentLinksModule } from '../rights/resident-links.module.js';
import { ConsentReader } from './consent-reader.js';
import { ConsentRepository } from './consent.repository.js';
import { ConsentsResolver } from './graphql/consents.resolver.js';
import { SetConsentUseCase } from './use-cases/set-consent/set-consent.use-case.js';

/** Consents per channel and purpose; `ConsentReader` is what notifications ask before contacting. */
@Module({
  imports: [ResidentLinksModule],
  providers: [ConsentRepository, ConsentReader, SetConsentUseCase, ConsentsResolver],
  exports: [ConsentReader, ConsentRepository],
})
export class ConsentsModule {}
