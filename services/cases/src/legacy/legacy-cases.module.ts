import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/index.js';
import { LegacyOriginsModule } from '../legacy-origins/index.js';
import { TimelineModule } from '../timeline/index.js';
import { CaseLegacyResolver } from './graphql/case-legacy.resolver.js';
import { HistoryAcceptedHandler } from './messaging/history-accepted.handler.js';
import { HistoryRoutedHandler } from './messaging/history-routed.handler.js';
import { OpenHistoryUseCase } from './use-cases/open-history/open-history.use-case.js';
import { RecordHistoryRoutingUseCase } from './use-cases/record-history-routing/record-history-routing.use-case.js';

/** Imported history: cases opened and routed in batches (docs/adr/0022), and their origins. */
@Module({
  imports: [CasesModule, TimelineModule, LegacyOriginsModule],
  providers: [
    CaseLegacyResolver,
    OpenHistoryUseCase,
    RecordHistoryRoutingUseCase,
    HistoryAcceptedHandler,
    HistoryRoutedHandler,
  ],
})
export class LegacyCasesModule {}
