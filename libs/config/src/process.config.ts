import { IsIn, IsInt, Min } from 'class-validator';
import { IsPort, IsText } from './fields.js';

/**
 * Environment every Civitas process reads: each service (`BaseServiceConfig`) and the gateway.
 * Property names are the variable names. `GATEWAY_SECRET`, which both read too, each declares after
 * its other secrets: a secret repeated in production is named where it repeats (docs/adr/0042).
 */
export class ProcessConfig {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV = 'development';

  @IsText()
  HOST = '127.0.0.1';

  @IsPort()
  PORT = 0;

  @IsIn(['debug', 'info', 'warn', 'error'])
  LOG_LEVEL = 'info';

  /** The launcher's pid: the process exits when that process is gone (0: not supervised). */
  @IsInt()
  @Min(0)
  SUPERVISOR_PID: number = 0;
}
