import { Module } from '@nestjs/common';
import { CitizensModule } from '../citizens/citizens.module.js';
import { SearchResolver } from './graphql/search.resolver.js';
import { SearchCitizensUseCase } from './use-cases/search-citizens/search-citizens.use-case.js';

@Module({
  imports: [CitizensModule],
  providers: [SearchCitizensUseCase, SearchResolver],
})
export class SearchModule {}
