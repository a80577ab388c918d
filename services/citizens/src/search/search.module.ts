import { Module } from '@nestjs/common';
import { CitizensModule } from '../citizens/index.js';
import { MatchingModule } from '../matching/index.js';
import { SearchResolver } from './graphql/search.resolver.js';
import { SearchCitizensUseCase } from './use-cases/search-citizens/search-citizens.use-case.js';

@Module({
  imports: [CitizensModule, MatchingModule],
  providers: [SearchCitizensUseCase, SearchResolver],
})
export class SearchModule {}
