import { Module } from '@nestjs/common';
import { CaseRepository } from '../cases/case.repository.js';
import { TimelineRepository } from '../timeline/timeline.repository.js';
import { InteractionResolver } from './graphql/interaction.resolver.js';
import { InteractionRepository } from './interaction.repository.js';
import { LogInteractionHandler } from './messaging/log-interaction.handler.js';
import { LogInteractionUseCase } from './use-cases/log-interaction/log-interaction.use-case.js';

@Module({
  providers: [
    CaseRepository,
    InteractionRepository,
    TimelineRepository,
    LogInteractionUseCase,
    InteractionResolver,
    LogInteractionHandler,
  ],
})
export class InteractionsModule {}
