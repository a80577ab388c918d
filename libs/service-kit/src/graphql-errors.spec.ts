import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { QueryFailedError } from 'typeorm';
import { JsonLogger, runWithContext } from '@civitas/observability';
import { formatGraphqlError } from './graphql-errors.js';

/** What pg throws for a value Postgres cannot take: its message quotes the value. */
function driverError(message: string): Error {
  return Object.assign(new Error(message), {
    severity: 'ERROR',
    code: '22P02',
    table: 'citizen',
    column: 'id',
  });
}

const SUBMITTED = 'Ana Ruiz-Delgado of 12 Harbour Lane';

function failedQuery(): QueryFailedError {
  return new QueryFailedError(
    'SELECT * FROM citizen WHERE id = $1',
    [SUBMITTED],
    driverError(`invalid input syntax for type uuid: "${SUBMITTED}"`),
  );
}

/** Runs the formatter as Apollo would: the resolver's error wrapped in a GraphQLError. */
function answer(production: boolean, thrown: Error) {
  const wrapped = new GraphQLError(thrown.message, { path: ['citizen'], originalError: thrown });
  return runWithContext({ correlationId: 'corr-4711' }, () =>
    formatGraphqlError(production)(
      { message: thrown.message, path: ['citizen'], extensions: { code: 'INTERNAL_SERVER_ERROR' } },
      wrapped,
    ),
  );
}

describe('formatGraphqlError for unexpected errors', () => {
  let written: string[];

  beforeEach(() => {
    written = [];
    Logger.overrideLogger(new JsonLogger('citizens', 'debug'));
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
  });

  afterEach(() => {
    jest.restoreAllMocks();
    Logger.overrideLogger(false);
  });

  const logLines = () => written.map((line) => JSON.parse(line) as Record<string, unknown>);

  it.each([
    ['development', false],
    ['production', true],
  ])('answers a database error with no text but its correlation id (%s)', (_env, production) => {
    const formatted = answer(production, failedQuery());

    expect(formatted).toEqual({
      message: 'Internal error',
      path: ['citizen'],
      extensions: { code: 'INTERNAL_SERVER_ERROR', correlationId: 'corr-4711' },
    });
    expect(JSON.stringify(formatted)).not.toContain('Ruiz');
  });

  it('logs the database error by class, SQLSTATE and table, never its text or parameters', () => {
    answer(false, failedQuery());

    expect(written.join('')).not.toContain('Ruiz');
    expect(written.join('')).not.toContain('invalid input syntax');
    expect(logLines()).toEqual([
      expect.objectContaining({
        level: 'error',
        correlationId: 'corr-4711',
        msg: 'unexpected resolver error',
        path: 'citizen',
        error: expect.objectContaining({
          class: 'QueryFailedError',
          code: '22P02',
          table: 'citizen',
          column: 'id',
          stack: expect.stringContaining('    at '),
        }),
      }),
    ]);
  });

  it('logs other errors with their text redacted, and the stack only outside production', () => {
    answer(true, new TypeError('cannot reach ana.ruiz@example.org on +1 212 555 0100'));

    const [line] = logLines();
    expect(line.error).toEqual({
      class: 'TypeError',
      message: 'cannot reach <address> on <number>',
    });
    expect(line.correlationId).toBe('corr-4711');
  });
});
