import { Args, Context, Int, Query, Resolver } from '@nestjs/graphql';
import { Roles } from '@civitas/auth';
import { PII_READER_ROLES } from '@civitas/contracts';
import { CitizenObject } from '../../citizens/index.js';
import { statePurpose } from '../../privacy/index.js';
import { SearchCitizensUseCase } from '../use-cases/search-citizens/search-citizens.use-case.js';

@Resolver(() => CitizenObject)
export class SearchResolver {
  constructor(private readonly search: SearchCitizensUseCase) {}

  @Roles(...PII_READER_ROLES)
  @Query(() => [CitizenObject], {
    description:
      'Find residents by name (typos tolerated), e-mail, phone or address (starting with the house number). Staff only; every personal field read is audited.',
  })
  async searchCitizens(
    @Args('query', { type: () => String }) query: string,
    @Args('purpose', {
      type: () => String,
      nullable: true,
      description: 'Why you search (kept in the audit log).',
    })
    purpose: string | undefined,
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
    @Context('req') req: object,
  ): Promise<CitizenObject[]> {
    statePurpose(req, purpose);
    return (await this.search.execute(query, first)).map(CitizenObject.from);
  }
}
