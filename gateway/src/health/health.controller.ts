import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config.js';
import { checkSubgraphs } from './subgraph-health.js';

/** Probes on the public port; metrics are on their own listener (MetricsEndpoint). */
@Controller()
export class HealthController {
  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

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
}
