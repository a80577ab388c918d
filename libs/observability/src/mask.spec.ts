import { describe, expect, it } from '@jest/globals';
import { maskContactDetails } from './mask.js';

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

  it('keeps at most 500 characters', () => {
    expect(maskContactDetails('x'.repeat(600))).toHaveLength(500);
  });
});
