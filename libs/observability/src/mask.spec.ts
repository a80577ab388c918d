import { describe, expect, it } from '@jest/globals';
import { maskContactDetails, maskContactText } from './mask.js';

describe('maskContactDetails', () => {
  it('masks addresses and phone numbers, keeping what an operator needs', () => {
    expect(maskContactDetails('550 5.1.1 <maria@resident.example>: no such user')).toBe(
      '550 5.1.1 <<address>>: no such user',
    );
    expect(maskContactDetails('gateway refused +1 (212) 555-0100: opted out')).toBe(
      'gateway refused <number>: opted out',
    );
    expect(maskContactDetails('to 2125550100 failed, HTTP 503')).toBe(
      'to <number> failed, HTTP 503',
    );
  });

  it('keeps the punctuation around an address', () => {
    expect(maskContactText('Write to jane.doe@example.org, or call.')).toBe(
      'Write to <address>, or call.',
    );
    expect(maskContactText('e-mail:jane@example.org.')).toBe('e-mail:<address>.');
    expect(maskContactText('(ops@city.example) [x@y.example]; z@w.example!')).toBe(
      '(<address>) [<address>]; <address>!',
    );
  });

  it("masks the password of a URL's credentials", () => {
    expect(maskContactText('connect postgres://civitas:s3cret@db.internal:5432/cases failed')).toBe(
      'connect postgres://civitas:<address>:5432/cases failed',
    );
  });

  it('keeps at most 500 characters', () => {
    expect(maskContactDetails('x'.repeat(600))).toHaveLength(500);
  });
});
