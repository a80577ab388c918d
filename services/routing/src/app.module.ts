import { Module, type DynamicModule } from '@nestjs/common';
import { ServiceKitModule } from '@civitas/service-kit';
import { CatalogModule } from './catalog/index.js';
import type { RoutingConfig } from './config/routing.config.js';
import { ROUTING } from './database/definition.js';
import { DistrictsModule } from './districts/index.js';
import { RoutingModule } from './routing/index.js';

@Module({})
export class AppModule {
  static forRoot(config: RoutingConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forRoot(ROUTING, config),
        CatalogModule,
        DistrictsModule,
        RoutingModule,
      ],
    };
  }
}
