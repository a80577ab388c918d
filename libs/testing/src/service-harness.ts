import type { DynamicModule, INestApplication } from '@nestjs/common';
import { encodeIdentity } from '@civitas/auth';
import { loadConfig, type BaseServiceConfig } from '@civitas/config';
import { HEADER_GATEWAY_SECRET, HEADER_IDENTITY, type Identity } from '@civitas/contracts';
import {
  createSubgraphApp,
  prepareServiceDatabase,
  serviceDataSourceOptions,
  type ServiceDefinition,
} from '@civitas/service-kit';
import { DataSource } from 'typeorm';
import { graphql, type GraphqlResponse } from './graphql-client.js';
import {
  TEST_GATEWAY_SECRET,
  TEST_PII_HASH_KEY,
  TEST_PII_KEYS,
  testDatabaseServerUrl,
  testNatsUrl,
} from './infrastructure.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

/** Headers the gateway would send for `identity` (anonymous when omitted). */
export function gatewayHeaders(identity?: Partial<Identity>): Record<string, string> {
  const headers: Record<string, string> = { [HEADER_GATEWAY_SECRET]: TEST_GATEWAY_SECRET };
  if (identity) {
    headers[HEADER_IDENTITY] = encodeIdentity({
      sub: null,
      roles: [],
      departments: [],
      ...identity,
    });
  }
  return headers;
}

export interface ServiceUnderTest<C> {
  url: string;
  app: INestApplication;
  config: C;
  database: TestDatabase;
  /** A GraphQL call as the gateway would make it, on behalf of `identity`. */
  query<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    identity?: Partial<Identity>,
  ): Promise<GraphqlResponse<T>>;
  /** Stops the app (its consumers stop; their durable state stays in NATS). */
  stop(): Promise<void>;
  /** Stops the app and drops its database. */
  dispose(): Promise<void>;
}

export interface StartServiceOptions<C extends BaseServiceConfig> {
  definition: ServiceDefinition;
  configClass: new () => C;
  appModule: (config: C) => DynamicModule;
  /** Bus namespace shared by the services of one test. */
  namespace: string;
  env?: Record<string, string>;
  seed?: (dataSource: DataSource) => Promise<void>;
  /** Reuse a database (e.g. restarting a service within a test). */
  database?: TestDatabase;
}

/** Boots one real service (real Postgres database of its own, real NATS) listening on a free port. */
export async function startServiceForTest<C extends BaseServiceConfig>(
  options: StartServiceOptions<C>,
): Promise<ServiceUnderTest<C>> {
  const base = {
    NODE_ENV: 'test',
    DATABASE_URL: testDatabaseServerUrl(),
    NATS_URL: testNatsUrl(),
    BUS_NAMESPACE: options.namespace,
    GATEWAY_SECRET: TEST_GATEWAY_SECRET,
    PII_KEYS: TEST_PII_KEYS,
    PII_HASH_KEY: TEST_PII_HASH_KEY,
    LOG_LEVEL: 'warn',
    PORT: '0',
    ...options.env,
  };
  const database =
    options.database ??
    (await createTestDatabase(
      options.definition.service,
      options.definition.migrations,
      (name) =>
        new DataSource(
          serviceDataSourceOptions(
            options.definition,
            loadConfig(options.configClass, { ...base, DATABASE_NAME: name }),
          ),
        ),
    ));
  const config = loadConfig(options.configClass, { ...base, DATABASE_NAME: database.name });
  if (options.seed) {
    await prepareServiceDatabase(options.definition, config, options.seed);
  }
  const app = await createSubgraphApp(
    options.appModule(config),
    options.definition.service,
    config,
  );
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${port}/graphql`;
  let stopped = false;
  const stop = async () => {
    if (!stopped) {
      stopped = true;
      await app.close();
    }
  };
  return {
    url,
    app,
    config,
    database,
    query: (q, variables = {}, identity) => graphql(url, q, variables, gatewayHeaders(identity)),
    stop,
    dispose: async () => {
      await stop();
      if (!options.database) {
        await database.drop();
      }
    },
  };
}
