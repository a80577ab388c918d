import { Injectable, Logger } from '@nestjs/common';
import { UnitOfWork } from '@civitas/messaging';
import { CaseEntity } from '../../../cases/case.entity.js';
import { TimelineKind } from '../../../timeline/timeline-entry.entity.js';
import {
  ServiceRequestErrorCode,
  ServiceRequestException,
} from '../../service-request.exception.js';
import { ServiceRequestRepository, type PublicUpdate } from '../../service-request.repository.js';

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
    private readonly requests: ServiceRequestRepository,
  ) {}

  async execute(command: CommentOnServiceRequestCommand): Promise<PublicUpdate> {
    return this.uow.run(async (tx) => {
      const found = await this.requests.publicByTicket(command.ticketNumber, tx.manager);
      if (!found) {
        throw notFound(command.ticketNumber);
      }
      const now = new Date();
      const entry = await this.requests.appendPublicEntry(tx.manager, {
        caseId: found.id,
        kind: TimelineKind.Note,
        summary: command.comment.trim(),
        at: now,
      });
      await tx.manager.update(CaseEntity, { id: found.id }, { updatedAt: now });
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
