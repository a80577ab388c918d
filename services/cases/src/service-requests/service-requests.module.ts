import { Module } from '@nestjs/common';
import { CaseRepository } from '../cases/case.repository.js';
import { CaseStatusWriter } from '../cases/use-cases/change-status/case-status-writer.js';
import { TimelineRepository } from '../timeline/timeline.repository.js';
import { ServiceRequestsResolver } from './graphql/service-requests.resolver.js';
import { ServiceRequestRepository } from './service-request.repository.js';
import { CommentOnServiceRequestUseCase } from './use-cases/comment-on-service-request/comment-on-service-request.use-case.js';
import { ReopenServiceRequestUseCase } from './use-cases/reopen-service-request/reopen-service-request.use-case.js';

@Module({
  providers: [
    CaseRepository,
    TimelineRepository,
    CaseStatusWriter,
    ServiceRequestRepository,
    CommentOnServiceRequestUseCase,
    ReopenServiceRequestUseCase,
    ServiceRequestsResolver,
  ],
})
export class ServiceRequestsModule {}
