import { Injectable, Logger } from '@nestjs/common';
import type { Identity } from '@civitas/contracts';
import { UnitOfWork } from '@civitas/messaging';
import type { CaseEntity } from '../../case.entity.js';
import { CaseReadScope } from '../../case-read-scope.js';
import { CaseErrorCode, CaseException } from '../../case.exception.js';
import { CaseRepository } from '../../case.repository.js';
import { TimelineKind, TimelineRepository, Visibility } from '../../../timeline/index.js';
import { assertMayWorkCase } from '../change-status/case-work-scope.js';

export interface RejectPossibleDuplicateCommand {
  ticketNumber: string;
  actor: Identity;
}

/**
 * Staff find that a case linked as a possible duplicate when it was opened is a problem of its own
 * (docs/adr/0063): the link is removed and the decision written on the internal timeline. Same
 * roles and department scope as `markCaseDuplicate`, which confirms the link instead.
 */
@Injectable()
export class RejectPossibleDuplicateUseCase {
  private readonly logger = new Logger(RejectPossibleDuplicateUseCase.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly cases: CaseRepository,
    private readonly timeline: TimelineRepository,
  ) {}

  async execute(command: RejectPossibleDuplicateCommand): Promise<CaseEntity> {
    const { ticketNumber, actor } = command;
    const { rejected, parent } = await this.uow.run(async (tx) => {
      const found = await this.cases.lockByTicket(tx, ticketNumber, CaseReadScope.ALL);
      if (!found) {
        throw CaseException.notFound(ticketNumber);
      }
      assertMayWorkCase(actor, found);
      if (!found.possibleDuplicateOfCaseId) {
        throw new CaseException(
          CaseErrorCode.NotPossibleDuplicate,
          `Case ${ticketNumber} is not linked as a possible duplicate`,
          [{ field: 'ticketNumber', reason: 'the case has no possible duplicate link to reject' }],
        );
      }
      const parentTicket = await this.cases.ticketNumberOf(tx, found.possibleDuplicateOfCaseId);
      const now = new Date();
      await this.cases.setPossibleDuplicate(tx, found.id, null, now);
      await this.timeline.append(tx, {
        caseId: found.id,
        kind: TimelineKind.PossibleDuplicateRejected,
        summary: `Not a duplicate of ${parentTicket}`,
        caseStatus: found.status,
        visibility: Visibility.Internal,
        at: now,
        author: actor.sub,
      });
      return {
        rejected: Object.assign(found, { possibleDuplicateOfCaseId: null, updatedAt: now }),
        parent: parentTicket,
      };
    });
    this.logger.log({
      msg: 'possible duplicate rejected',
      ticketNumber: rejected.ticketNumber,
      parent,
      by: actor.sub,
    });
    return rejected;
  }
}
