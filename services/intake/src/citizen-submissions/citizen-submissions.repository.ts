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

  /**
   * What a signed-in resident submitted that no case has named them for yet (`myRequests`,
   * docs/adr/0096): entered under their sign-in, not attributed, newest first then by ticket,
   * strictly before `before`. Times keep the database's microseconds (the list's cursor).
   */
  unattributedFrom(
    sub: string,
    first: number,
    before?: { receivedAt: string; ticketNumber: string },
  ): Promise<{ ticketNumber: string; serviceCode: string; receivedAt: string }[]> {
    const params: unknown[] = [sub, first];
    let after = '';
    if (before) {
      params.push(before.receivedAt, before.ticketNumber);
      // Tickets compared byte by byte ("C"), as citizens merges the two services' pages.
      after = 'AND (received_at, ticket_number COLLATE "C") < ($3::timestamptz, $4 COLLATE "C")';
    }
    return this.dataSource.query(
      `SELECT ticket_number AS "ticketNumber", service_code AS "serviceCode",
              to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "receivedAt"
         FROM submission
        WHERE submitted_by_sub = $1 AND citizen_id IS NULL AND submitted_by_sub IS NOT NULL
          AND channel <> 'LEGACY_IMPORT' ${after}
        ORDER BY received_at DESC, ticket_number COLLATE "C" DESC
        LIMIT $2`,
      params,
    );
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
