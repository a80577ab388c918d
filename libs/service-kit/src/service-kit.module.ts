import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { BaseServiceConfig } from '@civitas/config';
import {
  BusModule,
  MESSAGING_ENTITIES,
  type BusOptions,
  type ConsumerDeclaration,
} from '@civitas/messaging';
import { dataSourceOptions } from '@civitas/persistence';
import { SubgraphModule } from './subgraph.module.js';

export type ServiceName = BusOptions['service'];

export interface ServiceDefinition {
  service: ServiceName;

  entities: Function[];

  migrations: Function[];
  /** GraphQL entity types only reached through federation (see SubgraphModuleOptions). */

  orphanedTypes?: Function[];
  /** The service's durable event consumers, from its `messaging/consumers.ts` (docs/adr/0031). */
  consumers: readonly ConsumerDeclaration[];
}

export function databaseNameOf(service: ServiceName, config: BaseServiceConfig): string {
  return config.DATABASE_NAME ?? `civitas_${service}`;
}

export function serviceDataSourceOptions(definition: ServiceDefinition, config: BaseServiceConfig) {
  return dataSourceOptions({
    serverUrl: config.DATABASE_URL,
    database: databaseNameOf(definition.service, config),
    entities: [...MESSAGING_ENTITIES, ...definition.entities],
    migrations: definition.migrations,
    applicationName: `civitas-${definition.service}`,
  });
}

export function busOptionsOf(definition: ServiceDefinition, config: BaseServiceConfig): BusOptions {
  return {
    service: definition.service,
    consumers: definition.consumers,
    natsUrl: config.NATS_URL,
    natsUser: config.NATS_USER,
    natsPassword: config.NATS_PASSWORD,
    namespace: config.BUS_NAMESPACE,
    maxDeliver: config.BUS_MAX_DELIVER,
    streamReplicas: config.BUS_STREAM_REPLICAS,
  };
}

/** Everything a Civitas service stands on: its database, the bus, and the subgraph plumbing. */
@Module({})
export class ServiceKitModule {
  static forRoot(definition: ServiceDefinition, config: BaseServiceConfig): DynamicModule {
    return {
      module: ServiceKitModule,
      imports: [
        TypeOrmModule.forRoot(serviceDataSourceOptions(definition, config)),
        BusModule.forRootAsync({ useFactory: () => busOptionsOf(definition, config) }),
        SubgraphModule.forRoot({
          service: definition.service,
          production: config.NODE_ENV === 'production',
          orphanedTypes: definition.orphanedTypes,
        }),
      ],
    };
  }
}
