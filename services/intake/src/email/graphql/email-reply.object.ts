import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { FailedReplyRow, RequeuedReply } from '../email-reply.repository.js';

const DAY_MS = 86_400_000;

@ObjectType('EmailReply', {
  description:
    'A reply with a ticket number owed to someone who e-mailed 311, as staff see it: neither the address nor the text is shown.',
})
export class EmailReplyObject {
  @Field(() => ID)
  id: string;

  @Field({ description: 'The ticket the reply announces.' })
  ticketNumber: string;

  @Field({ description: 'QUEUED, SENT or FAILED.' })
  status: string;

  @Field(() => Int, { description: 'Attempts at sending it (since the last retry by staff).' })
  attempts: number;

  @Field(() => String, {
    nullable: true,
    description: 'Why the last attempt failed, addresses and numbers masked.',
  })
  lastError: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was given up on (FAILED).' })
  failedAt: Date | null;

  @Field({ description: 'When the reply was owed (the message was received).' })
  createdAt: Date;

  @Field(() => Date, {
    nullable: true,
    description:
      'Until when retryEmailReply can send it again; null when it cannot (its message is no longer kept, or it is not FAILED).',
  })
  retryableUntil: Date | null;

  static fromFailed(row: FailedReplyRow, keepDays: number): EmailReplyObject {
    return Object.assign(new EmailReplyObject(), {
      id: row.id,
      ticketNumber: row.ticketNumber,
      status: 'FAILED',
      attempts: row.attempts,
      lastError: row.lastError,
      failedAt: row.failedAt,
      createdAt: row.createdAt,
      retryableUntil: row.messageKept ? new Date(row.failedAt.getTime() + keepDays * DAY_MS) : null,
    });
  }

  static fromRequeued(reply: RequeuedReply): EmailReplyObject {
    return Object.assign(new EmailReplyObject(), {
      id: reply.id,
      ticketNumber: reply.ticketNumber,
      status: 'QUEUED',
      attempts: reply.attempts,
      lastError: reply.lastError,
      failedAt: null,
      createdAt: reply.createdAt,
      retryableUntil: null,
    });
  }
}

@ObjectType('EmailReplyPage', { description: 'One page of a list of replies, with where it ends.' })
export class EmailReplyPageObject {
  @Field(() => [EmailReplyObject])
  nodes: EmailReplyObject[];

  @Field(() => String, {
    nullable: true,
    description: 'Pass as `after` for the next page; null when the page is empty.',
  })
  endCursor: string | null;

  @Field({ description: 'Whether there are more after this page.' })
  hasNextPage: boolean;
}
