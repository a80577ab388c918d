import { describe, expect, it } from '@jest/globals';
import { plaintextFound } from './plaintext.js';

describe('plaintextFound', () => {
  it('finds a secret whatever its case, showing where', () => {
    const found = plaintextFound('{"first_name":"Wilhelmina","email_enc":"v1:k1:QUJD"}', [
      'wilhelmina',
      'quartermaine',
    ]);
    expect(found).toEqual([expect.stringMatching(/^wilhelmina in …\{"first_name":"Wilhelmina"/)]);
  });

  it('refuses secrets that ciphertext or hashes could hold by chance', () => {
    // "jane" turns up by chance in about one 300 kB dump of lower-cased base64 in four.
    expect(() => plaintextFound('v1:k1:aGVsbG8', ['jane'])).toThrow(/"jane" is too short/);
    expect(() => plaintextFound('{"blind_tokens":["-4155550199"]}', ['14155550199'])).toThrow(
      /all digits/,
    );
  });
});
