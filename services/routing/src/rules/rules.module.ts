import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/index.js';
import { DistrictsModule } from '../districts/index.js';
import { RoutingRulesResolver } from './graphql/routing-rules.resolver.js';
import { RoutingRuleRepository } from './routing-rule.repository.js';
import { RuleBook } from './rule-book.js';
import { RuleCheck } from './rule-check.js';
import { DeleteRoutingRuleUseCase } from './use-cases/delete-routing-rule/delete-routing-rule.use-case.js';
import { MoveRoutingRuleUseCase } from './use-cases/move-routing-rule/move-routing-rule.use-case.js';
import { SaveRoutingRuleUseCase } from './use-cases/save-routing-rule/save-routing-rule.use-case.js';

@Module({
  imports: [CatalogModule, DistrictsModule],
  providers: [
    RoutingRuleRepository,
    RuleBook,
    RuleCheck,
    SaveRoutingRuleUseCase,
    DeleteRoutingRuleUseCase,
    MoveRoutingRuleUseCase,
    RoutingRulesResolver,
  ],
  exports: [RuleBook, RuleCheck],
})
export class RulesModule {}
