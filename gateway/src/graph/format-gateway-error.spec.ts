import { describe, expect, it } from '@jest/globals';
import { formatGatewayError } from './format-gateway-error.js';

const urls = { cases: ['http://127.0.0.1:4012/graphql', 'http://127.0.0.1:4002/graphql'] };
const unreachable = {
  message:
    'request to http://127.0.0.1:4002/graphql failed, reason: connect ECONNREFUSED 127.0.0.1:4002',
  extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['FetchError: …'] },
};

describe('formatGatewayError', () => {
  it('names an unreachable subgraph without its address in production', () => {
    expect(formatGatewayError(true, urls)(unreachable)).toEqual({
      message: 'The cases service is unavailable; try again shortly',
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    });
  });

  it('keeps subgraph codes and drops stack traces and service names in production', () => {
    const error = {
      message: 'No such case',
      path: ['case'],
      extensions: { code: 'CASE_NOT_FOUND', serviceName: 'cases', stacktrace: ['x'] },
    };
    expect(formatGatewayError(true, urls)(error)).toEqual({
      message: 'No such case',
      path: ['case'],
      extensions: { code: 'CASE_NOT_FOUND' },
    });
  });

  it('answers an unexpected error without its text in every environment', () => {
    const error = {
      message: 'invalid input syntax for type uuid: "Ana Ruiz-Delgado"',
      path: ['citizen'],
      extensions: {
        code: 'INTERNAL_SERVER_ERROR',
        serviceName: 'citizens',
        stacktrace: ['QueryFailedError: invalid input syntax for type uuid: "Ana Ruiz-Delgado"'],
      },
    };
    for (const production of [true, false]) {
      expect(formatGatewayError(production)(error)).toEqual({
        message: 'Internal error',
        path: ['citizen'],
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      });
    }
  });

  it('names an unreachable subgraph without what the fetcher said, outside production too', () => {
    expect(formatGatewayError(false, urls)(unreachable)).toEqual({
      message: 'The cases service is unavailable; try again shortly',
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    });
  });

  it('keeps the failing service name outside production, never a stack trace', () => {
    const error = {
      message: 'No such case',
      extensions: { code: 'CASE_NOT_FOUND', serviceName: 'cases', stacktrace: ['at /srv/x.js'] },
    };
    expect(formatGatewayError(false)(error)).toEqual({
      message: 'No such case',
      extensions: { code: 'CASE_NOT_FOUND', serviceName: 'cases' },
    });
  });
});
