import type { LoggerService } from '@nestjs/common';
import { describeError, redact } from './redact.js';
import { currentContext } from './request-context.js';

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 } as const;
export type LogLevel = keyof typeof LEVELS;

/**
 * JSON lines on stdout, one object per entry, carrying the correlation id of the work in hand.
 * Callers pass ids and codes, never personal data; what slips through anyway is redacted on the
 * way out (`redact`: personal and secret keys, e-mail addresses and phone numbers in any text).
 */
export class JsonLogger implements LoggerService {
  constructor(
    private readonly service: string,
    private readonly level: LogLevel = 'info',
    private readonly bindings: Record<string, unknown> = {},
  ) {}

  child(bindings: Record<string, unknown>): JsonLogger {
    return new JsonLogger(this.service, this.level, { ...this.bindings, ...bindings });
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  info(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }

  private write(level: LogLevel, message: unknown, rest: unknown[]): void {
    if (LEVELS[level] < LEVELS[this.level]) {
      return;
    }
    const fields: Record<string, unknown> = { ...this.bindings };
    if (message instanceof Error) {
      const described = describeError(message);
      fields.msg = described.message ?? described.class;
      fields.err = described;
    } else if (typeof message === 'object' && message !== null) {
      Object.assign(fields, message);
    } else {
      fields.msg = String(message);
    }
    for (const extra of rest) {
      if (typeof extra === 'string') {
        // Nest passes the context name (or a stack for errors) as a trailing string.
        if (extra.includes('\n    at ')) {
          fields.stack = extra;
        } else {
          fields.context = extra;
        }
      } else if (extra instanceof Error) {
        fields.err = describeError(extra);
      } else if (typeof extra === 'object' && extra !== null) {
        Object.assign(fields, extra);
      }
    }
    const entry: Record<string, unknown> = {
      time: new Date().toISOString(),
      level,
      service: this.service,
    };
    const context = currentContext();
    if (context) {
      entry.correlationId = context.correlationId;
    }
    // Every entry, whoever wrote it (ours, Nest's, Apollo's): docs/adr/0049.
    Object.assign(entry, redact(fields));
    process.stdout.write(`${JSON.stringify(entry)}\n`);
  }
}
