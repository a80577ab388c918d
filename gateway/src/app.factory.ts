import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  createMetricsRegistry,
  JsonLogger,
  keepIdleConnections,
  type LogLevel,
} from '@civitas/observability';
import { AppModule } from './app.module.js';
import type { GatewayConfig } from './config/gateway.config.js';
import { readSupergraph } from './graph/supergraph.js';
import { configureEdge } from './http/configure-edge.js';

/** The gateway app, configured but not yet listening (tests call `listen` on a free port). */
export async function createGatewayApp(config: GatewayConfig): Promise<INestApplication> {
  const logger = new JsonLogger('gateway', config.LOG_LEVEL as LogLevel);
  const supergraphSdl = readSupergraph(config.SUPERGRAPH_PATH);
  const registry = createMetricsRegistry('gateway');
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot({
      config,
      logger,
      registry,
      supergraphSdl,
    }),
    { logger, bodyParser: false },
  );
  app.disable('x-powered-by');
  app.enableShutdownHooks();
  keepIdleConnections(app.getHttpServer());
  configureEdge(app, config, logger, registry);
  return app;
}
