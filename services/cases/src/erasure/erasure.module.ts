import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/index.js';
import { InteractionsModule } from '../interactions/index.js';
import { SatisfactionModule } from '../satisfaction/index.js';
import { TimelineModule } from '../timeline/index.js';
import { CitizenDataRepository } from './citizen-data.repository.js';
import { CitizenDataHandler } from './messaging/citizen-data.handler.js';
import { CitizenErasedHandler } from './messaging/citizen-erased.handler.js';
import { CitizenRequestsHandler } from './messaging/citizen-requests.handler.js';

/**
 * Residents' rights in cases: their cases for their download and their own list, and forgetting
 * them on erasure.
 */
@Module({
  imports: [CasesModule, InteractionsModule, TimelineModule, SatisfactionModule],
  providers: [
    CitizenDataRepository,
    CitizenDataHandler,
    CitizenRequestsHandler,
    CitizenErasedHandler,
  ],
})
export class ErasureModule {}
