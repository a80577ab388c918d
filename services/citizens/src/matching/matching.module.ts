import { Module } from '@nestjs/common';
import { CitizensModule } from '../citizens/citizens.module.js';
import { MergesModule } from '../merges/merges.module.js';
import { PossibleMatchRepository } from './possible-match.repository.js';
import { PossibleMatchResolver } from './graphql/possible-match.resolver.js';
import { ResolvePossibleMatchUseCase } from './use-cases/resolve-possible-match/resolve-possible-match.use-case.js';

@Module({
  imports: [CitizensModule, MergesModule],
  providers: [PossibleMatchRepository, ResolvePossibleMatchUseCase, PossibleMatchResolver],
})
export class MatchingModule {}
