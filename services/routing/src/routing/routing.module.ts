import { Module } from '@nestjs/common';
import { CalendarsModule } from '../calendars/index.js';
import { CatalogModule } from '../catalog/index.js';
import { DistrictsModule } from '../districts/index.js';
import { CaseRoutingRepository } from './case-routing.repository.js';
import { RoutedCaseResolver } from './graphql/routed-case.resolver.js';
import { CaseOpenedHandler } from './messaging/case-opened.handler.js';
import { HistoryOpenedHandler } from './messaging/history-opened.handler.js';
import { RouteCaseUseCase } from './use-cases/route-case/route-case.use-case.js';

@Module({
  imports: [CalendarsModule, CatalogModule, DistrictsModule],
  providers: [
    CaseRoutingRepository,
    RouteCaseUseCase,
    CaseOpenedHandler,
    HistoryOpenedHandler,
    RoutedCaseResolver,
  ],
})
export class RoutingModule {}
