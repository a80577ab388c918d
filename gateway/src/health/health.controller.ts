import { Controller, Get, Header, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { Registry } from 'prom-client';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config.js';
import { METRICS_REGISTRY } from '../core.module.js';
import { checkSubgraphs } from './subgraph-health.js';

@Controller()
export class HealthController {
  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
  ) {}

  @Get('health/live')
  live(): { status: string } {
    return { status: 'ok' };
  }

  /** Ready only when every subgraph says it is: the gateway cannot answer much without them. */
  @Get('health/ready')
  async ready(@Res() res: Response): Promise<void> {
    const subgraphs = await checkSubgraphs(this.config.subgraphUrls);
    const ok = Object.values(subgraphs).every((s) => s.status === 'ok');
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable', subgraphs });
  }

  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4')
  async metrics(): Promise<string> {
    return this.registry.metrics();
  }
}
