import { Module } from '@nestjs/common';
import { BlindIndex } from '../matching/blind-index.js';
import { PrivacyModule } from '../privacy/privacy.module.js';
import { CitizenRepository } from './citizen.repository.js';
import { CitizenResolver } from './graphql/citizen.resolver.js';
import { ReportedCaseResolver } from './graphql/reported-case.resolver.js';
import { ResolveIdentityHandler } from './messaging/resolve-identity.handler.js';
import { ResolveIdentityUseCase } from './use-cases/resolve-identity/resolve-identity.use-case.js';

@Module({
  imports: [PrivacyModule],
  providers: [
    CitizenRepository,
    BlindIndex,
    ResolveIdentityUseCase,
    ResolveIdentityHandler,
    CitizenResolver,
    ReportedCaseResolver,
  ],
  exports: [CitizenRepository, BlindIndex, PrivacyModule],
})
export class CitizensModule {}
