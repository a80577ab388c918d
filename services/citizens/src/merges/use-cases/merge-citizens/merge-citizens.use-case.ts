import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { CitizensMerged, type Identity } from '@civitas/contracts';
import { UnitOfWork, type Transaction } from '@civitas/messaging';
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
    const manager = tx.manager;
    const locked = await this.citizens.lockForUpdate(manager, [survivorId, mergedId]);
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
    const points = await manager.find(ContactPointEntity, {
      where: { citizenId: mergedId },
      select: { id: true },
    });
    const links = await manager.find(IdentityLinkEntity, {
      where: { citizenId: mergedId },
      select: { id: true },
    });
    if (points.length > 0) {
      await manager.update(
        ContactPointEntity,
        { id: In(points.map((p) => p.id)) },
        { citizenId: survivorId },
      );
    }
    if (links.length > 0) {
      await manager.update(
        IdentityLinkEntity,
        { id: In(links.map((l) => l.id)) },
        { citizenId: survivorId },
      );
    }
    const held = new Set(survivor!.blindTokens);
    const addedTokens = [...new Set(merged!.blindTokens)].filter((t) => !held.has(t));
    if (addedTokens.length > 0) {
      await this.citizens.update(manager, survivorId, {
        blindTokens: [...survivor!.blindTokens, ...addedTokens],
      });
    }
    await this.citizens.update(manager, mergedId, { mergedInto: survivorId });
    const merge = manager.create(CitizenMergeEntity, {
      id: randomUUID(),
      survivorId,
      mergedId,
      reason,
      mergedBy: command.actor.sub ?? 'unknown',
      mergedAt: new Date(),
      unmergedBy: null,
      unmergedAt: null,
      movedContactPointIds: points.map((p) => p.id),
      movedLinkIds: links.map((l) => l.id),
      addedTokens,
    });
    await manager.insert(CitizenMergeEntity, merge);
    // A pending review of this very pair is settled by the merge.
    await manager
      .createQueryBuilder()
      .update(PossibleMatchEntity)
      .set({
        status: 'ACCEPTED',
        resolvedAt: merge.mergedAt,
        resolvedBy: merge.mergedBy,
        mergeId: merge.id,
      })
      .where('status = :pending', { pending: 'PENDING' })
      .andWhere(
        '((citizen_id = :a AND candidate_id = :b) OR (citizen_id = :b AND candidate_id = :a))',
        { a: survivorId, b: mergedId },
      )
      .execute();
    await tx.emit(CitizensMerged, {
      mergeId: merge.id,
      survivorId,
      mergedId,
      reason,
      mergedAt: merge.mergedAt.toISOString(),
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
