import { Module } from '@nestjs/common';
import { BusinessCalendarRepository } from './business-calendar.repository.js';
import { BusinessCalendarResolver } from './graphql/business-calendar.resolver.js';
import { ServiceLevels } from './service-levels.js';
import { SaveBusinessCalendarUseCase } from './use-cases/save-business-calendar/save-business-calendar.use-case.js';

@Module({
  providers: [
    BusinessCalendarRepository,
    BusinessCalendarResolver,
    SaveBusinessCalendarUseCase,
    ServiceLevels,
  ],
  exports: [ServiceLevels, BusinessCalendarRepository],
})
export class CalendarsModule {}
