import { describe, expect, it } from '@jest/globals';
import { publicDescriptionOf } from './public-description.js';

describe('publicDescriptionOf (docs/adr/0057)', () => {
  it('removes e-mail addresses, phone numbers and the reporter’s own names', () => {
    expect(
      publicDescriptionOf(
        'Pothole outside no. 12. Call Zoë Okonkwo-Smith on +1 (212) 555-0187 or zoe.o@example.org - ZOË says it is deep.',
        { firstName: 'Zoë', lastName: 'Okonkwo-Smith' },
      ),
    ).toBe(
      'Pothole outside no. 12. Call [name removed] [name removed] on [phone removed] or [e-mail removed] - [name removed] says it is deep.',
    );
  });

  it('keeps the punctuation next to a removed address', () => {
    expect(
      publicDescriptionOf('Streetlight out. My address: ann@example.org, reply there.', undefined),
    ).toBe('Streetlight out. My address: [e-mail removed], reply there.');
    expect(
      publicDescriptionOf('Mail (ann@example.org) or e-mail:ann@example.org.', undefined),
    ).toBe('Mail ([e-mail removed]) or e-mail:[e-mail removed].');
  });

  it('leaves words that only contain a name, and other people, alone', () => {
    expect(
      publicDescriptionOf('Ann and Annabel saw the Hanna Street sign fall', {
        firstName: 'Ann',
        lastName: 'Hanna',
      }),
    ).toBe('[name removed] and Annabel saw the [name removed] Street sign fall');
  });

  it('treats a name as text, not as a pattern', () => {
    expect(publicDescriptionOf('O.B. (O.B.) reported it', { firstName: 'O.B.' })).toBe(
      '[name removed] ([name removed]) reported it',
    );
  });

  it('has nothing to publish without a description', () => {
    expect(publicDescriptionOf(undefined, { firstName: 'Ann' })).toBeUndefined();
    expect(publicDescriptionOf('   ', undefined)).toBeUndefined();
  });
});
