import type { INestApplication } from '@nestjs/common';
import { encodeIdentity } from '@civitas/auth';
import { loadConfig, type BaseServiceConfig } from '@civitas/config';
import {
  HEADER_GATEWAY_SECRET,
  HEADER_IDENTITY,
  type Envelope,
  type EventContract,
  type Identity,
  type RequestContract,
  type ServiceName,
} from '@civitas/contracts';
import { BusNaming, createEnvelope, natsServers, type WireReply } from '@civitas/messaging';
import type { Consumer } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  createSubgraphApp,
  prepareServiceDatabase,
  serviceDataSourceOptions,
  type ServiceApp,
} from '@civitas/service-kit';
import { DataSource } from 'typeorm';
import { deleteNamespaceStreams, probeConsumer, publishEvent } from './bus-probes.js';
import { graphql, type GraphqlResponse } from './graphql-client.js';
import {
  TEST_GATEWAY_SECRET,
  TEST_PII_HASH_KEY,
  TEST_PII_KEYS,
  TEST_SURVEY_TOKEN_KEYS,
  testDatabaseServerUrl,
  testNatsUrl,
  uniqueName,
} from './infrastructure.js';
import { respondAs } from './respond-as.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';
import { TEST_PATIENCE_MS } from './patience.js';

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

/** A service's recipe (its `<NAME>_APP`, as its main.ts runs it) and what a test adds. */
export interface StartServiceOptions<C extends BaseServiceConfig> extends ServiceApp<C> {
  /** Bus namespace shared by the services of one test. */
  namespace: string;
  env?: Record<string, string>;
  seed?: (dataSource: DataSource) => Promise<void>;
  /** Reuse a database (e.g. restarting a service within a test). */
  database?: TestDatabase;
  /**
   * The Postgres server its database is made on: the tests' shared one unless given (a test that
   * stops Postgres under the service gives its own, `startPostgresServer`).
   */
  databaseServerUrl?: string;
}

