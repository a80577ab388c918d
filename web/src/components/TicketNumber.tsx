import { Fragment, type ReactNode } from 'react';

/**
 * A ticket number as the platform writes it (`SR-2026-0000042`; the prefix is the city's
 * TICKET_PREFIX). A browser may break a line after any hyphen, which at phone width split the
 * number over two or three lines; these keep it whole.
 */
const TICKET = /\b[A-Z][A-Z0-9]*-\d{4}-\d{4,}\b/g;

/** One ticket number, never broken across lines. */
export function TicketNumber({ value }: { value: string }) {
  return <span className="ticket-number">{value}</span>;
}

/** `text` (a translated sentence, a hint) with every ticket number in it kept whole. */
export function withWholeTickets(text: string): ReactNode {
  const parts: ReactNode[] = [];
  let from = 0;
  for (const match of text.matchAll(TICKET)) {
    parts.push(text.slice(from, match.index), <TicketNumber key={match.index} value={match[0]} />);
    from = match.index + match[0].length;
  }
  if (from === 0) {
    return text;
  }
  parts.push(text.slice(from));
  return parts.map((part, i) => <Fragment key={i}>{part}</Fragment>);
}
