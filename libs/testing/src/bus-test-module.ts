import { Global, Module, type LoggerService, type Type } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test, type TestingModule } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  BusModule,
  CreateMessagingTables1764000000000,
  MESSAGING_ENTITIES,
  type BusOptions,
  type ConsumerDeclaration,
} from '@civitas/messaging';
import { METRICS_REGISTRY } from '@civitas/observability';
import { dataSourceOptions } from '@civitas/persistence';
import type { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { deleteNamespaceStreams } from './bus-probes.js';
import { testDatabaseServerUrl, testNatsUrl, uniqueName } from './infrastructure.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

const MIGRATIONS = [CreateMessagingTables1764000000000];

const messagingOptions = (database: string) =>
  dataSourceOptions({
    serverUrl: testDatabaseServerUrl(),
    database,
    entities: MESSAGING_ENTITIES,
    migrations: MIGRATIONS,
  });

/**
 * A database with the messaging tables only (outbox, inbox, …), for specs of the bus itself: they
 * run consumers without a service around them. `name` keeps one spec's template apart from another's.
 */
export function createMessagingTestDatabase(name: string): Promise<TestDatabase> {
  return createTestDatabase(name, MIGRATIONS, (db) => new DataSource(messagingOptions(db)));
}

export interface BusTestModuleOptions {
  database: TestDatabase;
  /** The service the module plays (it publishes and consumes as that service). */
  service: BusOptions['service'];
  namespace: string;
  consumers: ConsumerDeclaration[];
  /** The NATS server (e.g. one the spec restarts, `startNatsServer`); the machine's unless given. */
  natsUrl?: string;
  /** The `@OnEvent` handlers (and whatever else the module provides). */
  providers: Type[];
  maxDeliver?: number;
  /** How often consumers are checked for a stalled pull (BusOptions.consumerWatchdogMs). */
  consumerWatchdogMs?: number;
  logger?: LoggerService;
  /** Where the bus records its metrics, as a subgraph's registry would take them. */
  registry?: Registry;
}

/**
 * A Nest module with the real BusModule (real NATS) and TypeORM on `database`: `compile()` answers
 * it built and not yet started, `init()` starts its consumers.
 */
export async function compileBusTestModule(options: BusTestModuleOptions): Promise<TestingModule> {
  @Global()
  @Module({
    providers: options.registry ? [{ provide: METRICS_REGISTRY, useValue: options.registry }] : [],
    exports: options.registry ? [METRICS_REGISTRY] : [],
  })
  class MetricsTestModule {}

  @Module({
    imports: [
      DiscoveryModule,
      MetricsTestModule,
      TypeOrmModule.forRoot(messagingOptions(options.database.name)),
      BusModule.forRootAsync({
        useFactory: () => ({
          service: options.service,
          natsUrl: options.natsUrl ?? testNatsUrl(),
          namespace: options.namespace,
          maxDeliver: options.maxDeliver ?? 3,
          consumerWatchdogMs: options.consumerWatchdogMs,
          consumers: options.consumers,
        }),
      }),
    ],
    providers: options.providers,
  })
  class BusTestModule {}
  const builder = Test.createTestingModule({ imports: [BusTestModule] });
  if (options.logger) {
    builder.setLogger(options.logger);
  }
  return builder.compile();
}

/** What a spec of the bus runs on: a messaging database and a NATS connection, with namespaces. */
export interface BusTestBed {
  db: TestDatabase;
  nc: NatsConnection;
  /** A bus namespace of the bed's own. */
  namespace: string;
  /** Another namespace of the bed's own, for a test that wants one fresh. */
  freshNamespace(): string;
  /** `compileBusTestModule` on the bed's database and (unless another is given) its namespace. */
  compile(
    options: Omit<BusTestModuleOptions, 'database' | 'namespace'> & { namespace?: string },
  ): Promise<TestingModule>;
  /**
   * Drops the database, deletes the streams of every namespace and closes the connection; the
   * spec closes its modules first.
   */
  close(): Promise<void>;
}

/** A `BusTestBed` on a database from `createMessagingTestDatabase(name)`. */
export async function startBusTestBed(name: string): Promise<BusTestBed> {
  const db = await createMessagingTestDatabase(name);
  let nc: NatsConnection;
  try {
    nc = await connect({ servers: testNatsUrl() });
  } catch (error) {
    await db.drop();
    throw error;
  }
  const namespaces: string[] = [];
  const freshNamespace = () => {
    const namespace = uniqueName('ns');
    namespaces.push(namespace);
    return namespace;
  };
  const namespace = freshNamespace();
  return {
    db,
    nc,
    namespace,
    freshNamespace,
    compile: (options) =>
      compileBusTestModule({ ...options, database: db, namespace: options.namespace ?? namespace }),
    close: async () => {
      await db.drop();
      for (const each of namespaces) {
        await deleteNamespaceStreams(nc, each);
      }
      await nc.close();
    },
  };
}
