import { Module } from '@nestjs/common';
import { StatsExportController } from './http/stats-export.controller.js';
import { StatsResolver } from './graphql/stats.resolver.js';
import { StatsReader } from './stats.reader.js';
import { ReadStatsUseCase } from './use-cases/read-stats/read-stats.use-case.js';

@Module({
  controllers: [StatsExportController],
  providers: [StatsReader, ReadStatsUseCase, StatsResolver],
})
export class StatsModule {}
