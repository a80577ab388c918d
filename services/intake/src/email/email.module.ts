import { Module } from '@nestjs/common';
import { SubmissionsModule } from '../submissions/submissions.module.js';
import { ReplySender } from './reply-sender.js';
import { SmtpReceiver } from './smtp-receiver.js';
import { ReceiveEmailUseCase } from './use-cases/receive-email/receive-email.use-case.js';

/** Requests by e-mail: an SMTP receiver, and replies carrying the ticket number. */
@Module({
  imports: [SubmissionsModule],
  providers: [ReceiveEmailUseCase, ReplySender, SmtpReceiver],
})
export class EmailModule {}
