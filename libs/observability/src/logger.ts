import type { LoggerService } from '@nestjs/common';
import { currentContext } from './request-context.js';

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 } as const;
export type LogLevel = keyof typeof LEVELS;

/**
 * JSON lines on stdout, one object per entry, carrying the correlation id of the work in hand.
 * Callers pass ids and codes, never personal data.
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
    const entry: Record<string, unknown> = {
      time: new Date().toISOString(),
      level,
      service: this.service,
      ...this.bindings,
    };
    const context = currentContext();
    if (context) {
      entry.correlationId = context.correlationId;
    }
    if (message instanceof Error) {
      entry.msg = message.message;
      entry.err = { name: message.name, stack: message.stack };
    } else if (typeof message === 'object' && message !== null) {
      Object.assign(entry, message);
    } else {
      entry.msg = String(message);
    }
    for (const extra of rest) {
      if (typeof extra === 'string') {
        // Nest passes the context name (or a stack for errors) as a trailing string.
        if (extra.includes('\n    at ')) {
          entry.stack = extra;
        } else {
          entry.context = extra;
        }
      } else if (extra instanceof Error) {
        entry.err = { name: extra.name, message: extra.message, stack: extra.stack };
      } else if (typeof extra === 'object' && extra !== null) {
        Object.assign(entry, extra);
      }
    }
    process.stdout.write(`${JSON.stringify(entry)}\n`);
  }
}
