import { Module } from '@nestjs/common';
import { TimelineModule } from '../timeline/index.js';
import { LegacyCasesRepository } from './legacy-cases.repository.js';

/**
 * Where an imported case came from. Below both the cases feature (a live submission from before
 * batched history still carries its origin: docs/adr/0022) and imported history, which record it.
 */
@Module({
  imports: [TimelineModule],
  providers: [LegacyCasesRepository],
  exports: [LegacyCasesRepository],
})
export class LegacyOriginsModule {}
