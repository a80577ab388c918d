/**
 * An e-mail address, or anything shaped like one (the `password@host` of a URL's credentials too).
 * Its local part has none of the characters an unquoted one cannot have (brackets, commas,
 * colons, semicolons), and its domain does not end in punctuation, so the text around an address
 * keeps its own: `(mail jane@example.org, or call)` keeps its bracket and comma, `e-mail:jane@…`
 * its colon.
 */
const ADDRESS = /[^\s<>"'@()[\],;:]+@[^\s<>"'@()[\],;:]*[^\s<>"'@()[\],;:.!?]/g;

/**
 * Seven or more digits in a run that may be spaced, dotted, hyphenated or bracketed, with an
 * optional leading `+`: a phone number as people write one. Not when the run is part of a word
 * or an identifier (`SR-2026-0000001`, a uuid), nor an ISO date or an IPv4 address, which an
 * operator needs to read.
 */
const NUMBER =
  /(?<![\w.+-])(?!\d{4}-\d{2}-\d{2}(?!\d))(?!\d{1,3}(?:\.\d{1,3}){3}(?![\d.]))\+?\d(?:[\s().-]*\d){6,}(?![\w-])/g;

/** Text with e-mail addresses and phone numbers masked, at any length (docs/adr/0049). */
export function maskContactText(text: string): string {
  return text.replace(ADDRESS, '<address>').replace(NUMBER, '<number>');
}

/**
 * A provider's error text as it may be stored or shown to staff: e-mail addresses and phone
 * numbers masked (SMTP and SMS gateways quote the recipient), at most 500 characters.
 */
export function maskContactDetails(message: string): string {
  return maskContactText(message).slice(0, 500);
}
