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

/**
 * C0 control characters a person cannot have meant to send: everything below U+0020 except tab,
 * line feed and carriage return. NUL among them, which Postgres cannot store in text at all
 * (docs/adr/0043).
 */
const FORBIDDEN_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;
const FORBIDDEN_CONTROL_ALL = new RegExp(FORBIDDEN_CONTROL.source, 'g');

/**
 * Why `text` may not be accepted, or null when it may: the first control character found, by code
 * point and position, never the text around it.
 */
export function controlCharacterProblem(text: string): string | null {
  const match = FORBIDDEN_CONTROL.exec(text);
  if (!match) {
    return null;
  }
  const code = match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
  return `must not contain control characters (found U+${code}${code === '0000' ? ' NUL' : ''} at character ${match.index + 1}; only tab, line feed and carriage return are allowed)`;
}

/** `text` without the control characters `controlCharacterProblem` refuses. */
export function stripControlCharacters(text: string): string {
  return text.replace(FORBIDDEN_CONTROL_ALL, '');
}

/**
 * Every string inside `value` (objects, arrays, their keys) with a refused control character, by
 * its path from `path` (`description`, `attributes.0.value`); at most `limit` of them.
 */
export function findControlCharacters(
  value: unknown,
  path: string,
  limit = 20,
): { field: string; reason: string }[] {
  const found: { field: string; reason: string }[] = [];
  const seen = new Set<unknown>();
  const walk = (node: unknown, at: string): void => {
    if (found.length >= limit) {
      return;
    }
    if (typeof node === 'string') {
      const problem = controlCharacterProblem(node);
      if (problem) {
        found.push({ field: at || '(value)', reason: problem });
      }
      return;
    }
    if (node === null || typeof node !== 'object' || seen.has(node)) {
      return;
    }
    if (node instanceof Date || ArrayBuffer.isView(node)) {
      return;
    }
    seen.add(node);
    if (Array.isArray(node)) {
      node.forEach((item, index) => walk(item, at ? `${at}.${index}` : String(index)));
      return;
    }
    for (const [key, item] of Object.entries(node)) {
      const child = at ? `${at}.${key}` : key;
      if (controlCharacterProblem(key)) {
        found.push({
          field: at || '(value)',
          reason: 'has a key that must not contain control characters',
        });
        continue;
      }
      walk(item, child);
    }
  };
  walk(value, path);
  return found;
}
