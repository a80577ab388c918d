import { Module } from '@nestjs/common';
import { CitizensModule } from '../citizens/index.js';
import { MatchingModule } from '../matching/index.js';
import { CitizenMergeRepository } from './citizen-merge.repository.js';
import { MergeResolver } from './graphql/merge.resolver.js';
import { PossibleMatchResolver } from './graphql/possible-match.resolver.js';
import { MergeCitizensUseCase } from './use-cases/merge-citizens/merge-citizens.use-case.js';
import { ResolvePossibleMatchUseCase } from './use-cases/resolve-possible-match/resolve-possible-match.use-case.js';
import { UnmergeCitizensUseCase } from './use-cases/unmerge-citizens/unmerge-citizens.use-case.js';

/**
 * Staff decide that two records are one resident (a merge, which can be undone) or, answering a
 * possible match that identity resolution left, that they are two.
 */
@Module({
  imports: [CitizensModule, MatchingModule],
  providers: [
    CitizenMergeRepository,
    MergeCitizensUseCase,
    UnmergeCitizensUseCase,
    ResolvePossibleMatchUseCase,
    MergeResolver,
    PossibleMatchResolver,
  ],
})
export class MergesModule {}
