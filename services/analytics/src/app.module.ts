import { Module, type DynamicModule } from '@nestjs/common';
import { ServiceKitModule } from '@civitas/service-kit';
import { CaseFactsModule } from './case-facts/index.js';
import type { AnalyticsConfig } from './config/analytics.config.js';
import { ANALYTICS } from './database/definition.js';

@Module({})
export class AppModule {
  static forRoot(config: AnalyticsConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceKitModule.forRoot(ANALYTICS, config), CaseFactsModule],
    };
  }
}
