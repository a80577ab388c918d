/**
 * A provider's error text as it may be stored or shown to staff: e-mail addresses and phone
 * numbers masked (SMTP and SMS gateways quote the recipient), at most 500 characters.
 */
export function maskContactDetails(message: string): string {
  return message
    .replace(/[^\s<>"'@]+@[^\s<>"'@]+/g, '<address>')
    .replace(/\+?\d(?:[\s().-]*\d){6,}/g, '<number>')
    .slice(0, 500);
}
