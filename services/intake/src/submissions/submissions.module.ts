import { Module } from '@nestjs/common';
import { SubmissionResolver } from './graphql/submission.resolver.js';
import { SubmissionRepository } from './submission.repository.js';
import { SubmitServiceRequestUseCase } from './use-cases/submit-service-request/submit-service-request.use-case.js';

@Module({
  providers: [SubmissionRepository, SubmitServiceRequestUseCase, SubmissionResolver],
})
export class SubmissionsModule {}
