import { Injectable, Logger } from '@nestjs/common';
import { PollingLoop, PollingWorker } from '@civitas/messaging';
import { DataSource } from 'typeorm';
import { AnalyticsConfig } from '../../config/analytics.config.js';
import { MakeOpenDataFileUseCase } from '../use-cases/make-open-data-file/make-open-data-file.use-case.js';
import { OPEN_DATA_FORMATS } from '../open-data-text.js';
import { OpenDataRepository } from '../open-data.repository.js';
import { OpenDataSnapshots } from './open-data-snapshots.js';

/**
 * Writes the open-data files (CSV and JSON) of every month that has ended (in the jurisdiction's
 * time zone) and has none yet: so each month gets its files the first hour after it ends, kept
 * unchanged from then on for anyone to cite (docs/adr/0057, 0065). Months from before this
 * version are written on its first round; a month kept before JSON existed gets its JSON then,
 * from the facts as they are by then. Replicas do not write one month twice (an advisory lock
 * and the month's key). Each round also folds open data's change counts (docs/adr/0065).
 */
@Injectable()
export class SnapshotWriter extends PollingWorker {
  private readonly logger = new Logger(SnapshotWriter.name);
  protected readonly loop: PollingLoop;

  constructor(
    private readonly dataSource: DataSource,
    private readonly files: MakeOpenDataFileUseCase,
    private readonly snapshots: OpenDataSnapshots,
    private readonly repository: OpenDataRepository,
    private readonly config: AnalyticsConfig,
  ) {
    super();
    this.loop = new PollingLoop({
      name: 'open-data snapshots',
      work: async () => {
        await this.writeDue();
      },
      intervalMs: config.OPEN_DATA_SNAPSHOT_CHECK_SECONDS * 1000,
      logger: this.logger,
    });
  }

  /**
   * Writes every ended month's files it lacks (both formats from one read), and folds the
   * changes counted for open data's validators; returns the months written.
   */
  async writeDue(): Promise<string[]> {
    await this.repository.compactChanges();
    const written: string[] = [];
    const kept = await this.snapshots.kept();
    for (const month of await this.endedMonths()) {
      const missing = OPEN_DATA_FORMATS.filter((f) => !kept.get(month)?.has(f));
      if (missing.length === 0) {
        continue;
      }
      const [year, mm] = month.split('-').map(Number);
      const lastDay = new Date(Date.UTC(year, mm, 0)).getUTCDate();
      const rows = await this.files.rows({
        from: `${month}-01`,
        to: `${month}-${String(lastDay).padStart(2, '0')}`,
        serviceCodes: null,
      });
      const formats = await this.snapshots.keep(month, rows, missing);
      if (formats.length > 0) {
        written.push(month);
        this.logger.log({ msg: 'open-data snapshot written', month, formats });
      }
    }
    return written;
  }

  /** Months (`YYYY-MM`, local) with public cases, before the current one. */
  private async endedMonths(): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT DISTINCT to_char(opened_at AT TIME ZONE $1, 'YYYY-MM') AS month
       FROM case_fact
       WHERE private = false AND opened_at IS NOT NULL
         AND opened_at < date_trunc('month', now() AT TIME ZONE $1) AT TIME ZONE $1
       ORDER BY 1`,
      [this.config.ANALYTICS_TIME_ZONE],
    )) as { month: string }[];
    return rows.map((r) => r.month);
  }
}
