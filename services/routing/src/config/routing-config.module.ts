import { Global, Module, type DynamicModule } from '@nestjs/common';
import { RoutingConfig } from './routing.config.js';

/** Makes the validated configuration injectable everywhere in the service. */
@Global()
@Module({})
export class RoutingConfigModule {
  static forRoot(config: RoutingConfig): DynamicModule {
    return {
      module: RoutingConfigModule,
      providers: [{ provide: RoutingConfig, useValue: config }],
      exports: [RoutingConfig],
    };
  }
}
