import { IsBoolean, IsIn, IsInt, IsOptional, IsUrl, Min } from 'class-validator';
import { IsPort, IsText } from './fields.js';

const OTLP_URL = { require_tld: false, protocols: ['http', 'https'], require_protocol: true };

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

  /**
   * Where to send OpenTelemetry traces, the standard variable: an OTLP/HTTP collector's base URL
   * (traces go to `<url>/v1/traces`), e.g. `http://otel-collector:4318`. Unset: no tracing at all.
   */
  @IsOptional()
  @IsUrl(OTLP_URL, { message: 'must be an http(s) URL such as http://otel-collector:4318' })
  OTEL_EXPORTER_OTLP_ENDPOINT: string | undefined = undefined;

  /** The traces URL itself, used as given (wins over OTEL_EXPORTER_OTLP_ENDPOINT). */
  @IsOptional()
  @IsUrl(OTLP_URL, { message: 'must be an http(s) URL such as http://tempo:4318/v1/traces' })
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: string | undefined = undefined;

  /** `true`: no tracing whatever the endpoints say. */
  @IsBoolean()
  OTEL_SDK_DISABLED: boolean = false;
}
