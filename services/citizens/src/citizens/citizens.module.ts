import { Module } from '@nestjs/common';
import { MatchingModule } from '../matching/index.js';
import { PrivacyModule } from '../privacy/index.js';
import { CitizenRepository } from './citizen.repository.js';
import { CitizenResolver } from './graphql/citizen.resolver.js';
import { ReportedCaseResolver } from './graphql/reported-case.resolver.js';
import { ResolveIdentityHandler } from './messaging/resolve-identity.handler.js';
import { ResolveIdentityUseCase } from './use-cases/resolve-identity/resolve-identity.use-case.js';

@Module({
  imports: [PrivacyModule, MatchingModule],
  providers: [
    CitizenRepository,
    ResolveIdentityUseCase,
    ResolveIdentityHandler,
    CitizenResolver,
    ReportedCaseResolver,
  ],
  exports: [CitizenRepository, PrivacyModule],
})
export class CitizensModule {}
