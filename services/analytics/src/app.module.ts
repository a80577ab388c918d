import { Module, type DynamicModule } from '@nestjs/common';
import { ServiceKitModule, type ServiceApp } from '@civitas/service-kit';
import { AssignmentsModule } from './assignments/index.js';
import { CaseFactsModule } from './case-facts/index.js';
import { OpenDataModule } from './open-data/index.js';
import { StatsModule } from './stats/index.js';
import { AnalyticsConfigModule } from './config/analytics-config.module.js';
import { AnalyticsConfig } from './config/analytics.config.js';
import { ANALYTICS } from './database/definition.js';

@Module({})
export class AppModule {
  static forRoot(config: AnalyticsConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forRoot(ANALYTICS, config),
        AnalyticsConfigModule.forRoot(config),
        CaseFactsModule,
        StatsModule,
        OpenDataModule,
        AssignmentsModule,
      ],
    };
  }
}

/** Analytics as its main.ts runs it and as its tests boot it. */
export const ANALYTICS_APP: ServiceApp<AnalyticsConfig> = {
  definition: ANALYTICS,
  configClass: AnalyticsConfig,
  appModule: (config) => AppModule.forRoot(config),
};
