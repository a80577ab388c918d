import { Module } from '@nestjs/common';
import { ConsentsModule } from '../consents/index.js';
import { NotificationsModule } from '../notifications/index.js';
import { MyRequestsResolver } from './graphql/my-requests.resolver.js';
import { RightsResolver } from './graphql/rights.resolver.js';
import { ResidentLinksModule } from '../resident-links/index.js';
import { ContactVerificationModule } from '../contact-verification/index.js';
import { LoginLinkResolver } from './graphql/login-link.resolver.js';
import { LoginLinkRequestRepository } from './login-link-request.repository.js';
import { ResidentProfiles } from './resident-profile.js';
import { SelfAccessAudit } from './self-access.js';
import { EraseCitizenUseCase } from './use-cases/erase-citizen/erase-citizen.use-case.js';
import { ListMyRequestsUseCase } from './use-cases/list-my-requests/list-my-requests.use-case.js';
import { LinkLoginUseCase } from './use-cases/link-login/link-login.use-case.js';
import { LoginLinkApprovalUseCase } from './use-cases/link-login/login-link-approval.use-case.js';
import { RequestMyDataUseCase } from './use-cases/request-my-data/request-my-data.use-case.js';
import { UpdateMyProfileUseCase } from './use-cases/update-my-profile/update-my-profile.use-case.js';

/**
 * Residents' rights: see and edit their own data, list their own requests, download all of it,
 * have it erased.
 */
@Module({
  imports: [ResidentLinksModule, ConsentsModule, NotificationsModule, ContactVerificationModule],
  providers: [
    ResidentProfiles,
    SelfAccessAudit,
    LinkLoginUseCase,
    LoginLinkApprovalUseCase,
    LoginLinkRequestRepository,
    LoginLinkResolver,
    UpdateMyProfileUseCase,
    RequestMyDataUseCase,
    EraseCitizenUseCase,
    RightsResolver,
    ListMyRequestsUseCase,
    MyRequestsResolver,
  ],
})
export class RightsModule {}
