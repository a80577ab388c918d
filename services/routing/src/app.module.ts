import { Module, type DynamicModule } from '@nestjs/common';
import { ServiceKitModule, type ServiceApp } from '@civitas/service-kit';
import { CalendarsModule } from './calendars/index.js';
import { CatalogModule } from './catalog/index.js';
import { RoutingConfigModule } from './config/routing-config.module.js';
import { RoutingConfig } from './config/routing.config.js';
import { ROUTING } from './database/definition.js';
import { DistrictsModule } from './districts/index.js';
import { EscalationModule } from './escalation/index.js';
import { RoutingModule } from './routing/index.js';
import { RulesModule } from './rules/index.js';

@Module({})
export class AppModule {
  static forRoot(config: RoutingConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forRoot(ROUTING, config),
        RoutingConfigModule.forRoot(config),
        CalendarsModule,
        CatalogModule,
        DistrictsModule,
        RulesModule,
        RoutingModule,
        EscalationModule,
      ],
    };
  }
}

/** Routing as its main.ts runs it and as its tests boot it. */
export const ROUTING_APP: ServiceApp<RoutingConfig> = {
  definition: ROUTING,
  configClass: RoutingConfig,
  appModule: (config) => AppModule.forRoot(config),
};
