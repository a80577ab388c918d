// What the rest of intake may use of e-mail intake (docs/adr/0033); the rest is internal.
export { EmailModule } from './email.module.js';
export { EmailReplyEntity } from './email-reply.entity.js';
export { EmailReplyRepository } from './email-reply.repository.js';
export { ReplySender } from './reply-sender.js';
export { SmtpReceiver } from './smtp-receiver.js';
