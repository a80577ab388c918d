import { describe, expect, it } from '@jest/globals';
import { open311ErrorFromGraph } from './graph-error.mapper.js';

const error = (code: string, message: string, fields?: { field: string; reason: string }[]) => ({
  message,
  extensions: { code, ...(fields ? { fields } : {}) },
});

describe('open311ErrorFromGraph', () => {
  it('names every bad field by its Open311 parameter, in one 400', () => {
    const mapped = open311ErrorFromGraph([
      error('BAD_USER_INPUT', 'Invalid input', [
        { field: 'reporter.email', reason: 'email must be a valid e-mail address' },
        { field: 'location.latitude', reason: 'latitude must be a latitude string or number' },
        {
          field: 'description',
          reason: 'description must be shorter than or equal to 4000 characters',
        },
      ]),
    ]);
    expect(mapped.status).toBe(400);
    expect(mapped.errors).toEqual([
      { code: 400, description: 'email must be a valid e-mail address' },
      { code: 400, description: 'lat must be a latitude string or number' },
      { code: 400, description: 'description must be shorter than or equal to 4000 characters' },
    ]);
  });

  it('names the address and device ids as Open311 does (address_id, device_id)', () => {
    const mapped = open311ErrorFromGraph([
      error('BAD_USER_INPUT', 'Invalid input', [
        {
          field: 'location.addressId',
          reason: 'addressId must be shorter than or equal to 200 characters',
        },
        { field: 'deviceId', reason: 'deviceId must be shorter than or equal to 200 characters' },
      ]),
    ]);
    expect(mapped.errors.map((e) => e.description)).toEqual([
      'address_id must be shorter than or equal to 200 characters',
      'device_id must be shorter than or equal to 200 characters',
    ]);
  });

  it('maps an unknown service code or request to 404', () => {
    const mapped = open311ErrorFromGraph([
      error('UNKNOWN_SERVICE_CODE', 'Unknown service code "x"', [
        { field: 'serviceCode', reason: 'not in the catalog' },
      ]),
    ]);
    expect(mapped.status).toBe(404);
    expect(mapped.errors).toEqual([{ code: 404, description: 'service_code: not in the catalog' }]);
    expect(
      open311ErrorFromGraph([error('SERVICE_REQUEST_NOT_FOUND', 'No public service request SR-1')])
        .status,
    ).toBe(404);
  });

  it('maps attribute problems to attribute[CODE]', () => {
    const mapped = open311ErrorFromGraph([
      error('INVALID_ATTRIBUTE', 'Bad attributes', [
        { field: 'attributes.SIZE', reason: 'must be one of small, large' },
      ]),
    ]);
    expect(mapped.status).toBe(400);
    expect(mapped.errors[0].description).toBe('attribute[SIZE]: must be one of small, large');
  });

  it('prefers 403, then 404, then 400, and never turns bad input into a 5xx', () => {
    expect(
      open311ErrorFromGraph([error('BAD_USER_INPUT', 'x'), error('FORBIDDEN', 'no')]).status,
    ).toBe(403);
    expect(
      open311ErrorFromGraph([error('BAD_USER_INPUT', 'x'), error('UNKNOWN_SERVICE_CODE', 'y')])
        .status,
    ).toBe(404);
    expect(
      open311ErrorFromGraph([
        error('INTERNAL_SERVER_ERROR', 'boom'),
        error('LOCATION_REQUIRED', 'where?'),
      ]).status,
    ).toBe(400);
    expect(open311ErrorFromGraph([error('GRAPHQL_VALIDATION_FAILED', 'bad variable')]).status).toBe(
      400,
    );
  });

  it('answers 503 when a service is unavailable and 500 without leaking internals', () => {
    expect(
      open311ErrorFromGraph([error('CATALOG_UNAVAILABLE', 'The service catalog is not answering')])
        .status,
    ).toBe(503);
    // The gateway ran out of time: nothing wrong with the request, so no 400 (a client would not retry).
    expect(
      open311ErrorFromGraph([error('TIME_BUDGET_EXCEEDED', 'The operation took too long')]).status,
    ).toBe(503);
    const internal = open311ErrorFromGraph([
      error('INTERNAL_SERVER_ERROR', 'relation "x" does not exist'),
    ]);
    expect(internal.status).toBe(500);
    expect(internal.errors[0].description).not.toContain('relation');
  });

  it('gives a 500 the correlation id the gateway logged it under, and never its text', () => {
    const internal = open311ErrorFromGraph([
      {
        message: 'Internal error',
        extensions: { code: 'INTERNAL_SERVER_ERROR', correlationId: 'corr-4711' },
      },
    ]);
    expect(internal.errors).toEqual([
      {
        code: 500,
        description:
          'The request could not be completed; try again later (correlation id corr-4711)',
      },
    ]);
  });
});
