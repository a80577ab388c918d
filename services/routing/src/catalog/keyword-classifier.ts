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

/** A keyword as it is matched: normalised once (`normaliseForMatching`), with its words. */
export interface KeywordNeedle {
  keyword: string;
  needle: string;
  words: string[];
}

/** Keywords as they are matched, blank ones dropped; pass them to `matchedKeywords`/`hasAnyKeyword`. */
export function keywordNeedles(keywords: readonly string[]): KeywordNeedle[] {
  return [...new Set(keywords)]
    .map((keyword) => {
      const needle = normaliseForMatching(keyword);
      return { keyword, needle, words: needle.trim().split(' ') };
    })
    .filter((k) => k.needle.trim() !== '');
}

/**
 * The keywords found in `haystack` (already `normaliseForMatching`-ed) as whole words or phrases:
 * case- and accent-insensitive, so "bache" finds "Baché" and "street light" finds "Street-light".
 */
export function matchedKeywords(haystack: string, needles: readonly KeywordNeedle[]): string[] {
  return needles.filter((k) => haystack.includes(k.needle)).map((k) => k.keyword);
}

/** Text normalised once for many keyword tests, its words indexed. */
export interface MatchableText {
  haystack: string;
  words: ReadonlySet<string>;
}

export function matchableText(text: string): MatchableText {
  const haystack = normaliseForMatching(text);
  return { haystack, words: new Set(haystack.trim().split(' ')) };
}

/**
 * Whether `text` holds any of the keywords, as `matchedKeywords` finds them. A keyword with a word
 * the text lacks is passed over without a scan (hundreds of rules' keywords are tried against each
 * case: bench/routing-rules).
 */
export function hasAnyKeyword(text: MatchableText, needles: readonly KeywordNeedle[]): boolean {
  return needles.some(
    (k) => k.words.every((w) => text.words.has(w)) && text.haystack.includes(k.needle),
  );
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
