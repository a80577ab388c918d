import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { listenForMetrics, METRICS_REGISTRY, type MetricsListener } from '@civitas/observability';
import type { Registry } from 'prom-client';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config.js';

/**
 * `/metrics` on its own listener (METRICS_HOST:METRICS_PORT), started with the app and closed
 * with it; none when METRICS_PORT is unset. The public port does not serve metrics
 * (docs/adr/0044): they name operations, error rates and the process's memory.
 */
@Injectable()
export class MetricsEndpoint implements OnApplicationBootstrap, OnApplicationShutdown {
  private listener: MetricsListener | undefined;

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
  ) {}

  /** Where metrics are served, once the app has started; undefined when they are not. */
  get url(): string | undefined {
    return this.listener?.url;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.METRICS_PORT !== undefined) {
      this.listener = await listenForMetrics(
        this.registry,
        this.config.METRICS_HOST,
        this.config.METRICS_PORT,
      );
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.listener?.close();
    this.listener = undefined;
  }
}
