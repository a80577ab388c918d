import { describe, expect, it } from '@jest/globals';
import { parseKeyring, PiiCipher } from '@civitas/crypto';
import { contactLookupHashes } from './contact-lookup.js';
import { normaliseContact } from './contact-normalisation.util.js';

const key = (fill: number) => Buffer.alloc(32, fill).toString('base64');
const cipher = new PiiCipher(parseKeyring(`k1:${key(1)}`, key(2)));

describe('contactLookupHashes', () => {
  it('gives the same hash for the same e-mail written differently', () => {
    const a = contactLookupHashes(
      cipher,
      normaliseContact({ email: 'Jane.Doe@Example.com' }, 'US'),
    );
    const b = contactLookupHashes(
      cipher,
      normaliseContact({ email: '  jane.doe@example.COM ' }, 'US'),
    );
    expect(a.emailHash).toBe(b.emailHash);
    expect(a.emailHash).not.toBeNull();
  });

  it('gives the same hash for the same phone in two formats', () => {
    const a = contactLookupHashes(cipher, normaliseContact({ phone: '(212) 555-0123' }, 'US'));
    const b = contactLookupHashes(cipher, normaliseContact({ phone: '+1 212.555.0123' }, 'US'));
    expect(a.phoneHash).toBe(b.phoneHash);
  });

  it('never contains the plaintext and differs between kinds and keys', () => {
    const contact = normaliseContact({ email: 'jane@example.com', phone: '2125550123' }, 'US');
    const hashes = contactLookupHashes(cipher, contact);
    expect(hashes.emailHash).not.toContain('jane');
    expect(hashes.phoneHash).not.toContain('5550123');
    expect(cipher.lookupHash('phone', 'jane@example.com')).not.toBe(hashes.emailHash);
    const other = new PiiCipher(parseKeyring(`k1:${key(1)}`, key(3)));
    expect(contactLookupHashes(other, contact).emailHash).not.toBe(hashes.emailHash);
  });

  it('has no hash for what cannot be matched', () => {
    expect(
      contactLookupHashes(cipher, normaliseContact({ phone: 'abc', firstName: 'Jane' }, 'US')),
    ).toEqual({
      emailHash: null,
      phoneHash: null,
    });
  });
});
