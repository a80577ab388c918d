import { BaseServiceConfig } from '@civitas/config';
import { IsBoolean } from 'class-validator';

export class RoutingConfig extends BaseServiceConfig {
  /** Load the sample catalog (departments, queues, services) when missing. */
  @IsBoolean()
  SEED_CATALOG = true;
}
