import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { BaseServiceConfig } from '@civitas/config';
import { JsonLogger, type LogLevel } from '@civitas/observability';
import { configureSubgraphHttp } from './http-pipeline.js';

/** Builds a subgraph app (not yet listening) with the HTTP pipeline every subgraph shares. */
export async function createSubgraphApp(
  module: Type<unknown> | DynamicModule,
  service: string,
  config: BaseServiceConfig,
): Promise<INestApplication> {
  const app = await NestFactory.create(module, {
    logger: new JsonLogger(service, config.LOG_LEVEL as LogLevel),
    bodyParser: true,
    rawBody: false,
  });
  app.enableShutdownHooks();
  configureSubgraphHttp(app, config.GATEWAY_SECRET);
  return app;
}

/** main.ts of every service: build, listen on HOST:PORT, say where. */
export async function runSubgraph(
  module: Type<unknown> | DynamicModule,
  service: string,
  config: BaseServiceConfig,
): Promise<INestApplication> {
  const app = await createSubgraphApp(module, service, config);
  await app.listen(config.PORT, config.HOST);
  const address = app.getHttpServer().address() as { port: number };
  new JsonLogger(service).log({ msg: 'listening', url: `http://${config.HOST}:${address.port}/graphql` });
  return app;
}
