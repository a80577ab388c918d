import { describe, expect, it } from '@jest/globals';
import { formatGatewayError } from './format-gateway-error.js';

const urls = { cases: 'http://127.0.0.1:4002/graphql' };
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

  it('hides the text of unexpected errors in production only', () => {
    const error = {
      message: 'column "x" does not exist',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
    expect(formatGatewayError(true)(error).message).toBe('Internal error');
    expect(formatGatewayError(false)(error)).toBe(error);
  });
});
