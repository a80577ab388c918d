import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { CaseEntity } from '../cases/case.entity.js';
import { CaseRepointEntity } from './case-repoint.entity.js';

@Injectable()
export class CitizenCasesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A resident's cases, newest first. */
  reportedBy(citizenId: string, limit: number): Promise<CaseEntity[]> {
    return this.dataSource.manager.find(CaseEntity, {
      where: { reporterId: citizenId },
      order: { openedAt: 'DESC', id: 'ASC' },
      take: limit,
    });
  }

  /** Moves every case of `fromId` to `toId`, remembering each under the merge. */
  async repoint(
    manager: EntityManager,
    mergeId: string,
    fromId: string,
    toId: string,
  ): Promise<number> {
    const cases = await manager.find(CaseEntity, {
      where: { reporterId: fromId },
      select: { id: true },
    });
    if (cases.length === 0) {
      return 0;
    }
    await manager
      .createQueryBuilder()
      .insert()
      .into(CaseRepointEntity)
      .values(
        cases.map((c) => ({ mergeId, caseId: c.id, fromCitizenId: fromId, toCitizenId: toId })),
      )
      .orIgnore()
      .execute();
    await manager.update(CaseEntity, { reporterId: fromId }, { reporterId: toId });
    return cases.length;
  }

  /** Puts back what a merge moved (cases still on the survivor; one re-pointed since stays where it is). */
  async restore(manager: EntityManager, mergeId: string): Promise<number> {
    const moved = await manager.find(CaseRepointEntity, { where: { mergeId } });
    for (const row of moved) {
      await manager.update(
        CaseEntity,
        { id: row.caseId, reporterId: row.toCitizenId },
        { reporterId: row.fromCitizenId },
      );
    }
    await manager.delete(CaseRepointEntity, { mergeId });
    return moved.length;
  }
}
