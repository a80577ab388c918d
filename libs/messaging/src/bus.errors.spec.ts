import { describe, expect, it } from '@jest/globals';
import { QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { BusRequestError, isTransientError } from './bus.errors.js';

/**
 * What a consumer retries without limit and what may end in the dead letters: an event is
 * dead-lettered only for a failure that would happen again the same way.
 */
describe('isTransientError', () => {
  it.each([
    // TypeORM after its DataSource was destroyed under a batch (a service shutting down): the chaos
    // run of issue 12 saw live events dead-lettered with it (docs/adr/0077).
    [
      'a destroyed DataSource',
      Object.assign(new Error('Driver not Connected'), { name: 'TypeORMError' }),
    ],
    ['a pool already ended', new Error('Cannot use a pool after calling end on the pool')],
    [
      'a client broken by a restart',
      new Error('Client has encountered a connection error and is not queryable'),
    ],
    [
      'Postgres stopped with a fast shutdown',
      Object.assign(new Error('terminating connection due to administrator command'), {
        code: '57P01',
      }),
    ],
    [
      'a transaction whose connection was cut between two statements',
      new QueryRunnerAlreadyReleasedError(),
    ],
    ['a query on a transaction already released', new QueryRunnerProviderAlreadyReleasedError()],
    ['a deadlock', Object.assign(new Error('deadlock detected'), { code: '40P01' })],
    ['a connection cut', new Error('Connection terminated unexpectedly')],
    // pg's pool when no connection came within DATABASE_CONNECT_TIMEOUT_MS
    ['a pool with no connection to give', new Error('timeout exceeded when trying to connect')],
    [
      'a refused connection',
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
    ],
    [
      'a service not answering',
      new BusRequestError('UNAVAILABLE', 'no responders', 'cases.req.x.v1'),
    ],
  ])('retries %s', (_what, error) => {
    expect(isTransientError(error)).toBe(true);
  });

  it.each([
    ['a broken constraint', Object.assign(new Error('duplicate key value'), { code: '23505' })],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'caseId')")],
    ['a request refused', new BusRequestError('BAD_REQUEST', 'bad', 'cases.req.x.v1')],
  ])('counts %s towards the dead letters', (_what, error) => {
    expect(isTransientError(error)).toBe(false);
  });
});
