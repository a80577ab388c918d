import { BaseServiceConfig } from '@civitas/config';

/** Analytics needs nothing beyond what every service reads (yet). */
export class AnalyticsConfig extends BaseServiceConfig {}
