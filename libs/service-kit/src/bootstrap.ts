import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfigOrExit, type BaseServiceConfig } from '@civitas/config';
import {
  announceListening,
  exitWhenSupervisorDies,
  JsonLogger,
  keepIdleConnections,
  startTracing,
  tracingOptionsOf,
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
  keepIdleConnections(app.getHttpServer());
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
 * A service as one process runs it: what it owns, the class of its environment and its root
 * module. Its main.ts starts it with `startService`, and tests boot the same recipe
 * (`startServiceHarness` in `@civitas/testing`).
 */
export interface ServiceApp<C extends BaseServiceConfig> {
  definition: ServiceDefinition;
  configClass: new () => C;
  appModule: (config: C) => DynamicModule;
}

/**
 * A service's whole main: read its environment (or refuse to start, naming the variable), migrate
 * (and seed, when `seedFor` gives a seed for that environment), then either exit (MIGRATE_ONLY,
 * the deploy job) or serve the subgraph.
 */
export async function startService<C extends BaseServiceConfig>(
  app: ServiceApp<C>,
  seedFor?: (config: C) => ((dataSource: DataSource) => Promise<void>) | undefined,
): Promise<INestApplication | null> {
  const { definition } = app;
  const config = loadConfigOrExit(app.configClass, definition.service);
  const logger = new JsonLogger(definition.service, config.LOG_LEVEL as LogLevel);
  if (!config.MIGRATE_ONLY && startTracing(tracingOptionsOf(definition.service, config))) {
    logger.log({ msg: 'tracing on: spans go by OTLP/HTTP' });
  }
  const applied = await prepareServiceDatabase(definition, config, seedFor?.(config));
  if (applied.length > 0) {
    logger.log({ msg: 'migrations applied', migrations: applied });
  }
  if (config.MIGRATE_ONLY) {
    logger.log({ msg: 'MIGRATE_ONLY: database is up to date; exiting' });
    return null;
  }
  return runSubgraph(app.appModule(config), definition.service, config);
}
