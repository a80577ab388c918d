import { Module } from '@nestjs/common';
import { HealthController } from './health.controller.js';
import { MetricsEndpoint } from './metrics-endpoint.js';

@Module({ controllers: [HealthController], providers: [MetricsEndpoint] })
export class HealthModule {}