/** Boots one real service (real Postgres database of its own, real NATS) listening on a free port. */
export async function startServiceForTest<C extends BaseServiceConfig>(
  options: StartServiceOptions<C>,
): Promise<ServiceUnderTest<C>> {
  const databaseServerUrl = options.databaseServerUrl ?? testDatabaseServerUrl();
  const base = {
    NODE_ENV: 'test',
    DATABASE_URL: databaseServerUrl,
    NATS_URL: testNatsUrl(),
    BUS_NAMESPACE: options.namespace,
    GATEWAY_SECRET: TEST_GATEWAY_SECRET,
    PII_KEYS: TEST_PII_KEYS,
    PII_HASH_KEY: TEST_PII_HASH_KEY,
    SURVEY_TOKEN_KEYS: TEST_SURVEY_TOKEN_KEYS,
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
      databaseServerUrl,
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

/**
 * Another service's side of a request contract, played by the test over the bus (`respondAs`) from
 * before the service under test starts until the harness is disposed.
 */
export type Peer = (nc: NatsConnection, namespace: string) => () => Promise<void>;

export function peer<Q extends object, R extends object>(
  contract: RequestContract<Q, R>,
  answer: (request: Q, envelope: Envelope<Q>) => Promise<R | Record<string, unknown>>,
): Peer {
  return (nc, namespace) => respondAs(nc, namespace, contract, contract.owner, answer);
}

/** What came back from a bus request, as the wire carries it (refusals included). */
export interface BusReply<R> {
  ok: boolean;
  payload?: R;
  error?: WireReply['error'];
}

export interface ServiceHarnessOptions<C extends BaseServiceConfig> extends Omit<
  StartServiceOptions<C>,
  'namespace' | 'database'
> {
  /** Prefix of the test's own bus namespace (made unique). */
  namespace?: string;
  /** Other services the service asks over the bus, played by the test. */
  peers?: Peer[];
}

/**
 * One service under test with everything around it: its own database copied from the migrated
 * template, its own bus namespace and a NATS connection of the test's, the peers it asks, and one
 * `dispose()` that undoes it all. `stop()` then `start()` boots it again on the same database.
 */
export interface ServiceHarness<C extends BaseServiceConfig> extends ServiceUnderTest<C> {
  namespace: string;
  naming: BusNaming;
  nc: NatsConnection;
  /** Boots the service again after `stop()`, on the same database and namespace. */
  start(options?: { env?: Record<string, string> }): Promise<void>;
  /** Plays another service's side of `contract` (until the returned stop, or dispose). */
  respondAs<Q extends object, R extends object>(
    contract: RequestContract<Q, R>,
    answer: (request: Q) => Promise<R | Record<string, unknown>>,
  ): () => Promise<void>;
  /** Publishes an event on the test's namespace as its owner would (see publishEvent). */
  publish<P extends object>(
    contract: EventContract<P>,
    payload: P,
    options?: Parameters<typeof publishEvent<P>>[4],
  ): Promise<Envelope<P>>;
  /** A consumer of the events published on `contract`'s subject in this namespace. */
  probe(contract: EventContract): Promise<Consumer>;
  /** Sends a request to the service as `as` would (its first allowed caller by default). */
  request<Q extends object, R extends object>(
    contract: RequestContract<Q, R>,
    payload: Q,
    options?: { as?: ServiceName; timeoutMs?: number },
  ): Promise<BusReply<R>>;
  /** `request`, answering the reply's payload and failing on a refusal. */
  ask<Q extends object, R extends object>(
    contract: RequestContract<Q, R>,
    payload: Q,
    options?: { as?: ServiceName; timeoutMs?: number },
  ): Promise<R>;
}

export async function startServiceHarness<C extends BaseServiceConfig>(
  options: ServiceHarnessOptions<C>,
): Promise<ServiceHarness<C>> {
  const namespace = uniqueName(options.namespace ?? 'ns');
  const naming = new BusNaming(namespace);
  const nc = await connect({ servers: natsServers(testNatsUrl()) });
  const stops = (options.peers ?? []).map((play) => play(nc, namespace));
  let current: ServiceUnderTest<C> | undefined;
  let database: TestDatabase | undefined;
  const boot = async (env: Record<string, string> = {}) => {
    current = await startServiceForTest({
      ...options,
      namespace,
      database,
      env: { ...options.env, ...env },
      seed: database ? undefined : options.seed,
    });
    database = current.database;
  };
  const running = () => {
    if (!current) {
      throw new Error(`${options.definition.service} is not running (start it again first)`);
    }
    return current;
  };
  const request = async <Q extends object, R extends object>(
    contract: RequestContract<Q, R>,
    payload: Q,
    {
      as = contract.callers[0],
      timeoutMs = TEST_PATIENCE_MS,
    }: { as?: ServiceName; timeoutMs?: number } = {},
  ): Promise<BusReply<R>> => {
    const envelope = createEnvelope(as, contract.subject, payload);
    const msg = await nc.request(naming.subject(contract.subject), JSON.stringify(envelope), {
      timeout: timeoutMs,
    });
    return msg.json<BusReply<R>>();
  };
  try {
    await boot();
  } catch (error) {
    await Promise.all(stops.map((stop) => stop()));
    await nc.close();
    throw error;
  }
  return {
    namespace,
    naming,
    nc,
    get url() {
      return running().url;
    },
    get app() {
      return running().app;
    },
    get config() {
      return running().config;
    },
    database: database!,
    query: (query, variables, identity) => running().query(query, variables, identity),
    start: async ({ env } = {}) => {
      if (current) {
        throw new Error(`${options.definition.service} is already running`);
      }
      await boot(env);
    },
    stop: async () => {
      const stopping = current;
      current = undefined;
      await stopping?.stop();
    },
    respondAs: (contract, answer) => {
      const stop = respondAs(nc, namespace, contract, contract.owner, answer);
      stops.push(stop);
      return stop;
    },
    publish: (contract, payload, publishOptions) =>
      publishEvent(nc, namespace, contract, payload, publishOptions),
    probe: (contract) =>
      probeConsumer(nc, naming.stream(contract.owner), naming.subject(contract.subject)),
    request,
    ask: async (contract, payload, askOptions) => {
      const reply = await request(contract, payload, askOptions);
      if (!reply.ok) {
        throw new Error(`${contract.subject} failed: ${JSON.stringify(reply.error)}`);
      }
      return reply.payload!;
    },
    dispose: async () => {
      await current?.stop();
      current = undefined;
      for (const stop of stops) {
        await stop();
      }
      await database?.drop();
      await deleteNamespaceStreams(nc, namespace);
      await nc.close();
    },
  };
}
