import { describe, expect, it } from '@jest/globals';
import { decideConsent, type ConsentFacts } from './consent.policy.js';

/** A resident who reported with an e-mail address and has recorded nothing. */
const reporter = (overrides: Partial<ConsentFacts> = {}): ConsentFacts => ({
  message: 'CASE_UPDATE',
  channel: 'EMAIL',
  recorded: null,
  contactGiven: true,
  erased: false,
  ...overrides,
});

describe('the consent policy (ADR 0017, 0018)', () => {
  it('takes a contact given when reporting as a yes to updates about the report', () => {
    expect(decideConsent(reporter())).toEqual({ allowed: true, basis: 'REPORTING' });
    expect(decideConsent(reporter({ channel: 'SMS' }))).toEqual({
      allowed: true,
      basis: 'REPORTING',
    });
  });

  it('counts the satisfaction question inside the closure notice as part of that update', () => {
    expect(decideConsent(reporter({ message: 'CLOSURE_SATISFACTION_QUESTION' }))).toEqual({
      allowed: true,
      basis: 'REPORTING',
    });
  });

  it('stops updates once the resident says no, on that channel only', () => {
    const saidNo = reporter({ recorded: { granted: false } });
    expect(decideConsent(saidNo)).toEqual({ allowed: false, basis: 'RECORDED' });
    expect(decideConsent({ ...saidNo, message: 'CLOSURE_SATISFACTION_QUESTION' }).allowed).toBe(
      false,
    );
    expect(decideConsent(reporter({ channel: 'SMS' })).allowed).toBe(true);
  });

  it('implies nothing on a channel they gave no contact for, or that updates are not sent on', () => {
    expect(decideConsent(reporter({ contactGiven: false }))).toEqual({
      allowed: false,
      basis: 'NONE',
    });
    for (const channel of ['PHONE', 'POST'] as const) {
      expect(decideConsent(reporter({ channel })).allowed).toBe(false);
    }
  });

  it.each(['NEWSLETTER', 'AREA_ALERT', 'SURVEY'] as const)(
    'needs a recorded yes for a %s, whatever contact was given',
    (message) => {
      expect(decideConsent(reporter({ message }))).toEqual({ allowed: false, basis: 'NONE' });
      expect(decideConsent(reporter({ message, recorded: { granted: true } }))).toEqual({
        allowed: true,
        basis: 'RECORDED',
      });
    },
  );

  it('follows a recorded yes for updates even without a contact given when reporting', () => {
    expect(
      decideConsent(reporter({ contactGiven: false, recorded: { granted: true } })).allowed,
    ).toBe(true);
  });

  it('never contacts an erased resident, whatever was recorded', () => {
    expect(decideConsent(reporter({ erased: true, recorded: { granted: true } }))).toEqual({
      allowed: false,
      basis: 'ERASED',
    });
  });
});
