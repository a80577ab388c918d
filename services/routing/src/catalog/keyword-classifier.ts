import { normaliseForMatching } from '@civitas/contracts';

/** A service as the classifier sees it. */
export interface ClassifiableService {
  code: string;
  keywords: string[];
}

export interface Classification {
  serviceCode: string;
  keywords: string[];
}

/**
 * Keywords as they are matched: each normalised once (`normaliseForMatching`), blank ones dropped.
 * Pass the result to `matchedKeywords` with text normalised the same way.
 */
export function keywordNeedles(keywords: readonly string[]): { keyword: string; needle: string }[] {
  return [...new Set(keywords)]
    .map((keyword) => ({ keyword, needle: normaliseForMatching(keyword) }))
    .filter((k) => k.needle.trim() !== '');
}

/**
 * The keywords found in `haystack` (already `normaliseForMatching`-ed) as whole words or phrases:
 * case- and accent-insensitive, so "bache" finds "Baché" and "street light" finds "Street-light".
 */
export function matchedKeywords(
  haystack: string,
  needles: readonly { keyword: string; needle: string }[],
): string[] {
  return needles.filter((k) => haystack.includes(k.needle)).map((k) => k.keyword);
}

/** Whether `haystack` holds any of the keywords, as `matchedKeywords` finds them (stops at the first). */
export function hasAnyKeyword(
  haystack: string,
  needles: readonly { keyword: string; needle: string }[],
): boolean {
  return needles.some((k) => haystack.includes(k.needle));
}

/**
 * Guesses which service free text (an e-mail) is about from the catalog's keywords, matched as
 * whole words or phrases, case- and accent-insensitively. Each matching keyword scores its number
 * of words (a phrase is more telling than a word); the highest score wins, then the longest
 * keyword, then the code, so the answer never depends on the order services are listed in.
 * Null when nothing matches.
 */
export function classifyByKeywords(
  text: string,
  services: readonly ClassifiableService[],
): Classification | null {
  const haystack = normaliseForMatching(text);
  let best: { code: string; keywords: string[]; score: number; longest: number } | null = null;
  for (const service of services) {
    const matched = matchedKeywords(haystack, keywordNeedles(service.keywords));
    if (matched.length === 0) {
      continue;
    }
    const score = matched.reduce(
      (sum, k) => sum + normaliseForMatching(k).trim().split(' ').length,
      0,
    );
    const longest = Math.max(...matched.map((k) => k.length));
    const better =
      !best ||
      score > best.score ||
      (score === best.score && longest > best.longest) ||
      (score === best.score && longest === best.longest && service.code < best.code);
    if (better) {
      best = { code: service.code, keywords: matched, score, longest };
    }
  }
  return best ? { serviceCode: best.code, keywords: best.keywords } : null;
}
