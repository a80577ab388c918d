import { Module } from '@nestjs/common';
import { CaseRepository } from '../cases/case.repository.js';
import { TimelineRepository } from '../timeline/timeline.repository.js';
import { CaseLegacyResolver } from './graphql/case-legacy.resolver.js';
import { LegacyCasesRepository } from './legacy-cases.repository.js';
import { HistoryAcceptedHandler } from './messaging/history-accepted.handler.js';
import { HistoryRoutedHandler } from './messaging/history-routed.handler.js';
import { OpenHistoryUseCase } from './use-cases/open-history/open-history.use-case.js';
import { RecordHistoryRoutingUseCase } from './use-cases/record-history-routing/record-history-routing.use-case.js';

@Module({
  providers: [
    CaseRepository,
    TimelineRepository,
    LegacyCasesRepository,
    CaseLegacyResolver,
    OpenHistoryUseCase,
    RecordHistoryRoutingUseCase,
    HistoryAcceptedHandler,
    HistoryRoutedHandler,
  ],
  exports: [LegacyCasesRepository],
})
export class LegacyCasesModule {}
