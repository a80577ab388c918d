import { Module } from '@nestjs/common';
import { CaseFactRepository } from './case-fact.repository.js';
import { CaseCountsResolver } from './graphql/case-counts.resolver.js';
import { CaseOpenedHandler } from './messaging/case-opened.handler.js';
import { CaseRoutedHandler } from './messaging/case-routed.handler.js';

@Module({
  providers: [CaseFactRepository, CaseOpenedHandler, CaseRoutedHandler, CaseCountsResolver],
})
export class CaseFactsModule {}
