import { Inject } from '@nestjs/common';
import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentIdentity, Roles } from '@civitas/auth';
import { Role, type Identity, assertPageSize } from '@civitas/contracts';
import { INTAKE_CONFIG } from '../../config/intake-config.token.js';
import type { IntakeConfig } from '../../config/intake.config.js';
import { EmailReplyRepository } from '../email-reply.repository.js';
import { EmailReplyException } from '../email-reply.exception.js';
import { decodeFailedReplyCursor, encodeFailedReplyCursor } from '../failed-reply-cursor.util.js';
import { RetryEmailReplyUseCase } from '../use-cases/retry-email-reply/retry-email-reply.use-case.js';
import { EmailReplyObject, EmailReplyPageObject } from './email-reply.object.js';

const MAX_PAGE = 500;

/**
 * Replies to e-mail that could not be sent, for supervisors and admins (as citizens'
 * `failedNotifications`): an operations list (a relay down, a mailbox refused), not casework, so
 * agents are not given it. Nothing personal is read: no audit entry, no address, no text.
 */
@Resolver(() => EmailReplyObject)
export class EmailRepliesResolver {
  constructor(
    private readonly replies: EmailReplyRepository,
    private readonly retry: RetryEmailReplyUseCase,
    @Inject(INTAKE_CONFIG) private readonly config: IntakeConfig,
  ) {}

  @Roles(Role.Supervisor, Role.Admin)
  @Query(() => EmailReplyPageObject, {
    description:
      'Replies to e-mail given up on (after every retry, or refused for good by the relay), newest failure first.',
  })
  async failedEmailReplies(
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
    @Args('after', {
      type: () => String,
      nullable: true,
      description: 'The endCursor of the page before.',
    })
    after: string | null,
  ): Promise<EmailReplyPageObject> {
    assertPageSize(first, MAX_PAGE);
    const from = after ? decodeFailedReplyCursor(after) : null;
    if (after && !from) {
      throw EmailReplyException.invalid('after', 'is not a cursor given by failedEmailReplies');
    }
    // One more than asked tells whether another page follows.
    const rows = await this.replies.failed(first + 1, from);
    const page = rows.slice(0, first);
    const last = page.at(-1);
    return {
      nodes: page.map((row) => EmailReplyObject.fromFailed(row, this.config.MAIL_FAILED_KEEP_DAYS)),
      endCursor: last ? encodeFailedReplyCursor(last.position) : null,
      hasNextPage: rows.length > first,
    };
  }

  @Roles(Role.Supervisor, Role.Admin)
  @Mutation(() => EmailReplyObject, {
    description:
      'Sends a FAILED reply again (once the relay or the mailbox is fixed): queued at once, attempts counted afresh. Possible while its message is kept (retryableUntil).',
  })
  async retryEmailReply(
    @Args('id', { type: () => ID }) id: string,
    @CurrentIdentity() identity: Identity,
  ): Promise<EmailReplyObject> {
    return EmailReplyObject.fromRequeued(await this.retry.execute(id, identity));
  }
}
