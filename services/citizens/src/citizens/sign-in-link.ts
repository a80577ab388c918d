import type { PiiCipher } from '@civitas/crypto';

/** The identity link that ties a sign-in (token subject) to a resident. */
export const LOGIN_SOURCE_SYSTEM = 'civitas-login';

/** A sign-in's link hash: the same keyed hash resolve-identity uses for any link. */
export function signInLinkHash(cipher: PiiCipher, sub: string): string {
  return cipher.lookupHash('link', `${LOGIN_SOURCE_SYSTEM}\u0000${sub}`);
}
