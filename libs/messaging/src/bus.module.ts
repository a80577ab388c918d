import {
  Global,
  Module,
  type DynamicModule,
  type Provider,
  type InjectionToken,
} from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import type { NatsConnection } from '@nats-io/transport-node';
import { BusClient } from './bus.client.js';
import { BusMetrics } from './bus-metrics.js';
import { BUS_OPTIONS, type BusOptions } from './bus.options.js';
import { EventConsumers } from './event-consumers.js';
import { connectNats, NATS_CONNECTION } from './nats.connection.js';
import { PersonalReadAudit } from './personal-read-audit.js';
import { AdminChangeRecorder } from './admin-change-recorder.js';
import { OutboxRelay } from './outbox.relay.js';
import { RequestResponder } from './request-responder.js';
import { UnitOfWork } from './unit-of-work.js';

/** Closes the connection after every consumer and responder has stopped. */
class NatsConnectionCloser {
  constructor(private readonly nc: NatsConnection) {}
  async onApplicationShutdown(): Promise<void> {
    await this.nc.drain().catch(() => this.nc.close());
  }
}

export interface BusModuleAsyncOptions {
  useFactory: (...args: any[]) => BusOptions | Promise<BusOptions>;
  inject?: InjectionToken[];
}

/**
 * The service's NATS participation: outbox relay, durable event consumers, request answering and
 * sending. Needs a TypeORM DataSource in the application (for the outbox and inbox tables).
 */
@Global()
@Module({})
export class BusModule {
  static forRootAsync(options: BusModuleAsyncOptions): DynamicModule {
    const providers: Provider[] = [
      { provide: BUS_OPTIONS, useFactory: options.useFactory, inject: options.inject ?? [] },
      {
        provide: NATS_CONNECTION,
        useFactory: (o: BusOptions) =>
          connectNats(o.natsUrl, o.service, { user: o.natsUser, pass: o.natsPassword }),
        inject: [BUS_OPTIONS],
      },
      OutboxRelay,
      UnitOfWork,
      BusMetrics,
      EventConsumers,
      RequestResponder,
      BusClient,
      PersonalReadAudit,
      AdminChangeRecorder,
      // Last, so its shutdown hook runs after the consumers and responders have stopped.
      {
        provide: NatsConnectionCloser,
        useFactory: (nc: NatsConnection) => new NatsConnectionCloser(nc),
        inject: [NATS_CONNECTION],
      },
    ];
    return {
      module: BusModule,
      imports: [DiscoveryModule],
      providers,
      exports: [
        BUS_OPTIONS,
        NATS_CONNECTION,
        UnitOfWork,
        BusClient,
        PersonalReadAudit,
        AdminChangeRecorder,
        OutboxRelay,
        EventConsumers,
      ],
    };
  }
}
