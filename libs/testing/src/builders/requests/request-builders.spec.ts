import { describe, expect, it } from '@jest/globals';
import { ResolveIdentity, validateAs } from '@civitas/contracts';
import { piiCipherFrom } from '@civitas/crypto';
import { TEST_PII_HASH_KEY, TEST_PII_KEYS } from '../../infrastructure.js';
import { aResolveIdentityRequest } from './index.js';

describe('request builders (libs/testing)', () => {
  it('seal the contact of a resolve-identity request as intake does, and pass the link on', () => {
    const contact = { firstName: 'Jane', email: 'jane@example.org' };
    const link = { sourceSystem: 'legacy-crm', sourceId: 'C-1' };

    const built = aResolveIdentityRequest({ contact, link });
    const request = validateAs(ResolveIdentity.request, built, ResolveIdentity.subject);

    expect(Object.keys(built).sort()).toEqual(['link', 'sealedContact']);
    expect(request.link).toEqual(link);
    const opened = piiCipherFrom(TEST_PII_KEYS, TEST_PII_HASH_KEY).decrypt(request.sealedContact!);
    expect(JSON.parse(opened!)).toEqual(contact);
  });

  it('carry no contact when none is given', () => {
    expect(aResolveIdentityRequest({ link: { sourceSystem: 's', sourceId: '1' } })).toEqual({
      link: { sourceSystem: 's', sourceId: '1' },
    });
  });
});
