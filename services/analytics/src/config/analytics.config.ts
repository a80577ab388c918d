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
}
