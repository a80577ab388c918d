import { Injectable, Logger } from '@nestjs/common';
import { NoteAdded, type Identity } from '@civitas/contracts';
import { UnitOfWork } from '@civitas/messaging';
import { TimelineKind, Visibility, TimelineRepository } from '../../../timeline/index.js';
import type { CaseEntity } from '../../case.entity.js';
import { CaseException } from '../../case.exception.js';
import { CaseRepository } from '../../case.repository.js';
import { CaseReadScope } from '../../case-read-scope.js';

export interface AddCaseNoteCommand {
  ticketNumber: string;
  text: string;
  /** Public: the resident sees it (on the case, in Open311 `notes`) and is told of it. */
  public: boolean;
  actor: Identity;
}

/**
 * A note by staff on a case's timeline, public or internal, with `note-added` in the same
 * transaction. The case row is locked like a status change, so a note and a change made at the
 * same moment land in the order they were applied.
 */
@Injectable()
export class AddCaseNoteUseCase {
  private readonly logger = new Logger(AddCaseNoteUseCase.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly cases: CaseRepository,
    private readonly timeline: TimelineRepository,
  ) {}

  async execute(command: AddCaseNoteCommand): Promise<CaseEntity> {
    const visibility = command.public ? Visibility.Public : Visibility.Internal;
    const noted = await this.uow.run(async (tx) => {
      const found = await this.cases.lockByTicket(
        tx,
        command.ticketNumber,
        CaseReadScope.of(command.actor),
      );
      if (!found) {
        throw CaseException.notFound(command.ticketNumber);
      }
      const now = new Date();
      const entry = await this.timeline.append(tx, {
        caseId: found.id,
        kind: TimelineKind.Note,
        summary: command.text.trim(),
        caseStatus: found.status,
        visibility,
        at: now,
        author: command.actor.sub,
      });
      await this.cases.touch(tx, found.id, now);
      await tx.emit(NoteAdded, {
        noteId: entry.id,
        caseId: found.id,
        ticketNumber: found.ticketNumber,
        visibility: command.public ? 'PUBLIC' : 'INTERNAL',
        addedBy: command.actor.sub,
        addedAt: now.toISOString(),
      });
      return Object.assign(found, { updatedAt: now });
    });
    this.logger.log({
      msg: 'case note added',
      ticketNumber: noted.ticketNumber,
      visibility,
      by: command.actor.sub,
    });
    return noted;
  }
}
