import { Module } from '@nestjs/common';
import { TimelineRepository } from './timeline.repository.js';

/** A case's timeline: written by every feature that changes a case, read by its resolvers. */
@Module({
  providers: [TimelineRepository],
  exports: [TimelineRepository],
})
export class TimelineModule {}
