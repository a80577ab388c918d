import { BaseServiceConfig } from '@civitas/config';
import { IsBoolean } from 'class-validator';

export class RoutingConfig extends BaseServiceConfig {
  /** Load the sample catalog (departments, queues, services) and districts when missing. */
  @IsBoolean()
  SEED_CATALOG = true;
}
