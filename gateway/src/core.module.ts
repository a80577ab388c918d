import { Global, Module, type DynamicModule } from '@nestjs/common';
import { METRICS_REGISTRY, TracingShutdown, type JsonLogger } from '@civitas/observability';
import type { Registry } from 'prom-client';
import { GATEWAY_CONFIG, type GatewayConfig } from './config/gateway.config.js';

export const GATEWAY_LOGGER = Symbol('GATEWAY_LOGGER');

/** Config, logger and metrics registry, injectable everywhere in the gateway; spans sent at shutdown. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: GatewayConfig, logger: JsonLogger, registry: Registry): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        { provide: GATEWAY_LOGGER, useValue: logger },
        { provide: METRICS_REGISTRY, useValue: registry },
        TracingShutdown,
      ],
      exports: [GATEWAY_CONFIG, GATEWAY_LOGGER, METRICS_REGISTRY],
    };
  }
}
