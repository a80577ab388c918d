import { Injectable, Logger } from '@nestjs/common';
import { drainInBatches, PollingLoop, PollingWorker } from '@civitas/messaging';
import { AnalyticsConfig } from '../config/analytics.config.js';
import { CaseFactRepository } from './case-fact.repository.js';

/** Facts folded into the rollups per transaction: one statement per kind of rollup for them all. */
export const FOLD_BATCH = 1000;

/**
 * Brings the rollups to the facts (docs/adr/0087): every ANALYTICS_ROLLUP_FOLD_MS it folds what
 * the consumers noted pending since, many cases per statement, so the figures trail the facts by
 * about that much. Pending notes are rows in analytics' database: a restart loses none (the
 * first round after a start, one interval in, folds them with the consumers' catching up), and
 * replicas share them (each folds facts no one else holds).
 */
@Injectable()
export class RollupFolder extends PollingWorker {
  private readonly logger = new Logger(RollupFolder.name);
  protected readonly loop: PollingLoop;

  constructor(
    private readonly facts: CaseFactRepository,
    private readonly config: AnalyticsConfig,
  ) {
    super();
    this.loop = new PollingLoop({
      name: 'rollup folding',
      work: async () => {
        await this.fold();
      },
      intervalMs: config.ANALYTICS_ROLLUP_FOLD_MS,
      logger: this.logger,
    });
  }

  override onApplicationBootstrap(): void {
    this.loop.start(this.config.ANALYTICS_ROLLUP_FOLD_MS);
  }

  /** Folds everything pending now that no consumer is writing; answers how many facts. */
  fold(): Promise<number> {
    return drainInBatches(FOLD_BATCH, () => this.facts.foldPending(FOLD_BATCH));
  }
}
