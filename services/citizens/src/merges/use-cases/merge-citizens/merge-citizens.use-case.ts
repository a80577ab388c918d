import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { CitizensMerged, type Identity } from '@civitas/contracts';
import {
  AdminChangeRecorder,
  fieldChanges,
  UnitOfWork,
  type Transaction,
} from '@civitas/messaging';
import { isUUID } from 'class-validator';
import { CitizenErrorCode, CitizenException, CitizenRepository } from '../../../citizens/index.js';
import { PossibleMatchRepository } from '../../../matching/index.js';
import { CitizenMergeEntity } from '../../citizen-merge.entity.js';
import { CitizenMergeRepository } from '../../citizen-merge.repository.js';

export interface MergeCitizensCommand {
  survivorId: string;
  mergedId: string;
  reason: string;
  actor: Identity;
}

/**
 * Folds one record into another: the merged record's contact points and identity links move to
 * the survivor, which also takes its blind tokens (so it is found by them); the merged record
 * stays, pointing at the survivor. `citizens-merged` tells every service to re-point its ids.
 */
@Injectable()
export class MergeCitizensUseCase {
  private readonly logger = new Logger(MergeCitizensUseCase.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly citizens: CitizenRepository,
    private readonly merges: CitizenMergeRepository,
    private readonly matches: PossibleMatchRepository,
    private readonly adminChanges: AdminChangeRecorder,
  ) {}

  execute(command: MergeCitizensCommand): Promise<CitizenMergeEntity> {
    return this.uow.run((tx) => this.within(tx, command));
  }

  async within(tx: Transaction, command: MergeCitizensCommand): Promise<CitizenMergeEntity> {
    const { survivorId, mergedId } = command;
    const reason = command.reason?.trim() ?? '';
    for (const [field, id] of [
      ['survivorId', survivorId],
      ['mergedId', mergedId],
    ] as const) {
      if (!isUUID(id)) {
        throw CitizenException.invalid(field, 'must be a UUID');
      }
    }
    if (survivorId === mergedId) {
      throw CitizenException.invalid('mergedId', 'must differ from survivorId');
    }
    if (!reason || reason.length > 1000) {
      throw CitizenException.invalid('reason', 'must be 1 to 1000 characters');
    }
    const locked = await this.citizens.lockForUpdate(tx, [survivorId, mergedId]);
    const survivor = locked.find((c) => c.id === survivorId);
    const merged = locked.find((c) => c.id === mergedId);
    for (const [field, found, id] of [
      ['survivorId', survivor, survivorId],
      ['mergedId', merged, mergedId],
    ] as const) {
      if (!found) {
        throw new CitizenException(CitizenErrorCode.CitizenNotFound, `No resident ${id}`, [
          { field, reason: 'no such resident' },
        ]);
      }
      if (found.mergedInto) {
        throw new CitizenException(
          CitizenErrorCode.AlreadyMerged,
          `Resident ${id} was already merged into ${found.mergedInto}`,
          [{ field, reason: `already merged into ${found.mergedInto}` }],
        );
      }
    }
    const moved = await this.citizens.moveContactPointsAndLinks(tx, mergedId, survivorId);
    const held = new Set(survivor!.blindTokens);
    const addedTokens = [...new Set(merged!.blindTokens)].filter((t) => !held.has(t));
    if (addedTokens.length > 0) {
      await this.citizens.update(tx, survivorId, {
        blindTokens: [...survivor!.blindTokens, ...addedTokens],
      });
    }
    await this.citizens.update(tx, mergedId, { mergedInto: survivorId });
    const merge = Object.assign(new CitizenMergeEntity(), {
      id: randomUUID(),
      survivorId,
      mergedId,
      reason,
      mergedBy: command.actor.sub ?? 'unknown',
      mergedAt: new Date(),
      unmergedBy: null,
      unmergedAt: null,
      movedContactPointIds: moved.contactPointIds,
      movedLinkIds: moved.linkIds,
      addedTokens,
    });
    await this.merges.record(tx, merge);
    // A pending review of this very pair is settled by the merge.
    await this.matches.acceptByMerge(tx, merge);
    await tx.emit(CitizensMerged, {
      mergeId: merge.id,
      survivorId,
      mergedId,
      reason,
      mergedAt: merge.mergedAt.toISOString(),
    });
    // The reason is free text about people: the log keeps the two records' ids only.
    await this.adminChanges.record(tx, {
      kind: 'CITIZEN_MERGE',
      entityId: merge.id,
      action: 'MERGED',
      changes: fieldChanges(null, { survivorId, mergedId }),
    });
    this.logger.log({
      msg: 'citizens merged',
      mergeId: merge.id,
      survivorId,
      mergedId,
      by: merge.mergedBy,
    });
    return merge;
  }
}
