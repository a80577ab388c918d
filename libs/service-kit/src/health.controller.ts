import { Controller, Get, Header, HttpCode, Inject, Res } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Response } from 'express';
import { NATS_CONNECTION } from '@civitas/messaging';
import { METRICS_REGISTRY } from '@civitas/observability';
import type { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { Public } from '@civitas/auth';

@Controller()
@Public()
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
  ) {}

  @Get('health/live')
  @HttpCode(200)
  live(): { status: string } {
    return { status: 'ok' };
  }

  /** Ready when this process can reach its database and NATS. */
  @Get('health/ready')
  async ready(@Res() res: Response): Promise<void> {
    const checks: Record<string, string> = {};
    try {
      await this.dataSource.query('SELECT 1');
      checks.database = 'ok';
    } catch (error) {
      checks.database = (error as Error).message;
    }
    checks.nats = this.nc.isClosed() ? 'closed' : 'ok';
    const ok = Object.values(checks).every((v) => v === 'ok');
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable', checks });
  }

  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4')
  async metrics(): Promise<string> {
    return this.registry.metrics();
  }
}
