import { Injectable } from '@nestjs/common';
import {
  TransactionalRepository,
  type MergeRepointing,
  type Transaction,
} from '@civitas/messaging';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { SubmissionEntity } from '../submissions/index.js';
import { CitizenMergeAliasEntity } from './citizen-merge-alias.entity.js';
import { SubmissionRepointEntity } from './submission-repoint.entity.js';

@Injectable()
export class CitizenSubmissionsRepository
  extends TransactionalRepository
  implements MergeRepointing
{
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  /** Every contact from a resident, newest first. */
  from(citizenId: string, limit: number): Promise<SubmissionEntity[]> {
    return this.dataSource.manager.find(SubmissionEntity, {
      where: { citizenId },
      order: { receivedAt: 'DESC', id: 'ASC' },
      take: limit,
    });
  }

  /** Records who sent a submission (once; a redelivered or late event changes nothing). */
  async attribute(tx: Transaction, submissionId: string, citizenId: string): Promise<void> {
    const manager = this.managerOf(tx);
    const current = await this.currentIdOf(manager, citizenId);
    await manager.update(
      SubmissionEntity,
      { id: submissionId, citizenId: IsNull() },
      { citizenId: current },
    );
    if (current !== citizenId) {
      const alias = await manager.findOneBy(CitizenMergeAliasEntity, {
        mergedId: citizenId,
        active: true,
      });
      await manager
        .createQueryBuilder()
        .insert()
        .into(SubmissionRepointEntity)
        .values({
          mergeId: alias!.mergeId,
          submissionId,
          fromCitizenId: citizenId,
          toCitizenId: current,
        })
        .orIgnore()
        .execute();
    }
  }

  async repoint(tx: Transaction, mergeId: string, fromId: string, toId: string): Promise<number> {
    const manager = this.managerOf(tx);
    await manager
      .createQueryBuilder()
      .insert()
      .into(CitizenMergeAliasEntity)
      .values({ mergeId, mergedId: fromId, survivorId: toId, active: true })
      .orIgnore()
      .execute();
    const rows = await manager.find(SubmissionEntity, {
      where: { citizenId: fromId },
      select: { id: true },
    });
    if (rows.length === 0) {
      return 0;
    }
    await manager
      .createQueryBuilder()
      .insert()
      .into(SubmissionRepointEntity)
      .values(
        rows.map((r) => ({
          mergeId,
          submissionId: r.id,
          fromCitizenId: fromId,
          toCitizenId: toId,
        })),
      )
      .orIgnore()
      .execute();
    await manager.update(SubmissionEntity, { citizenId: fromId }, { citizenId: toId });
    return rows.length;
  }

  async restore(tx: Transaction, mergeId: string): Promise<number> {
    const manager = this.managerOf(tx);
    await manager.update(CitizenMergeAliasEntity, { mergeId }, { active: false });
    const moved = await manager.find(SubmissionRepointEntity, { where: { mergeId } });
    for (const row of moved) {
      await manager.update(
        SubmissionEntity,
        { id: row.submissionId, citizenId: row.toCitizenId },
        { citizenId: row.fromCitizenId },
      );
    }
    await manager.delete(SubmissionRepointEntity, { mergeId });
    return moved.length;
  }

  /** The resident an id now stands for, following merges still in force. */
  private async currentIdOf(manager: EntityManager, citizenId: string): Promise<string> {
    let current = citizenId;
    for (let hops = 0; hops < 20; hops += 1) {
      const alias = await manager.findOneBy(CitizenMergeAliasEntity, {
        mergedId: current,
        active: true,
      });
      if (!alias) {
        break;
      }
      current = alias.survivorId;
    }
    return current;
  }
}
