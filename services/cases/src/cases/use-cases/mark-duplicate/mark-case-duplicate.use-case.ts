import { Injectable, Logger } from '@nestjs/common';
import { CaseStatus, type FieldProblem, type Identity } from '@civitas/contracts';
import { UnitOfWork } from '@civitas/messaging';
import { In } from 'typeorm';
import { CaseEntity } from '../../case.entity.js';
import { CaseErrorCode, CaseException } from '../../case.exception.js';
import { duplicateParentId } from '../../duplicate-link.js';
import { CaseStatusWriter } from '../change-status/case-status-writer.js';
import { assertStaffMayMove } from '../change-status/case-work-scope.js';

export interface MarkCaseDuplicateCommand {
  ticketNumber: string;
  /** The ticket number of the case it duplicates (the parent). */
  duplicateOf: string;
  actor: Identity;
}

/**
 * Staff close a case as a duplicate of another (its parent): the link is recorded and the case is
 * closed through the same writer as any staff closure ("Closed: duplicate of <parent>" on the
 * public timeline, `status-changed` with `duplicateOf`), so the reporter, Open311 readers and
 * analytics hear of it like any other closure. Same roles and department scope as a status change.
 *
 * Links stay one level deep, so a reader finds the case being worked in one step: a parent that
 * is itself a duplicate is refused, naming the case it duplicates; and when the case marked has
 * duplicates of its own, they follow it to its new parent.
 */
@Injectable()
export class MarkCaseDuplicateUseCase {
  private readonly logger = new Logger(MarkCaseDuplicateUseCase.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly writer: CaseStatusWriter,
  ) {}

  async execute(command: MarkCaseDuplicateCommand): Promise<CaseEntity> {
    const { ticketNumber, duplicateOf } = command;
    if (ticketNumber === duplicateOf) {
      throw new CaseException(
        CaseErrorCode.InvalidInput,
        `Case ${ticketNumber} cannot be a duplicate of itself`,
        [{ field: 'duplicateOf', reason: 'is the case itself; name the case it duplicates' }],
      );
    }
    const { marked, followers } = await this.uow.run(async (tx) => {
      // The case, its parent and the case's own duplicates, locked in one statement in id order,
      // so two merges touching the same cases at once wait for each other instead of deadlocking.
      const locked = await tx.manager
        .createQueryBuilder(CaseEntity, 'c')
        .where('c.ticket_number IN (:...tickets)', { tickets: [ticketNumber, duplicateOf] })
        .orWhere(
          'c.duplicate_of_case_id IN (SELECT s.id FROM service_case s WHERE s.ticket_number = :ticket)',
          { ticket: ticketNumber },
        )
        .orderBy('c.id', 'ASC')
        .setLock('pessimistic_write')
        .getMany();
      const found = locked.find((c) => c.ticketNumber === ticketNumber);
      const parent = locked.find((c) => c.ticketNumber === duplicateOf);
      if (!found || !parent) {
        throw notFound([
          ...(found ? [] : [{ ticketNumber, field: 'ticketNumber' }]),
          ...(parent ? [] : [{ ticketNumber: duplicateOf, field: 'duplicateOf' }]),
        ]);
      }
      assertStaffMayMove(command.actor, found, CaseStatus.CLOSED, 'ticketNumber');
      const grandparentId = duplicateParentId(parent);
      if (grandparentId) {
        const root = await tx.manager.findOneOrFail(CaseEntity, {
          where: { id: grandparentId },
          select: { id: true, ticketNumber: true },
        });
        throw new CaseException(
          CaseErrorCode.ParentIsDuplicate,
          `Case ${parent.ticketNumber} is itself a duplicate of ${root.ticketNumber}; mark ${ticketNumber} a duplicate of ${root.ticketNumber}`,
          [
            {
              field: 'duplicateOf',
              reason: `is itself a duplicate of ${root.ticketNumber}; name ${root.ticketNumber} instead`,
            },
          ],
        );
      }
      const followers = locked.filter((c) => duplicateParentId(c) === found.id);
      const { updated: marked } = await this.writer.apply(
        tx,
        found,
        CaseStatus.CLOSED,
        { publicNote: `duplicate of ${parent.ticketNumber}`, author: command.actor.sub },
        parent,
      );
      if (followers.length > 0) {
        await tx.manager.update(
          CaseEntity,
          { id: In(followers.map((c) => c.id)) },
          { duplicateOfCaseId: parent.id, updatedAt: marked.updatedAt },
        );
      }
      return { marked, followers: followers.map((c) => c.ticketNumber) };
    });
    this.logger.log({
      msg: 'case marked duplicate',
      ticketNumber: marked.ticketNumber,
      duplicateOf,
      followers,
      by: command.actor.sub,
    });
    return marked;
  }
}

function notFound(missing: { ticketNumber: string; field: string }[]): CaseException {
  if (missing.length === 1) {
    return CaseException.notFound(missing[0].ticketNumber, missing[0].field);
  }
  const problems: FieldProblem[] = missing.map(({ field }) => ({
    field,
    reason: 'no case has this ticket number',
  }));
  return new CaseException(
    CaseErrorCode.CaseNotFound,
    `No case has ticket number ${missing.map((m) => m.ticketNumber).join(' or ')}`,
    problems,
  );
}
