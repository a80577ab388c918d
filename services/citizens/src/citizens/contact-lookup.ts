import type { PiiCipher } from '@civitas/crypto';
import type { NormalisedContact } from './contact-normalisation.util.js';

export interface ContactLookupHashes {
  emailHash: string | null;
  phoneHash: string | null;
}

/** Keyed hashes of the matchable forms; equal contacts give equal hashes, the plaintext never leaves. */
export function contactLookupHashes(
  cipher: PiiCipher,
  contact: NormalisedContact,
): ContactLookupHashes {
  return {
    emailHash: contact.emailKey ? cipher.lookupHash('email', contact.emailKey) : null,
    phoneHash: contact.phoneKey ? cipher.lookupHash('phone', contact.phoneKey) : null,
  };
}
