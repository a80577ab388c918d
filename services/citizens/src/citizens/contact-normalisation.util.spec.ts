import { describe, expect, it } from '@jest/globals';
import {
  isAnonymous,
  normaliseContact,
  normaliseEmail,
  normalisePhone,
} from './contact-normalisation.util.js';

describe('normaliseEmail', () => {
  it('trims and lower-cases', () => {
    expect(normaliseEmail('  Jane.Doe@Example.COM \t')).toBe('jane.doe@example.com');
  });

  it('treats blank as absent', () => {
    expect(normaliseEmail('   ')).toBeNull();
    expect(normaliseEmail(undefined)).toBeNull();
    expect(normaliseEmail(null)).toBeNull();
  });
});

describe('normalisePhone', () => {
  it.each(['(212) 555-0123', '212.555.0123', '+1 212 555 0123', ' 2125550123 ', '1-212-555-0123'])(
    'gives E.164 for %p in the default region',
    (raw) => {
      expect(normalisePhone(raw, 'US')).toBe('+12125550123');
    },
  );

  it('reads numbers without a country code in the configured region', () => {
    expect(normalisePhone('020 7946 0958', 'GB')).toBe('+442079460958');
    expect(normalisePhone('+44 20 7946 0958', 'US')).toBe('+442079460958');
  });

  it.each(['abc', '555-0100', '12', '', '   '])('does not match on %p', (raw) => {
    expect(normalisePhone(raw, 'US')).toBeNull();
  });
});

describe('normaliseContact', () => {
  it('keeps an unparseable phone for staff but not as a match key', () => {
    const c = normaliseContact({ phone: ' ext 42 ' }, 'US');
    expect(c.phone).toBe('ext 42');
    expect(c.phoneKey).toBeNull();
    expect(isAnonymous(c)).toBe(false);
  });

  it('stores a parseable phone in E.164', () => {
    const c = normaliseContact(
      { firstName: ' Jane ', phone: '(212) 555-0123', email: 'JANE@x.org' },
      'US',
    );
    expect(c).toEqual({
      firstName: 'Jane',
      lastName: null,
      email: 'jane@x.org',
      phone: '+12125550123',
      emailKey: 'jane@x.org',
      phoneKey: '+12125550123',
      organisationName: null,
      postalAddress: null,
      preferredLanguage: null,
    });
  });

  it('is anonymous without name, e-mail or phone', () => {
    expect(isAnonymous(normaliseContact(undefined, 'US'))).toBe(true);
    expect(isAnonymous(normaliseContact({ firstName: '  ', email: '' }, 'US'))).toBe(true);
    expect(isAnonymous(normaliseContact({ lastName: 'Doe' }, 'US'))).toBe(false);
  });
});
