import { Injectable, Logger } from '@nestjs/common';
import { CitizensUnmerged, type Identity } from '@civitas/contracts';
import { UnitOfWork } from '@civitas/messaging';
import { isUUID } from 'class-validator';
import { In } from 'typeorm';
import {
  CitizenErrorCode,
  CitizenException,
  CitizenRepository,
  ContactPointEntity,
  IdentityLinkEntity,
} from '../../../citizens/index.js';
import { PossibleMatchEntity } from '../../../matching/index.js';
import { CitizenMergeEntity } from '../../citizen-merge.entity.js';

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
  ) {}

  execute(mergeId: string, actor: Identity): Promise<CitizenMergeEntity> {
    if (!isUUID(mergeId)) {
      throw CitizenException.invalid('mergeId', 'must be a UUID');
    }
    return this.uow.run(async (tx) => {
      const manager = tx.manager;
      const merge = await manager
        .createQueryBuilder(CitizenMergeEntity, 'm')
        .setLock('pessimistic_write')
        .where({ id: mergeId })
        .getOne();
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
      const locked = await this.citizens.lockForUpdate(manager, [merge.survivorId, merge.mergedId]);
      const survivor = locked.find((c) => c.id === merge.survivorId)!;
      if (survivor.mergedInto) {
        throw new CitizenException(
          CitizenErrorCode.CannotUnmerge,
          `The survivor ${survivor.id} was since merged into ${survivor.mergedInto}: undo that merge first`,
          [{ field: 'mergeId', reason: 'the survivor was merged again since' }],
        );
      }
      if (merge.movedContactPointIds.length > 0) {
        await manager.update(
          ContactPointEntity,
          { id: In(merge.movedContactPointIds), citizenId: merge.survivorId },
          { citizenId: merge.mergedId },
        );
      }
      if (merge.movedLinkIds.length > 0) {
        await manager.update(
          IdentityLinkEntity,
          { id: In(merge.movedLinkIds), citizenId: merge.survivorId },
          { citizenId: merge.mergedId },
        );
      }
      if (merge.addedTokens.length > 0) {
        const added = new Set(merge.addedTokens);
        await this.citizens.update(manager, survivor.id, {
          blindTokens: survivor.blindTokens.filter((t) => !added.has(t)),
        });
      }
      await this.citizens.update(manager, merge.mergedId, { mergedInto: null });
      merge.unmergedAt = new Date();
      merge.unmergedBy = actor.sub ?? 'unknown';
      await manager.update(
        CitizenMergeEntity,
        { id: merge.id },
        { unmergedAt: merge.unmergedAt, unmergedBy: merge.unmergedBy },
      );
      // Staff decided these are two people: the review that led here is now a rejection.
      await manager.update(
        PossibleMatchEntity,
        { mergeId: merge.id },
        { status: 'REJECTED', resolvedAt: merge.unmergedAt, resolvedBy: merge.unmergedBy },
      );
      await tx.emit(CitizensUnmerged, {
        mergeId: merge.id,
        survivorId: merge.survivorId,
        mergedId: merge.mergedId,
        unmergedAt: merge.unmergedAt.toISOString(),
      });
      this.logger.log({ msg: 'citizens unmerged', mergeId: merge.id, by: merge.unmergedBy });
      return merge;
    });
  }
}
