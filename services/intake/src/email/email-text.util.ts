/** The first ticket number (`<PREFIX>-YYYY-NNNNNNN`) in any of the texts, in order, upper-cased. */
export function findTicketNumber(
  prefix: string,
  ...texts: (string | null | undefined)[]
): string | null {
  const pattern = new RegExp(`(?<![A-Za-z0-9])${prefix}-\\d{4}-\\d{7}(?![0-9])`, 'i');
  for (const text of texts) {
    const match = text ? pattern.exec(text) : null;
    if (match) {
      return match[0].toUpperCase();
    }
  }
  return null;
}

const ADDRESS_LINE =
  /^[ \t>]*(?:address|location|where|street address|adresse|direcci[oó]n|ubicaci[oó]n|lugar)[ \t]*[:\-][ \t]*(\S.{1,498}?)[ \t]*$/im;

/** An address the writer gave on a line of its own ("Address: 12 Elm St"), or null. */
export function findAddressLine(text: string | null | undefined): string | null {
  const match = text ? ADDRESS_LINE.exec(text) : null;
  return match ? match[1].trim() : null;
}

/** The writer's text without the quoted history of earlier messages (lines starting with `>`). */
export function withoutQuotedLines(text: string): string {
  return text
    .split(/\r?\n/)
    .filter((line) => !/^\s*>/.test(line))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Cuts text to `max` characters, marking the cut. */
export function clipText(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** First name and the rest, from a display name ("Maria de la Cruz" → Maria / de la Cruz). */
export function splitDisplayName(name: string | null | undefined): {
  firstName?: string;
  lastName?: string;
} {
  const parts = (name ?? '').replace(/["']/g, '').trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) {
    return {};
  }
  return {
    firstName: parts[0].slice(0, 200),
    ...(parts.length > 1 ? { lastName: parts.slice(1).join(' ').slice(0, 200) } : {}),
  };
}
