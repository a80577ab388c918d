import { Module } from '@nestjs/common';
import { CitizensModule } from '../citizens/citizens.module.js';
import { MergeResolver } from './graphql/merge.resolver.js';
import { MergeCitizensUseCase } from './use-cases/merge-citizens/merge-citizens.use-case.js';
import { UnmergeCitizensUseCase } from './use-cases/unmerge-citizens/unmerge-citizens.use-case.js';

@Module({
  imports: [CitizensModule],
  providers: [MergeCitizensUseCase, UnmergeCitizensUseCase, MergeResolver],
  exports: [MergeCitizensUseCase],
})
export class MergesModule {}
