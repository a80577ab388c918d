import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/index.js';
import { TimelineModule } from '../timeline/index.js';
import { ServiceRequestsResolver } from './graphql/service-requests.resolver.js';
import { ServiceRequestRepository } from './service-request.repository.js';
import { CommentOnServiceRequestUseCase } from './use-cases/comment-on-service-request/comment-on-service-request.use-case.js';
import { ReopenServiceRequestUseCase } from './use-cases/reopen-service-request/reopen-service-request.use-case.js';

@Module({
  imports: [CasesModule, TimelineModule],
  providers: [
    ServiceRequestRepository,
    CommentOnServiceRequestUseCase,
    ReopenServiceRequestUseCase,
    ServiceRequestsResolver,
  ],
})
export class ServiceRequestsModule {}
