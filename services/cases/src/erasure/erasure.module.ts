import { Module } from '@nestjs/common';
import { CaseRepository } from '../cases/case.repository.js';
import { InteractionRepository } from '../interactions/interaction.repository.js';
import { TimelineRepository } from '../timeline/timeline.repository.js';
import { CitizenDataRepository } from './citizen-data.repository.js';
import { CitizenDataHandler } from './messaging/citizen-data.handler.js';
import { CitizenErasedHandler } from './messaging/citizen-erased.handler.js';

/** Residents' rights in cases: their cases for their download, and forgetting them on erasure. */
@Module({
  providers: [
    CaseRepository,
    InteractionRepository,
    TimelineRepository,
    CitizenDataRepository,
    CitizenDataHandler,
    CitizenErasedHandler,
  ],
})
export class ErasureModule {}
