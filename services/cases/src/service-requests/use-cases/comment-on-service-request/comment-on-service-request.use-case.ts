import { Injectable, Logger } from '@nestjs/common';
import { CaseStatus } from '@civitas/contracts';
import { UnitOfWork } from '@civitas/messaging';
import { CaseReadScope, CaseRepository } from '../../../cases/index.js';
import { TimelineKind, Visibility, TimelineRepository } from '../../../timeline/index.js';
import {
  ServiceRequestErrorCode,
  ServiceRequestException,
} from '../../service-request.exception.js';
import type { PublicUpdate } from '../../service-request.repository.js';

export interface CommentOnServiceRequestCommand {
  ticketNumber: string;
  /** Shown publicly on the request; may be left out when the resident only says it is fixed. */
  comment?: string | null;
  /** The resident says the problem is fixed (Open311 `status=CLOSED`/`FIXED` from a resident). */
  residentSaysFixed?: boolean;
  /** Who sent it (an API client's id, or a staff subject), for the log only. */
  by: string | null;
}

/** What staff read on the timeline when a resident says a request still open is fixed. */
export const RESIDENT_SAYS_FIXED = 'The resident says it is fixed';

/**
 * A public comment on a request (Open311 `POST servicerequestupdates` without a reopen). A
 * resident saying it is fixed does not close it: staff see it as an internal entry and decide
 * (docs/adr/0035). It is internal so that Open311 pollers never read it as an update saying the
 * request is open, which would undo their own "fixed".
 */
@Injectable()
export class CommentOnServiceRequestUseCase {
  private readonly logger = new Logger(CommentOnServiceRequestUseCase.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly cases: CaseRepository,
    private readonly timeline: TimelineRepository,
  ) {}

  async execute(command: CommentOnServiceRequestCommand): Promise<PublicUpdate> {
    const comment = command.comment?.trim() || undefined;
    if (!comment && !command.residentSaysFixed) {
      throw new ServiceRequestException(
        ServiceRequestErrorCode.NothingToRecord,
        'A comment is required unless the resident says the request is fixed',
        [{ field: 'comment', reason: 'must not be blank' }],
      );
    }
    return this.uow.run(async (tx) => {
      // Locked: the status each entry records holds until the transaction commits.
      const found = await this.cases.lockByTicket(tx, command.ticketNumber, CaseReadScope.PUBLIC);
      if (!found) {
        throw notFound(command.ticketNumber);
      }
      const now = new Date();
      // On a closed request the resident agrees with the closure: their words are the update.
      const saysFixed =
        command.residentSaysFixed && (found.status !== CaseStatus.CLOSED || !comment)
          ? await this.timeline.append(tx, {
              caseId: found.id,
              kind: TimelineKind.Note,
              summary: comment ? `${RESIDENT_SAYS_FIXED}: ${comment}` : RESIDENT_SAYS_FIXED,
              caseStatus: found.status,
              visibility: Visibility.Internal,
              at: now,
            })
          : undefined;
      const entry = comment
        ? await this.timeline.append(tx, {
            caseId: found.id,
            kind: TimelineKind.Note,
            summary: comment,
            caseStatus: found.status,
            visibility: Visibility.Public,
            at: now,
          })
        : saysFixed!;
      await this.cases.touch(tx, found.id, now);
      this.logger.log({
        msg: 'public comment',
        ticketNumber: found.ticketNumber,
        residentSaysFixed: saysFixed !== undefined,
        by: command.by,
      });
      return { entry, ticketNumber: found.ticketNumber };
    });
  }
}

export function notFound(ticketNumber: string): ServiceRequestException {
  return new ServiceRequestException(
    ServiceRequestErrorCode.ServiceRequestNotFound,
    `No public service request ${ticketNumber}`,
    [{ field: 'ticketNumber', reason: 'no such public service request' }],
  );
}
