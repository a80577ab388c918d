import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { ContractValidationError, validateEnvelope } from './index.js';

const envelope = (overrides: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  type: 'cases.evt.case-opened.v1',
  occurredAt: '2026-11-24T06:00:00.000Z',
  correlationId: randomUUID(),
  causationId: null,
  actor: { service: 'cases', sub: null, roles: [], departments: [] },
  payload: { caseId: 'left for the contract to check' },
  ...overrides,
});

describe('validateEnvelope', () => {
  it('accepts a well-formed envelope and hands its payload on as it came, for the contract to validate', () => {
    const raw = envelope();
    const checked = validateEnvelope(raw, 'cases.evt.case-opened.v1');
    expect(checked.payload).toBe(raw.payload);
    expect(checked.actor.service).toBe('cases');
  });

  it.each([
    ['payload', envelope({ payload: 'text' })],
    ['payload', envelope({ payload: undefined })],
    ['id', envelope({ id: 'not-a-uuid' })],
    ['actor.service', envelope({ actor: { service: 'mallory', roles: [], departments: [] } })],
    ['traceparent', envelope({ traceparent: 'not-a-trace' })],
  ])('names the bad field (%s)', (field, raw) => {
    let error: unknown;
    try {
      validateEnvelope(raw, 'cases.evt.case-opened.v1');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ContractValidationError);
    expect((error as ContractValidationError).problems.map((p) => p.field)).toContain(field);
  });

  it("carries the sender's trace context when it has one", () => {
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    expect(validateEnvelope(envelope({ traceparent }), 'x').traceparent).toBe(traceparent);
    expect(validateEnvelope(envelope(), 'x').traceparent).toBeUndefined();
  });

  it('refuses what is not an object', () => {
    expect(() => validateEnvelope([], 'x')).toThrow(ContractValidationError);
    expect(() => validateEnvelope(null, 'x')).toThrow(ContractValidationError);
  });
});
