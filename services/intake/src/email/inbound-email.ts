/** What intake needs of a received message, once parsed. */
export interface InboundEmail {
  /** Reply-To when given, else From. */
  replyTo: string;
  fromAddress: string;
  fromName: string | null;
  subject: string;
  text: string;
  messageId: string | null;
}
