import { Injectable, Logger } from '@nestjs/common';
import { CitizensUnmerged, type Identity } from '@civitas/contracts';
import { AdminChangeRecorder, UnitOfWork, fieldChanges } from '@civitas/messaging';
import { isUUID } from 'class-validator';
import { CitizenErrorCode, CitizenException, CitizenRepository } from '../../../citizens/index.js';
import { PossibleMatchRepository } from '../../../matching/index.js';
import type { CitizenMergeEntity } from '../../citizen-merge.entity.js';
import { CitizenMergeRepository } from '../../citizen-merge.repository.js';

/**
 * Undoes a merge: what moved goes back (contact points, links, the tokens the survivor gained), the
 * merged record is current again, and `citizens-unmerged` lets every service put its ids back.
 * Refused when the survivor has since been merged into a third record (undo that first).
 */
@Injectable()
export class UnmergeCitizensUseCase {
  private readonly logger = new Logger(UnmergeCitizensUseCase.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly citizens: CitizenRepository,
    private readonly merges: CitizenMergeRepository,
    private readonly matches: PossibleMatchRepository,
    private readonly adminChanges: AdminChangeRecorder,
  ) {}

  execute(mergeId: string, actor: Identity): Promise<CitizenMergeEntity> {
    if (!isUUID(mergeId)) {
      throw CitizenException.invalid('mergeId', 'must be a UUID');
    }
    return this.uow.run(async (tx) => {
      const merge = await this.merges.lockById(tx, mergeId);
      if (!merge) {
        throw new CitizenException(CitizenErrorCode.MergeNotFound, `No merge ${mergeId}`, [
          { field: 'mergeId', reason: 'no such merge' },
        ]);
      }
      if (merge.unmergedAt) {
        throw new CitizenException(
          CitizenErrorCode.CannotUnmerge,
          `Merge ${mergeId} was already undone`,
          [{ field: 'mergeId', reason: 'already undone' }],
        );
      }
      const locked = await this.citizens.lockForUpdate(tx, [merge.survivorId, merge.mergedId]);
      const survivor = locked.find((c) => c.id === merge.survivorId)!;
      if (survivor.mergedInto) {
        throw new CitizenException(
          CitizenErrorCode.CannotUnmerge,
          `The survivor ${survivor.id} was since merged into ${survivor.mergedInto}: undo that merge first`,
          [{ field: 'mergeId', reason: 'the survivor was merged again since' }],
        );
      }
      await this.citizens.moveBack(
        tx,
        { contactPointIds: merge.movedContactPointIds, linkIds: merge.movedLinkIds },
        merge.survivorId,
        merge.mergedId,
      );
      if (merge.addedTokens.length > 0) {
        const added = new Set(merge.addedTokens);
        await this.citizens.update(tx, survivor.id, {
          blindTokens: survivor.blindTokens.filter((t) => !added.has(t)),
        });
      }
      await this.citizens.update(tx, merge.mergedId, { mergedInto: null });
      merge.unmergedAt = new Date();
      merge.unmergedBy = actor.sub ?? 'unknown';
      await this.merges.recordUndone(tx, merge.id, merge.unmergedBy, merge.unmergedAt);
      // Staff decided these are two people: the review that led here is now a rejection.
      await this.matches.rejectByUnmerge(tx, merge.id, merge.unmergedBy, merge.unmergedAt);
      await tx.emit(CitizensUnmerged, {
        mergeId: merge.id,
        survivorId: merge.survivorId,
        mergedId: merge.mergedId,
        unmergedAt: merge.unmergedAt.toISOString(),
      });
      await this.adminChanges.record(tx, {
        kind: 'CITIZEN_MERGE',
        entityId: merge.id,
        action: 'UNMERGED',
        changes: fieldChanges({ survivorId: merge.survivorId, mergedId: merge.mergedId }, null),
      });
      this.logger.log({ msg: 'citizens unmerged', mergeId: merge.id, by: merge.unmergedBy });
      return merge;
    });
  }
}
