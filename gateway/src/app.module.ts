import { Module, type DynamicModule } from '@nestjs/common';
import type { JsonLogger } from '@civitas/observability';
import type { Registry } from 'prom-client';
import type { GatewayConfig } from './config/gateway.config.js';
import { CoreModule } from './core.module.js';
import { GraphModule } from './graph/graph.module.js';
import { HealthModule } from './health/health.module.js';
import { Open311Module } from './open311/open311.module.js';

export interface AppModuleOptions {
  config: GatewayConfig;
  logger: JsonLogger;
  registry: Registry;
  supergraphSdl: string;
}

/**
 * The gateway: the federated graph at /graphql, health and metrics. REST facades over the graph
 * (the Open311 GeoReport v2 API in `open311/`) are feature modules imported here; they inject
 * `GraphExecutor` to run graph operations and mount their own authentication (API keys) in
 * `configureEdge` for their path.
 */
@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(options.config, options.logger, options.registry),
        GraphModule.forRoot(options),
        HealthModule,
        Open311Module,
      ],
    };
  }
}
