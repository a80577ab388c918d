import { Injectable, Logger } from '@nestjs/common';
import {
  CaseOpened,
  CaseStatus,
  DEFAULT_DUPLICATE_SEARCH,
  ResolveIdentity,
  Role,
  type Actor,
  type ResolveIdentityReply,
  type SubmissionAcceptedV1,
} from '@civitas/contracts';
import { BusClient, type Transaction } from '@civitas/messaging';
import type { CaseEntity } from '../../case.entity.js';
import { CaseReadScope } from '../../case-read-scope.js';
import { CaseRepository } from '../../case.repository.js';
import { caseFromSubmission, caseOpenedOf } from '../../case-from-submission.js';
import { duplicateWindowStart } from '../../duplicate-link.js';
import { TimelineKind, TimelineRepository, Visibility } from '../../../timeline/index.js';
import { LegacyCasesRepository } from '../../../legacy-origins/index.js';

/** Who reported a submission, as citizens resolved it; null when its case already exists. */
export type ResolvedReporter = ResolveIdentityReply | null;

/**
 * Turns an accepted submission into a case: resolves who reported it (citizens) before the
 * consumer's transaction, then opens the case and emits `case-opened` in it (docs/adr/0032).
 * One submission opens one case.
 */
@Injectable()
export class OpenCaseUseCase {
  private readonly logger = new Logger(OpenCaseUseCase.name);

  constructor(
    private readonly bus: BusClient,
    private readonly cases: CaseRepository,
    private readonly timeline: TimelineRepository,
    private readonly legacyCases: LegacyCasesRepository,
  ) {}

  /**
   * Outside any transaction: asks citizens who reported it, unless its case is already open (a
   * re-published submission must not bring back a resident erased since).
   */
  async resolve(submission: SubmissionAcceptedV1, sender: Actor): Promise<ResolvedReporter> {
    if (await this.cases.isOpened(submission.submissionId)) {
      return null;
    }
    return this.resolveReporter(submission, sender);
  }

  async execute(
    submission: SubmissionAcceptedV1,
    reporter: ResolvedReporter,
    tx: Transaction,
  ): Promise<CaseEntity> {
    const existing = await this.cases.bySubmission(tx, submission.submissionId);
    if (existing) {
      return existing;
    }
    if (!reporter) {
      // resolve() found the case open, and cases are never deleted: not reachable unless they are.
      throw new Error(`submission ${submission.submissionId}: its case was open, and is gone`);
    }
    const identity = reporter;
    // A part of a split case: its parent is locked, so it opens after the split is recorded.
    const parent = submission.parentTicketNumber
      ? await this.cases.lockByTicket(tx, submission.parentTicketNumber, CaseReadScope.ALL)
      : null;
    const entity = caseFromSubmission(submission, identity.citizenId, new Date(), parent?.id);
    await this.cases.open(tx, entity);
    await this.timeline.append(tx, {
      caseId: entity.id,
      kind: TimelineKind.Opened,
      summary: `Received via ${submission.channel}`,
      // Received is new, even for imported history whose closure follows on the timeline.
      caseStatus: CaseStatus.NEW,
      at: entity.openedAt,
    });
    if (parent) {
      await this.timeline.append(tx, {
        caseId: entity.id,
        kind: TimelineKind.Split,
        // A private parent is not named where those who may not see it read (ADR 0041).
        summary:
          parent.private && !entity.private
            ? 'Split from another request'
            : `Split from ${parent.ticketNumber}`,
        caseStatus: CaseStatus.NEW,
        at: entity.openedAt,
      });
    }
    if (submission.legacy) {
      await this.legacyCases.recordOrigin(tx, entity.id, submission.legacy);
    } else if (!parent) {
      // A part of a split is staff's own decision about the problem, not a report to match.
      await this.linkPossibleDuplicate(tx, entity, submission);
    }
    await tx.emit(CaseOpened, caseOpenedOf(entity, submission));
    this.logger.log({
      msg: 'case opened',
      caseId: entity.id,
      ticketNumber: entity.ticketNumber,
      match: identity.match,
    });
    return entity;
  }

  /**
   * A report near an open case of its service, opened recently enough (the service's duplicate
   * search, carried by intake), points at the nearest as a possible duplicate for staff to confirm
   * or reject (docs/adr/0063). Staff see private cases, so one may be the case linked.
   */
  private async linkPossibleDuplicate(
    tx: Transaction,
    entity: CaseEntity,
    submission: SubmissionAcceptedV1,
  ): Promise<void> {
    if (entity.latitude === null || entity.longitude === null) {
      return;
    }
    const search = submission.duplicateSearch ?? DEFAULT_DUPLICATE_SEARCH;
    const near = await this.cases.nearestOpen(
      {
        serviceCode: entity.serviceCode,
        latitude: entity.latitude,
        longitude: entity.longitude,
        radiusMeters: search.radiusMeters,
        openedSince: duplicateWindowStart(search.windowDays, entity.openedAt),
        excluding: entity.id,
        rootsOnly: true,
      },
      CaseReadScope.ALL,
      tx,
    );
    if (!near) {
      return;
    }
    await this.cases.setPossibleDuplicate(tx, entity.id, near.id, entity.updatedAt);
    entity.possibleDuplicateOfCaseId = near.id;
    await this.timeline.append(tx, {
      caseId: entity.id,
      kind: TimelineKind.PossibleDuplicate,
      summary: `Possibly a duplicate of ${near.ticketNumber}, ${Math.round(near.meters)} m away`,
      caseStatus: entity.status,
      visibility: Visibility.Internal,
      // After "received" (at the report's arrival) on the timeline.
      at: entity.updatedAt,
    });
  }

  /**
   * The sealed contact goes to citizens unread (docs/adr/0023). A report without one is anonymous
   * unless a signed-in resident sent it: then citizens says who that sign-in is linked to, so the
   * case is theirs and stays in their list (docs/adr/0096). Anything else without contact stays
   * anonymous without asking. Transient failures throw so the event is redelivered.
   */
  private async resolveReporter(
    submission: SubmissionAcceptedV1,
    sender: Actor,
  ): Promise<ResolveIdentityReply> {
    if (submission.reporterSealed) {
      return this.bus.request(ResolveIdentity, { sealedContact: submission.reporterSealed });
    }
    if (sender.sub && sender.roles.includes(Role.Resident)) {
      return this.bus.request(ResolveIdentity, { residentSub: sender.sub });
    }
    return { citizenId: null, match: 'ANONYMOUS' };
  }
}
