import { Module } from '@nestjs/common';
import { TimelineRepository } from '../timeline/timeline.repository.js';
import { InteractionResolver } from './graphql/interaction.resolver.js';
import { LogInteractionHandler } from './messaging/log-interaction.handler.js';
import { LogInteractionUseCase } from './use-cases/log-interaction/log-interaction.use-case.js';

@Module({
  providers: [
    TimelineRepository,
    LogInteractionUseCase,
    InteractionResolver,
    LogInteractionHandler,
  ],
})
export class InteractionsModule {}
