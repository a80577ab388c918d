import { Module } from '@nestjs/common';
import { TimelineRepository } from '../timeline/timeline.repository.js';
import { CaseLegacyResolver } from './graphql/case-legacy.resolver.js';
import { LegacyCasesRepository } from './legacy-cases.repository.js';

@Module({
  providers: [TimelineRepository, LegacyCasesRepository, CaseLegacyResolver],
  exports: [LegacyCasesRepository],
})
export class LegacyCasesModule {}
