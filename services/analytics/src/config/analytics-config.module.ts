import { Global, Module, type DynamicModule } from '@nestjs/common';
import { AnalyticsConfig } from './analytics.config.js';

/** Makes the validated configuration injectable everywhere in the service. */
@Global()
@Module({})
export class AnalyticsConfigModule {
  static forRoot(config: AnalyticsConfig): DynamicModule {
    return {
      module: AnalyticsConfigModule,
      providers: [{ provide: AnalyticsConfig, useValue: config }],
      exports: [AnalyticsConfig],
    };
  }
}
