import { Injectable, Logger } from '@nestjs/common';
import { CaseStatus, type Identity } from '@civitas/contracts';
import { UnitOfWork } from '@civitas/messaging';
import type { CaseEntity } from '../../case.entity.js';
import { CaseErrorCode, CaseException } from '../../case.exception.js';
import { CaseRepository } from '../../case.repository.js';
import { CaseReadScope } from '../../case-read-scope.js';
import { CaseStatusWriter } from './case-status-writer.js';
import { assertStaffMayMove } from './case-work-scope.js';

export interface ChangeCaseStatusCommand {
  ticketNumber: string;
  status: CaseStatus;
  /** For staff only: an internal note on the timeline. */
  note?: string;
  /** Shown to the resident with the change; required when closing (the resolution). */
  publicNote?: string;
  actor: Identity;
}

/**
 * Staff move a case along (OPEN, IN_PROGRESS, ON_HOLD, CLOSED; see `STAFF_TRANSITIONS`). The case
 * row is locked while it is read and changed, so two people changing it at once are applied one
 * after the other. Status, closure, the public timeline entry (and the internal note), and
 * `status-changed` are written in one transaction.
 */
@Injectable()
export class ChangeCaseStatusUseCase {
  private readonly logger = new Logger(ChangeCaseStatusUseCase.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly cases: CaseRepository,
    private readonly writer: CaseStatusWriter,
  ) {}

  async execute(command: ChangeCaseStatusCommand): Promise<CaseEntity> {
    const publicNote = command.publicNote?.trim() || undefined;
    const note = command.note?.trim() || undefined;
    if (command.status === CaseStatus.CLOSED && !publicNote) {
      throw new CaseException(
        CaseErrorCode.InvalidInput,
        'Closing a case needs its resolution in publicNote, for the resident',
        [{ field: 'publicNote', reason: 'is required when closing a case (the resolution)' }],
      );
    }
    const changed = await this.uow.run(async (tx) => {
      const found = await this.cases.lockByTicket(
        tx,
        command.ticketNumber,
        CaseReadScope.of(command.actor),
      );
      if (!found) {
        throw CaseException.notFound(command.ticketNumber);
      }
      assertStaffMayMove(command.actor, found, command.status, 'status');
      const { updated } = await this.writer.apply(tx, found, command.status, {
        note,
        publicNote,
        author: command.actor.sub,
      });
      return updated;
    });
    this.logger.log({
      msg: 'case status changed',
      ticketNumber: changed.ticketNumber,
      to: changed.status,
      by: command.actor.sub,
    });
    return changed;
  }
}
