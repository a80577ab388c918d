import type { InboundEmail } from './inbound-email.js';
import type { OutgoingReply } from './reply-sender.js';

export type ReceiveOutcome =
  | {
      kind: 'submission';
      ticketNumber: string;
      serviceNotice: string | null;
      serviceCode: string;
      located: boolean;
    }
  | { kind: 'interaction'; ticketNumber: string; serviceNotice: string | null };

/** The subject of the answer: the ticket number in it, so a reply to the reply finds its case. */
export function replySubject(original: string, ticketNumber: string): string {
  const base = original.trim() || 'Your request';
  const re = /^re:/i.test(base) ? base : `Re: ${base}`;
  return re.toUpperCase().includes(ticketNumber) ? re : `${re} [${ticketNumber}]`;
}

/** The text of the answer to an e-mailed request. A possible emergency is said first. */
export function replyText(outcome: ReceiveOutcome): string {
  const lines: string[] = [];
  if (outcome.serviceNotice) {
    lines.push(outcome.serviceNotice, '');
  }
  if (outcome.kind === 'submission') {
    lines.push(
      `Thank you. Your request has been received with the ticket number ${outcome.ticketNumber}.`,
      '',
      'Keep this number: quote it in the subject of any e-mail about this request, or give it when you call 311.',
    );
    if (!outcome.located) {
      lines.push(
        '',
        'We could not find an address in your message. Reply with a line such as "Address: 12 Elm St" if you can.',
      );
    }
  } else {
    lines.push(
      `Thank you. Your message has been added to request ${outcome.ticketNumber}; the staff working on it will see it.`,
    );
  }
  lines.push('', 'This is an automatic answer.');
  return lines.join('\n');
}

/** The whole answer to a received message: to its Reply-To (else From), threaded under it. */
export function composeReply(
  email: Pick<InboundEmail, 'replyTo' | 'subject' | 'messageId'>,
  outcome: ReceiveOutcome,
): OutgoingReply {
  return {
    to: email.replyTo,
    subject: replySubject(email.subject, outcome.ticketNumber),
    text: replyText(outcome),
    ...(email.messageId ? { inReplyTo: email.messageId } : {}),
  };
}
