import { Injectable, Logger } from '@nestjs/common';
import { CaseStatus, NoteAdded, StatusChanged, type Identity } from '@civitas/contracts';
import { UnitOfWork, type Transaction } from '@civitas/messaging';
import { TimelineKind, Visibility } from '../../../timeline/timeline-entry.entity.js';
import { TimelineRepository } from '../../../timeline/timeline.repository.js';
import { CaseEntity } from '../../case.entity.js';
import { CaseErrorCode, CaseException } from '../../case.exception.js';
import { assertMayWorkCase } from './case-work-scope.js';
import { STATUS_LABEL, staffTransitionRefusal } from './case-status-transitions.js';

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
    private readonly timeline: TimelineRepository,
  ) {}

  async execute(command: ChangeCaseStatusCommand): Promise<CaseEntity> {
    const publicNote = command.publicNote?.trim() || undefined;
    const note = command.note?.trim() || undefined;
    if (command.status === CaseStatus.CLOSED && !publicNote) {
      throw new CaseException(
        CaseErrorCode.ResolutionRequired,
        'Closing a case needs its resolution in publicNote, for the resident',
        [{ field: 'publicNote', reason: 'is required when closing a case (the resolution)' }],
      );
    }
    const changed = await this.uow.run(async (tx) => {
      const found = await tx.manager.findOne(CaseEntity, {
        where: { ticketNumber: command.ticketNumber },
        lock: { mode: 'pessimistic_write' },
      });
      if (!found) {
        throw CaseException.notFound(command.ticketNumber);
      }
      const refusal = staffTransitionRefusal(
        found.status,
        command.status,
        found.departmentCode !== null,
      );
      if (refusal?.code === CaseErrorCode.NotRouted) {
        throw refused(found, command.status, refusal);
      }
      assertMayWorkCase(command.actor, found);
      if (refusal) {
        throw refused(found, command.status, refusal);
      }
      return this.apply(tx, found, command.status, { note, publicNote, author: command.actor.sub });
    });
    this.logger.log({
      msg: 'case status changed',
      ticketNumber: changed.ticketNumber,
      to: changed.status,
      by: command.actor.sub,
    });
    return changed;
  }

  private async apply(
    tx: Transaction,
    found: CaseEntity,
    to: CaseStatus,
    words: { note?: string; publicNote?: string; author: string | null },
  ): Promise<CaseEntity> {
    const from = found.status;
    const now = new Date();
    const changes = {
      status: to,
      closedAt: to === CaseStatus.CLOSED ? now : null,
      updatedAt: now,
    };
    await tx.manager.update(CaseEntity, { id: found.id }, changes);
    await this.timeline.append(tx.manager, {
      caseId: found.id,
      kind: TimelineKind.StatusChanged,
      summary: statusSummary(from, to, words.publicNote),
      visibility: Visibility.Public,
      at: now,
      author: words.author,
    });
    if (words.note) {
      const entry = await this.timeline.append(tx.manager, {
        caseId: found.id,
        kind: TimelineKind.Note,
        summary: words.note,
        visibility: Visibility.Internal,
        at: now,
        author: words.author,
      });
      await tx.emit(NoteAdded, {
        noteId: entry.id,
        caseId: found.id,
        ticketNumber: found.ticketNumber,
        visibility: 'INTERNAL',
        addedBy: words.author,
        addedAt: now.toISOString(),
      });
    }
    await tx.emit(StatusChanged, {
      caseId: found.id,
      ticketNumber: found.ticketNumber,
      from,
      to,
      changedAt: now.toISOString(),
      serviceCode: found.serviceCode,
    });
    return Object.assign(found, changes);
  }
}

/**
 * The public timeline entry (and Open311 `status_notes`): "Closed: <resolution>",
 * "Reopened: …", "Status changed to in progress: …".
 */
export function statusSummary(from: CaseStatus, to: CaseStatus, publicNote?: string): string {
  const head =
    to === CaseStatus.CLOSED
      ? 'Closed'
      : from === CaseStatus.CLOSED
        ? 'Reopened'
        : `Status changed to ${STATUS_LABEL[to]}`;
  return publicNote ? `${head}: ${publicNote}` : head;
}

function refused(
  found: CaseEntity,
  to: CaseStatus,
  refusal: { code: CaseErrorCode; reason: string },
): CaseException {
  return new CaseException(
    refusal.code,
    `Case ${found.ticketNumber} cannot be moved to ${to}: ${refusal.reason}`,
    [{ field: 'status', reason: refusal.reason }],
  );
}
