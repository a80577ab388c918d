import { Injectable, Logger } from '@nestjs/common';
import type { Identity } from '@civitas/contracts';
import { isUUID } from 'class-validator';
import { EmailReplyRepository, type RequeuedReply } from '../../email-reply.repository.js';
import { EmailReplyException } from '../../email-reply.exception.js';
import { ReplyDispatcher } from '../deliver-replies/reply-dispatcher.js';

/**
 * Staff send a failed reply again (the relay or the mailbox was fixed): it goes back in the queue
 * with its attempts counted afresh and the dispatcher tries it at once, with the usual retries.
 * Possible only while its sealed message is kept (MAIL_FAILED_KEEP_DAYS, docs/adr/0021).
 */
@Injectable()
export class RetryEmailReplyUseCase {
  private readonly logger = new Logger(RetryEmailReplyUseCase.name);

  constructor(
    private readonly replies: EmailReplyRepository,
    private readonly dispatcher: ReplyDispatcher,
  ) {}

  async execute(id: string, actor: Identity): Promise<RequeuedReply> {
    if (!isUUID(id)) {
      throw EmailReplyException.invalid('id', 'must be a UUID');
    }
    const requeued = (await this.replies.requeueFailed(id)) ?? (await this.whyNot(id));
    this.dispatcher.kick();
    // Who asked for a mail to a resident to go out again; no personal data is read or shown.
    this.logger.log({
      msg: 'e-mail reply retried by staff',
      replyId: id,
      ticketNumber: requeued.ticketNumber,
      by: actor.sub,
    });
    return requeued;
  }

  /** Throws the reason the reply could not be put back; retries once when there is none. */
  private async whyNot(id: string): Promise<RequeuedReply> {
    const state = await this.replies.stateOf(id);
    if (!state) {
      throw EmailReplyException.notFound(id);
    }
    if (state.status !== 'FAILED') {
      throw EmailReplyException.notFailed(id, state.status);
    }
    if (!state.messageKept) {
      throw EmailReplyException.messageGone(id);
    }
    // Failed again between the two reads (someone else's retry, refused at once): once more.
    const requeued = await this.replies.requeueFailed(id);
    if (!requeued) {
      throw EmailReplyException.notFailed(id, 'being sent');
    }
    return requeued;
  }
}
