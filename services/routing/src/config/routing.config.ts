import { BaseServiceConfig, IsPollMs } from '@civitas/config';
import { IsBoolean } from 'class-validator';

export class RoutingConfig extends BaseServiceConfig {
  /** Load the sample catalog (departments, queues, services) and districts when missing. */
  @IsBoolean()
  SEED_CATALOG = true;

  /**
   * How often each replica looks for cases that have reached their at-risk or due time
   * (docs/adr/0058): an escalation comes at most this late.
   */
  @IsPollMs()
  ESCALATION_SCAN_MS = 15_000;
}
