import { Injectable, Logger } from '@nestjs/common';
import { UnitOfWork } from '@civitas/messaging';
import { CaseRepository } from '../../../cases/case.repository.js';
import { TimelineKind, Visibility } from '../../../timeline/timeline-entry.entity.js';
import { TimelineRepository } from '../../../timeline/timeline.repository.js';
import {
  ServiceRequestErrorCode,
  ServiceRequestException,
} from '../../service-request.exception.js';
import type { PublicUpdate } from '../../service-request.repository.js';

export interface CommentOnServiceRequestCommand {
  ticketNumber: string;
  comment: string;
  /** Who sent it (an API client's id, or a staff subject), for the log only. */
  by: string | null;
}

/** A public comment on a request (Open311 `POST servicerequestupdates` without a reopen). */
@Injectable()
export class CommentOnServiceRequestUseCase {
  private readonly logger = new Logger(CommentOnServiceRequestUseCase.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly cases: CaseRepository,
    private readonly timeline: TimelineRepository,
  ) {}

  async execute(command: CommentOnServiceRequestCommand): Promise<PublicUpdate> {
    return this.uow.run(async (tx) => {
      const found = await this.cases.publicByTicket(tx, command.ticketNumber);
      if (!found) {
        throw notFound(command.ticketNumber);
      }
      const now = new Date();
      const entry = await this.timeline.append(tx, {
        caseId: found.id,
        kind: TimelineKind.Note,
        summary: command.comment.trim(),
        visibility: Visibility.Public,
        at: now,
      });
      await this.cases.touch(tx, found.id, now);
      this.logger.log({ msg: 'public comment', ticketNumber: found.ticketNumber, by: command.by });
      return { entry, ticketNumber: found.ticketNumber, status: found.status };
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
