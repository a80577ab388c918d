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
    text = text.replace(
      new RegExp(`(?<![\\p{L}\\p{N}])${escape(name)}(?![\\p{L}\\p{N}])`, 'giu'),
      REMOVED_NAME,
    );
  }
  return text;
}
