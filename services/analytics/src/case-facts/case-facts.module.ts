import { Module } from '@nestjs/common';
import { CaseFactRepository } from './case-fact.repository.js';
import { CaseCountsResolver } from './graphql/case-counts.resolver.js';
import { CaseOpenedHandler } from './messaging/case-opened.handler.js';
import { CountEscalatedCaseHandler } from './messaging/case-escalated.handler.js';
import { CaseRoutedHandler } from './messaging/case-routed.handler.js';
import { CountDeadlinesMovedHandler } from './messaging/deadlines-moved.handler.js';
import { HistoryOpenedHandler } from './messaging/history-opened.handler.js';
import { HistoryRoutedHandler } from './messaging/history-routed.handler.js';
import { SatisfactionRecordedHandler } from './messaging/satisfaction-recorded.handler.js';
import { StatusChangedHandler } from './messaging/status-changed.handler.js';
import { RollupFolder } from './rollup-folder.js';

@Module({
  providers: [
    CaseFactRepository,
    RollupFolder,
    CaseOpenedHandler,
    CaseRoutedHandler,
    StatusChangedHandler,
    HistoryOpenedHandler,
    HistoryRoutedHandler,
    SatisfactionRecordedHandler,
    CountDeadlinesMovedHandler,
    CountEscalatedCaseHandler,
    CaseCountsResolver,
  ],
  exports: [RollupFolder],
})
export class CaseFactsModule {}
