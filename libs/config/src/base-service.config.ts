import {
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { IsText } from './fields.js';
import { ProcessConfig } from './process.config.js';
import { Secret } from './secrets.js';

/** Environment every service reads, beside what every process reads. Property names are the variable names. */
export class BaseServiceConfig extends ProcessConfig {
  /** A Postgres server URL; each service uses its own database on it (see DATABASE_NAME). */
  @Secret('url')
  @Matches(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// URL' })
  DATABASE_URL: string = undefined as unknown as string;

  @IsOptional()
  @Matches(/^[a-z_][a-z0-9_]*$/, { message: 'must be a lower-case Postgres identifier' })
  DATABASE_NAME: string | undefined = undefined;

  /** One server, or a cluster's servers separated by commas (the client fails over among them). */
  @Matches(/^(nats|tls):\/\/[^\s,]+(\s*,\s*(nats|tls):\/\/[^\s,]+)*$/, {
    message: 'must be a nats:// URL, or several separated by commas',
  })
  NATS_URL = 'nats://127.0.0.1:4222';

  /**
   * The service's own NATS user and password, when the server authorizes each service by its user
   * (docs/adr/0046, `npm run nats:config`). Unset: connect without credentials.
   */
  @IsOptional()
  @IsText()
  NATS_USER: string | undefined = undefined;

  /** In production checked as every secret is (docs/adr/0042): generated, long, used once. */
  @Secret('text')
  @ValidateIf((c: BaseServiceConfig) => c.NATS_USER !== undefined)
  @IsString({ message: 'is required with NATS_USER' })
  @MinLength(1, { message: 'is required with NATS_USER' })
  NATS_PASSWORD: string | undefined = undefined;

  /** Prefix for every subject and stream, so several platforms can share one NATS (tests do). */
  @Matches(/^[a-z0-9_-]*$/, { message: 'must be lower-case letters, digits, - or _' })
  BUS_NAMESPACE = '';

  /** Shared with the gateway; a subgraph trusts identity headers only when this accompanies them. */
  @Secret('text')
  @IsString()
  @MinLength(24)
  GATEWAY_SECRET: string = undefined as unknown as string;

  @IsInt()
  @Min(1)
  BUS_MAX_DELIVER: number = 5;

  /** Replicas of each JetStream stream this service creates (3 on a NATS cluster). */
  @IsInt()
  @Min(1)
  @Max(5)
  BUS_STREAM_REPLICAS: number = 1;

  /** Apply migrations (and the seed), then exit: the deploy job's mode. */
  @IsBoolean()
  MIGRATE_ONLY: boolean = false;
}
