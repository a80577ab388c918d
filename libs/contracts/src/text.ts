/**
 * Text for whole-word phrase matching (emergency phrases, catalog keywords): lower case, accents
 * dropped, punctuation as spaces, single spaces, padded with a space at each end so that
 * `normaliseForMatching(text).includes(normaliseForMatching(phrase))` matches whole words only.
 */
export function normaliseForMatching(text: string): string {
  return ` ${text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()} `;
}
