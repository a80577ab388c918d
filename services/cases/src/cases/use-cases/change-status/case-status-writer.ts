import { Injectable } from '@nestjs/common';
import { CaseStatus, MAX_FOLLOWERS_TOLD, NoteAdded, StatusChanged } from '@civitas/contracts';
import type { Transaction } from '@civitas/messaging';
import {
  TimelineKind,
  Visibility,
  type TimelineEntryEntity,
  TimelineRepository,
} from '../../../timeline/index.js';
import type { CaseEntity } from '../../case.entity.js';
import { CaseRepository } from '../../case.repository.js';
import { STATUS_LABEL } from './case-status-transitions.js';

export interface AppliedStatusChange {
  updated: CaseEntity;
  /** The public `STATUS_CHANGED` entry (Open311 shows it as an update). */
  entry: TimelineEntryEntity;
}

export interface StatusChangeWords {
  /** For staff only: an internal note on the timeline. */
  note?: string;
  /** Shown to the resident with the change (the resolution when closing). */
  publicNote?: string;
  /** The staff member making the change (their token subject); null when the system makes it. */
  author: string | null;
  /** When it happened, if not now: routing opening a case changes it when routing decided. */
  at?: Date;
}

/**
 * The one way a live case's status changes (routing opening it, staff, or a resident's "not
 * fixed"), inside the caller's transaction on a row it has locked and checked: status and
 * closure, the public `STATUS_CHANGED` entry (and the internal note), `status-changed` (and
 * `note-added`). Notifications and analytics follow the event, so every change — routing's
 * NEW -> OPEN, a plain staff one or a duplicate closure — reaches them alike (docs/adr/0028).
 */
@Injectable()
export class CaseStatusWriter {
  constructor(
    private readonly cases: CaseRepository,
    private readonly timeline: TimelineRepository,
  ) {}

  /**
   * `duplicateOf`: the parent, when the case is closed as its duplicate. Any other change clears
   * the link, so a duplicate reopened by staff is a case of its own again.
   */
  async apply(
    tx: Transaction,
    found: CaseEntity,
    to: CaseStatus,
    words: StatusChangeWords,
    duplicateOf?: Pick<CaseEntity, 'id' | 'ticketNumber'>,
  ): Promise<AppliedStatusChange> {
    const from = found.status;
    const now = words.at ?? new Date();
    const changes = {
      status: to,
      closedAt: to === CaseStatus.CLOSED ? now : null,
      duplicateOfCaseId: to === CaseStatus.CLOSED && duplicateOf ? duplicateOf.id : null,
      updatedAt: now,
    };
    await this.cases.changeStatus(tx, found.id, changes);
    const entry = await this.timeline.append(tx, {
      caseId: found.id,
      kind: TimelineKind.StatusChanged,
      summary: statusSummary(from, to, words.publicNote),
      caseStatus: to,
      visibility: Visibility.Public,
      at: now,
      author: words.author,
    });
    if (words.note) {
      const note = await this.timeline.append(tx, {
        caseId: found.id,
        kind: TimelineKind.Note,
        summary: words.note,
        caseStatus: to,
        visibility: Visibility.Internal,
        at: now,
        author: words.author,
      });
      await tx.emit(NoteAdded, {
        noteId: note.id,
        caseId: found.id,
        ticketNumber: found.ticketNumber,
        visibility: 'INTERNAL',
        addedBy: words.author,
        addedAt: now.toISOString(),
      });
    }
    // Its followers' reporters are told too (docs/adr/0063); not when it becomes a duplicate
    // itself: then they move to its parent, whose work goes on.
    const followers = changes.duplicateOfCaseId
      ? []
      : await this.cases.followerIds(tx, found.id, MAX_FOLLOWERS_TOLD);
    await tx.emit(StatusChanged, {
      caseId: found.id,
      ticketNumber: found.ticketNumber,
      from,
      to,
      changedAt: now.toISOString(),
      serviceCode: found.serviceCode,
      ...(changes.duplicateOfCaseId && duplicateOf
        ? { duplicateOf: duplicateOf.ticketNumber }
        : {}),
      ...(followers.length > 0 ? { followers } : {}),
    });
    const updated = Object.assign(found, changes);
    if (found.parentCaseId && (to === CaseStatus.CLOSED) !== (from === CaseStatus.CLOSED)) {
      await this.followPart(tx, found, now);
    }
    return { updated, entry };
  }

  /**
   * A part of a split case closed or reopened (docs/adr/0062): the parent closes with its last
   * part, and reopens with any part reopened, in the same transaction, through this writer (its
   * public entry and its `status-changed`, so the reporter hears of it once).
   */
  private async followPart(tx: Transaction, part: CaseEntity, at: Date): Promise<void> {
    const parent = await this.cases.lockById(tx, part.parentCaseId as string);
    if (!parent) {
      return;
    }
    if (part.status === CaseStatus.CLOSED) {
      const { opened, notClosed } = await this.cases.childStandingOf(tx, parent.id);
      const parts = parent.splitParts ?? [];
      if (parent.status === CaseStatus.CLOSED || notClosed > 0 || opened < parts.length) {
        return;
      }
      await this.apply(tx, parent, CaseStatus.CLOSED, {
        publicNote: `every part is closed (${parts.map((p) => p.ticketNumber).join(', ')})`,
        author: null,
        at,
      });
    } else if (parent.status === CaseStatus.CLOSED) {
      await this.apply(tx, parent, CaseStatus.OPEN, {
        publicNote: `part ${part.ticketNumber} was reopened`,
        author: null,
        at,
      });
    }
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
