import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/index.js';
import { CitizenCasesRepository } from './citizen-cases.repository.js';
import { CitizenCasesResolver } from './graphql/citizen-cases.resolver.js';
import { CitizensMergedHandler } from './messaging/citizens-merged.handler.js';
import { CitizensUnmergedHandler } from './messaging/citizens-unmerged.handler.js';

/** A resident's cases in the citizen 360, kept on the right resident through merges and unmerges. */
@Module({
  imports: [CasesModule],
  providers: [
    CitizenCasesRepository,
    CitizenCasesResolver,
    CitizensMergedHandler,
    CitizensUnmergedHandler,
  ],
})
export class CitizenCasesModule {}
