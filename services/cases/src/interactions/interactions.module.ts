import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/index.js';
import { TimelineModule } from '../timeline/index.js';
import { InteractionResolver } from './graphql/interaction.resolver.js';
import { InteractionRepository } from './interaction.repository.js';
import { LogInteractionHandler } from './messaging/log-interaction.handler.js';
import { LogInteractionUseCase } from './use-cases/log-interaction/log-interaction.use-case.js';

@Module({
  imports: [CasesModule, TimelineModule],
  providers: [
    InteractionRepository,
    LogInteractionUseCase,
    InteractionResolver,
    LogInteractionHandler,
  ],
  exports: [InteractionRepository],
})
export class InteractionsModule {}
