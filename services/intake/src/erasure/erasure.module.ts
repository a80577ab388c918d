import { Module } from '@nestjs/common';
import { EmailModule } from '../email/index.js';
import { CitizenDataRepository } from './citizen-data.repository.js';
import { CaseOpenedErasureHandler } from './messaging/case-opened-erasure.handler.js';
import { CitizenDataHandler } from './messaging/citizen-data.handler.js';
import { CitizenErasedHandler } from './messaging/citizen-erased.handler.js';

/**
 * Residents' rights in intake: their submissions for their download, blanked on erasure (with
 * the e-mail replies still owed to them).
 */
@Module({
  imports: [EmailModule],
  providers: [
    CitizenDataRepository,
    CitizenDataHandler,
    CitizenErasedHandler,
    CaseOpenedErasureHandler,
  ],
})
export class ErasureModule {}
