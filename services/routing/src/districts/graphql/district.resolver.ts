import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Public, Roles } from '@civitas/auth';
import { Role } from '@civitas/contracts';
import { DistrictRepository } from '../district.repository.js';
import { SaveDistrictUseCase } from '../use-cases/save-district/save-district.use-case.js';
import { SaveDistrictInput } from './district.input.js';
import { DistrictObject } from './district.object.js';

/**
 * Districts are public, boundaries included: they describe places, not people, and a map of
 * requests by district needs them. Only admins change them.
 */
@Resolver(() => DistrictObject)
export class DistrictResolver {
  constructor(
    private readonly repository: DistrictRepository,
    private readonly saveUseCase: SaveDistrictUseCase,
  ) {}

  @Public()
  @Query(() => [DistrictObject], {
    description:
      'The active districts, by code; with includeInactive, the retired ones too (as `district(code)` answers them), for an admin to bring one back.',
  })
  async districts(
    @Args('includeInactive', { type: () => Boolean, defaultValue: false })
    includeInactive: boolean,
  ): Promise<DistrictObject[]> {
    const districts = includeInactive ? this.repository.all() : this.repository.active();
    return (await districts).map(DistrictObject.from);
  }

  @Public()
  @Query(() => DistrictObject, { nullable: true, description: 'One district, active or not.' })
  async district(@Args('code') code: string): Promise<DistrictObject | null> {
    const found = await this.repository.district(code);
    return found ? DistrictObject.from(found) : null;
  }

  @Roles(Role.Admin)
  @Mutation(() => DistrictObject, {
    description: 'Adds a district, or replaces the one with this code (admins).',
  })
  async saveDistrict(@Args('input') input: SaveDistrictInput): Promise<DistrictObject> {
    return DistrictObject.from(await this.saveUseCase.execute(input));
  }
}
