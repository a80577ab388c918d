import { readFileSync } from 'node:fs';
import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/index.js';
import { INTAKE_CONFIG } from '../config/intake-config.token.js';
import type { IntakeConfig } from '../config/intake.config.js';
import { EmergencyDetector } from '../emergencies/index.js';
import { SubmissionResolver } from './graphql/submission.resolver.js';
import { SubmissionRepository } from './submission.repository.js';
import { SplitSubmissionHandler } from './messaging/split-submission.handler.js';
import { SplitSubmissionUseCase } from './use-cases/split-submission/split-submission.use-case.js';
import { SubmitServiceRequestUseCase } from './use-cases/submit-service-request/submit-service-request.use-case.js';

@Module({
  imports: [CatalogModule],
  providers: [
    SubmissionRepository,
    SubmitServiceRequestUseCase,
    SubmissionResolver,
    SplitSubmissionUseCase,
    SplitSubmissionHandler,
    {
      provide: EmergencyDetector,
      useFactory: (config: IntakeConfig) =>
        new EmergencyDetector(
          config.EMERGENCY_PHRASES_FILE
            ? (JSON.parse(readFileSync(config.EMERGENCY_PHRASES_FILE, 'utf8')) as Record<
                string,
                string[]
              >)
            : undefined,
        ),
      inject: [INTAKE_CONFIG],
    },
  ],
  exports: [SubmitServiceRequestUseCase, EmergencyDetector],
})
export class SubmissionsModule {}
