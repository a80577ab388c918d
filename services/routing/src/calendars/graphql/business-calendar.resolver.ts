import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Roles } from '@civitas/auth';
import { Role } from '@civitas/contracts';
import { BusinessCalendarRepository } from '../business-calendar.repository.js';
import { SaveBusinessCalendarUseCase } from '../use-cases/save-business-calendar/save-business-calendar.use-case.js';
import { SaveBusinessCalendarInput } from './business-calendar.input.js';
import { BusinessCalendarObject } from './business-calendar.object.js';

/** Staff read the calendars due times are counted in; only admins change them. */
@Resolver(() => BusinessCalendarObject)
export class BusinessCalendarResolver {
  constructor(
    private readonly calendars: BusinessCalendarRepository,
    private readonly saveUseCase: SaveBusinessCalendarUseCase,
  ) {}

  @Roles(Role.Agent, Role.Caseworker, Role.Supervisor, Role.Admin, Role.Analyst)
  @Query(() => [BusinessCalendarObject], {
    description: 'Every business calendar, by code (staff).',
  })
  async businessCalendars(): Promise<BusinessCalendarObject[]> {
    return (await this.calendars.all()).map(BusinessCalendarObject.from);
  }

  @Roles(Role.Admin)
  @Mutation(() => BusinessCalendarObject, {
    description:
      'Adds a business calendar, or replaces the one with this code whole (admins). Cases already routed keep their due times.',
  })
  async saveBusinessCalendar(
    @Args('input') input: SaveBusinessCalendarInput,
  ): Promise<BusinessCalendarObject> {
    return BusinessCalendarObject.from(await this.saveUseCase.execute(input));
  }
}
