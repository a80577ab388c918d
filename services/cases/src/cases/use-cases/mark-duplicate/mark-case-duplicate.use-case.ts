import { Injectable, Logger } from '@nestjs/common';
import { CaseStatus, type FieldProblem, type Identity } from '@civitas/contracts';
import { UnitOfWork } from '@civitas/messaging';
import type { CaseEntity } from '../../case.entity.js';
import { CaseErrorCode, CaseException } from '../../case.exception.js';
import { CaseRepository } from '../../case.repository.js';
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
    private readonly cases: CaseRepository,
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
      // The case, its parent and the case's own duplicates, locked together.
      const locked = await this.cases.lockWithDuplicates(
        tx,
        [ticketNumber, duplicateOf],
        ticketNumber,
      );
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
        const root = { ticketNumber: await this.cases.ticketNumberOf(tx, grandparentId) };
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
        {
          // A private parent is not to be found by those who may not see it (ADR 0041): the
          // public note, which the reporter and Open311 readers get, does not name it.
          publicNote: parent.private
            ? 'duplicate of another request'
            : `duplicate of ${parent.ticketNumber}`,
          author: command.actor.sub,
        },
        parent,
      );
      // Confirmed (or decided otherwise): no longer a possible duplicate of anything.
      if (found.possibleDuplicateOfCaseId) {
        await this.cases.setPossibleDuplicate(tx, found.id, null, marked.updatedAt);
        marked.possibleDuplicateOfCaseId = null;
      }
      await this.cases.moveDuplicates(
        tx,
        followers.map((c) => c.id),
        parent.id,
        marked.updatedAt,
      );
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
