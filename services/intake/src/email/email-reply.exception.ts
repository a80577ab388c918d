import { domainErrorFor } from '@civitas/contracts';

/** Why staff could not list or send again a reply to e-mail. */
export enum EmailReplyErrorCode {
  InvalidArgument = 'BAD_USER_INPUT',
  NotFound = 'EMAIL_REPLY_NOT_FOUND',
  /** Only a FAILED reply can be sent again; a queued one is being tried, a sent one arrived. */
  NotFailed = 'EMAIL_REPLY_NOT_FAILED',
  /** Its message was dropped (past MAIL_FAILED_KEEP_DAYS, or its resident erased). */
  MessageGone = 'EMAIL_REPLY_MESSAGE_GONE',
}

export class EmailReplyException extends domainErrorFor<EmailReplyErrorCode>({
  [EmailReplyErrorCode.InvalidArgument]: 'invalid',
  [EmailReplyErrorCode.NotFound]: 'not-found',
  [EmailReplyErrorCode.NotFailed]: 'conflict',
  [EmailReplyErrorCode.MessageGone]: 'conflict',
}) {
  static invalid(field: string, reason: string): EmailReplyException {
    return EmailReplyException.aboutField(EmailReplyErrorCode.InvalidArgument, field, reason);
  }

  static notFound(id: string): EmailReplyException {
    return new EmailReplyException(EmailReplyErrorCode.NotFound, `No e-mail reply has id ${id}`, [
      { field: 'id', reason: 'no such e-mail reply' },
    ]);
  }

  static notFailed(id: string, status: string): EmailReplyException {
    return new EmailReplyException(
      EmailReplyErrorCode.NotFailed,
      `E-mail reply ${id} is ${status}; only a FAILED reply can be sent again`,
      [{ field: 'id', reason: `the reply is ${status}, not FAILED` }],
    );
  }

  static messageGone(id: string): EmailReplyException {
    return new EmailReplyException(
      EmailReplyErrorCode.MessageGone,
      `E-mail reply ${id} can no longer be sent: its message is no longer kept`,
      [{ field: 'id', reason: 'the message is no longer kept' }],
    );
  }
}
