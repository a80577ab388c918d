import { BaseServiceConfig } from '@civitas/config';
import { IsTimeZone } from 'class-validator';

export class AnalyticsConfig extends BaseServiceConfig {
  /**
   * The jurisdiction's IANA time zone: days, weeks, months and the hours of `demandByHour` are
   * its local ones. The daily rollup is kept in it, so a change needs a rebuild (docs/adr/0056).
   */
  @IsTimeZone({ message: 'must be an IANA time zone such as America/New_York' })
  ANALYTICS_TIME_ZONE = 'America/New_York';
}
