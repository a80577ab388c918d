import { Module } from '@nestjs/common';
import { SubmissionsModule } from '../submissions/index.js';
import { EmailReplyRepository } from './email-reply.repository.js';
import { EmailRepliesResolver } from './graphql/email-replies.resolver.js';
import { ReplySender } from './reply-sender.js';
import { SmtpReceiver } from './smtp-receiver.js';
import { ReplyDispatcher } from './use-cases/deliver-replies/reply-dispatcher.js';
import { ReceiveEmailUseCase } from './use-cases/receive-email/receive-email.use-case.js';
import { RetryEmailReplyUseCase } from './use-cases/retry-email-reply/retry-email-reply.use-case.js';

/**
 * Requests by e-mail: an SMTP receiver, and replies carrying the ticket number, queued with what
 * they answer and sent by a dispatcher with retries (docs/adr/0021); failed ones listed for staff
 * and sent again on request.
 */
@Module({
  imports: [SubmissionsModule],
  providers: [
    ReceiveEmailUseCase,
    EmailReplyRepository,
    ReplySender,
    ReplyDispatcher,
    SmtpReceiver,
    RetryEmailReplyUseCase,
    EmailRepliesResolver,
  ],
  // Erasure drops the replies owed to an erased resident.
  exports: [EmailReplyRepository, ReplySender],
})
export class EmailModule {}
