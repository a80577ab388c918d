import { BaseServiceConfig } from '@civitas/config';
import { IsInt, IsTimeZone, Max, Min } from 'class-validator';

export class AnalyticsConfig extends BaseServiceConfig {
  /**
   * The jurisdiction's IANA time zone: days, weeks, months and the hours of `demandByHour` are
   * its local ones. The daily rollup is kept in it, so a change needs a rebuild (docs/adr/0056).
   */
  @IsTimeZone({ message: 'must be an IANA time zone such as America/New_York' })
  ANALYTICS_TIME_ZONE = 'America/New_York';

  /**
   * Up to how many closures a `caseStats` question's median and 90th percentile of hours to close
   * are computed exactly from the facts; above, from the rollups' histograms, at worst a bucket (25%)
   * from the exact figure, usually a few percent, and far faster (docs/adr/0064). 0 always uses the histograms.
   */
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  ANALYTICS_EXACT_PERCENTILES_UP_TO = 25_000;

  /**
   * Open data's grid (docs/adr/0057): a request's place is published as the centre of the cell of
   * this many metres holding it (services published by district or without a place aside). No
   * finer than the 100 m cell analytics stores.
   */
  @IsInt()
  @Min(100)
  @Max(10_000)
  OPEN_DATA_GRID_METERS = 100;

  /**
   * How often analytics looks for a month that has ended without its open-data snapshot, and
   * writes it (docs/adr/0057). An hour: a month's file is written in the first hour after it ends.
   */
  @IsInt()
  @Min(1)
  @Max(86_400)
  OPEN_DATA_SNAPSHOT_CHECK_SECONDS = 3600;

  /**
   * How often the figures' rollups are brought to the case facts (docs/adr/0087): the dashboards
   * trail the facts by about this much, and each round folds every change since in a few
   * statements. Smaller is fresher and costs more when idle.
   */
  @IsInt()
  @Min(10)
  @Max(60_000)
  ANALYTICS_ROLLUP_FOLD_MS = 250;
}
