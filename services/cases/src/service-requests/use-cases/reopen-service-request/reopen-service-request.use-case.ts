import { Injectable, Logger } from '@nestjs/common';
import { CaseStatus } from '@civitas/contracts';
import { UnitOfWork } from '@civitas/messaging';
import { CaseReadScope, CaseRepository, CaseStatusWriter } from '../../../cases/index.js';
import {
  ServiceRequestErrorCode,
  ServiceRequestException,
} from '../../service-request.exception.js';
import type { PublicUpdate } from '../../service-request.repository.js';
import { notFound } from '../comment-on-service-request/comment-on-service-request.use-case.js';

export interface ReopenServiceRequestCommand {
  ticketNumber: string;
  /** What the resident says is still wrong. */
  reason?: string;
  by: string | null;
}

/**
 * A resident says a closed request is not fixed: the case goes back to work (OPEN when it was
 * routed, else NEW), the reason lands on the public timeline, and `status-changed` is emitted in
 * the same transaction, all through `CaseStatusWriter` as staff changes are.
 */
@Injectable()
export class ReopenServiceRequestUseCase {
  private readonly logger = new Logger(ReopenServiceRequestUseCase.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly cases: CaseRepository,
    private readonly statuses: CaseStatusWriter,
  ) {}

  async execute(command: ReopenServiceRequestCommand): Promise<PublicUpdate> {
    return this.uow.run(async (tx) => {
      const found = await this.cases.lockByTicket(tx, command.ticketNumber, CaseReadScope.PUBLIC);
      if (!found) {
        throw notFound(command.ticketNumber);
      }
      if (found.status !== CaseStatus.CLOSED) {
        throw new ServiceRequestException(
          ServiceRequestErrorCode.NotClosed,
          `Service request ${found.ticketNumber} is not closed, so it cannot be reopened`,
          [{ field: 'status', reason: `the request is ${found.status.toLowerCase()}, not closed` }],
        );
      }
      const to = found.departmentCode ? CaseStatus.OPEN : CaseStatus.NEW;
      const reason = command.reason?.trim();
      // The same writer as staff changes: status, timeline, status-changed (and the duplicate
      // link ends: a duplicate reopened is a case of its own again).
      const { entry } = await this.statuses.apply(tx, found, to, {
        publicNote: reason ? `not fixed. ${reason}` : 'not fixed',
        author: null,
      });
      this.logger.log({
        msg: 'service request reopened',
        ticketNumber: found.ticketNumber,
        by: command.by,
      });
      return { entry, ticketNumber: found.ticketNumber };
    });
  }
}
