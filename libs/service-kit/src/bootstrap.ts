import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { BaseServiceConfig } from '@civitas/config';
import {
  announceListening,
  exitWhenSupervisorDies,
  JsonLogger,
  type LogLevel,
} from '@civitas/observability';
import type { DataSource } from 'typeorm';
import { configureSubgraphHttp } from './http-pipeline.js';
import { prepareServiceDatabase } from './prepare-database.js';
import type { ServiceDefinition } from './service-kit.module.js';

/** Builds a subgraph app (not yet listening) with the HTTP pipeline every subgraph shares. */
export async function createSubgraphApp(
  module: Type<unknown> | DynamicModule,
  service: string,
  config: BaseServiceConfig,
): Promise<INestApplication> {
  const app = await NestFactory.create(module, {
    logger: new JsonLogger(service, config.LOG_LEVEL as LogLevel),
    // configureSubgraphHttp registers the JSON parser, with the limit the gateway plans for.
    bodyParser: false,
    rawBody: false,
  });
  app.enableShutdownHooks();
  configureSubgraphHttp(app, config.GATEWAY_SECRET);
  return app;
}

/** main.ts of every service: build, listen on HOST:PORT (0: a port the OS picks), say where. */
export async function runSubgraph(
  module: Type<unknown> | DynamicModule,
  service: string,
  config: BaseServiceConfig,
): Promise<INestApplication> {
  const app = await createSubgraphApp(module, service, config);
  await app.listen(config.PORT, config.HOST);
  const address = app.getHttpServer().address() as { port: number };
  announceListening(service, `http://${config.HOST}:${address.port}/graphql`);
  const logger = new JsonLogger(service);
  exitWhenSupervisorDies(
    config.SUPERVISOR_PID,
    () => app.close(),
    (m) => logger.warn(m),
  );
  return app;
}

/**
 * A service's whole main: migrate (and seed), then either exit (MIGRATE_ONLY, the deploy job) or
 * serve the subgraph.
 */
export async function startService(
  definition: ServiceDefinition,
  config: BaseServiceConfig,
  module: DynamicModule,
  seed?: (dataSource: DataSource) => Promise<void>,
): Promise<INestApplication | null> {
  const logger = new JsonLogger(definition.service, config.LOG_LEVEL as LogLevel);
  const applied = await prepareServiceDatabase(definition, config, seed);
  if (applied.length > 0) {
    logger.log({ msg: 'migrations applied', migrations: applied });
  }
  if (config.MIGRATE_ONLY) {
    logger.log({ msg: 'MIGRATE_ONLY: database is up to date; exiting' });
    return null;
  }
  return runSubgraph(module, definition.service, config);
}
