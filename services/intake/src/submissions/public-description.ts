import { maskContactText } from '@civitas/observability';

/** Whom the description may name: the reporter's own names, as they gave them. */
export interface ReporterNames {
  firstName?: string;
  lastName?: string;
}

export const REMOVED_EMAIL = '[e-mail removed]';
export const REMOVED_PHONE = '[phone removed]';
export const REMOVED_NAME = '[name removed]';

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A letter or a digit, in any script: what may not stand right before or after a name. */
const WORD_CHARACTER = /^[\p{L}\p{N}]$/u;

/** The code point that ends just before `index` (a surrogate pair read whole). */
function codePointBefore(text: string, index: number): number {
  const low = text.charCodeAt(index - 1);
  if (low >= 0xdc00 && low <= 0xdfff && index >= 2) {
    const high = text.charCodeAt(index - 2);
    if (high >= 0xd800 && high <= 0xdbff) {
      return text.codePointAt(index - 2)!;
    }
  }
  return low;
}

const isWordCharacter = (codePoint: number | undefined): boolean =>
  codePoint !== undefined && WORD_CHARACTER.test(String.fromCodePoint(codePoint));

/**
 * `text` with every occurrence of `name` (any case) that no letter or digit touches replaced.
 * The same as replacing `(?<![\p{L}\p{N}])name(?![\p{L}\p{N}])` with flags `giu`, without
 * compiling that pattern: V8 builds the case closure of both Unicode classes for every new
 * pattern, about 0.5 ms of CPU a name it has not seen lately (docs/adr/0076). The name alone is
 * compiled, and its neighbours checked by one pattern compiled once.
 */
function withoutName(text: string, name: string): string {
  const finder = new RegExp(escape(name), 'giu');
  let kept = '';
  let from = 0;
  for (let found = finder.exec(text); found !== null; found = finder.exec(text)) {
    const start = found.index;
    const end = start + found[0].length;
    if (
      (start > 0 && isWordCharacter(codePointBefore(text, start))) ||
      (end < text.length && isWordCharacter(text.codePointAt(end)))
    ) {
      // Try again from the next code point, as the pattern with lookarounds would.
      finder.lastIndex = start + (text.codePointAt(start)! > 0xffff ? 2 : 1);
      continue;
    }
    kept += text.slice(from, start) + REMOVED_NAME;
    from = end;
  }
  return kept + text.slice(from);
}

/**
 * The description as open data may publish it (docs/adr/0057): e-mail addresses and phone numbers
 * removed with the maskers the logs use (docs/adr/0049), and the reporter's first and last names
 * wherever they stand as whole words, whatever their case. Intake computes it at acceptance: it
 * alone holds the name beside the text, and nothing downstream ever sees the name.
 */
export function publicDescriptionOf(
  description: string | undefined,
  reporter: ReporterNames | undefined,
): string | undefined {
  if (description === undefined || description.trim() === '') {
    return undefined;
  }
  let text = maskContactText(description.normalize('NFC'))
    .replaceAll('<address>', REMOVED_EMAIL)
    .replaceAll('<number>', REMOVED_PHONE);
  const names = [reporter?.firstName, reporter?.lastName]
    .flatMap((name) => (name ?? '').normalize('NFC').split(/[\s,]+/))
    .map((part) => part.trim())
    // One letter is an initial, not a name to look for in every word.
    .filter((part) => part.length > 1)
    .sort((a, b) => b.length - a.length);
  for (const name of names) {
    text = withoutName(text, name);
  }
  return text;
}
