import { Module } from '@nestjs/common';
import { CalendarsModule } from '../calendars/index.js';
import { CatalogModule } from '../catalog/index.js';
import { DistrictsModule } from '../districts/index.js';
import { EscalationModule } from '../escalation/index.js';
import { RulesModule } from '../rules/index.js';
import { CaseRoutingRepository } from './case-routing.repository.js';
import { RoutedCaseResolver } from './graphql/routed-case.resolver.js';
import { RoutingPreviewResolver } from './graphql/routing-preview.resolver.js';
import { CaseOpenedHandler } from './messaging/case-opened.handler.js';
import { HistoryOpenedHandler } from './messaging/history-opened.handler.js';
import { PreviewRoutingUseCase } from './use-cases/preview-routing/preview-routing.use-case.js';
import { RouteCaseUseCase } from './use-cases/route-case/route-case.use-case.js';

@Module({
  imports: [CalendarsModule, CatalogModule, DistrictsModule, EscalationModule, RulesModule],
  providers: [
    CaseRoutingRepository,
    RouteCaseUseCase,
    CaseOpenedHandler,
    HistoryOpenedHandler,
    RoutedCaseResolver,
    PreviewRoutingUseCase,
    RoutingPreviewResolver,
  ],
})
export class RoutingModule {}
