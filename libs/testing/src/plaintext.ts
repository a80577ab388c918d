/** Shortest secret worth looking for in data that holds ciphertext, hashes and blind tokens. */
export const MIN_SECRET_LENGTH = 10;

/**
 * The secrets (case-insensitive) that occur in `haystack`, each with a little of what surrounds
 * it; `[]` when none does. For "no personal data at rest in plaintext" checks:
 * `expect(plaintextFound(dump, ['wilhelmina', ...])).toEqual([])`.
 *
 * Ciphertext is base64 and hashes are hex or decimal, so a short secret turns up in them by chance:
 * "jane" turns up by chance in about one 300 kB dump of lower-cased base64 in four. A
 * secret of 10 characters, not all digits, occurs by chance with a probability of at most 32^-10
 * (about 1e-15) per position of lower-cased base64, and never in a decimal token; shorter or
 * digit-only secrets are refused, so such a check cannot fail at random.
 */
export function plaintextFound(haystack: string, secrets: readonly string[]): string[] {
  const lower = haystack.toLowerCase();
  const found: string[] = [];
  for (const secret of secrets) {
    if (secret.length < MIN_SECRET_LENGTH || /^\d+$/.test(secret)) {
      throw new Error(
        `"${secret}" is too short or all digits to look for among ciphertext and hashes (it can occur ` +
          `there by chance): give the test data values of at least ${MIN_SECRET_LENGTH} characters, not all digits`,
      );
    }
    const at = lower.indexOf(secret.toLowerCase());
    if (at >= 0) {
      found.push(`${secret} in …${haystack.slice(Math.max(0, at - 40), at + secret.length + 40)}…`);
    }
  }
  return found;
}
