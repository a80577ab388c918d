import { Injectable } from '@nestjs/common';
import { TransactionalRepository, type Transaction } from '@civitas/messaging';
import { DataSource, In } from 'typeorm';
import { SatisfactionAnswerEntity } from './satisfaction-answer.entity.js';

/** The only writer of survey answers (docs/adr/0027). */
@Injectable()
export class SatisfactionRepository extends TransactionalRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  /**
   * Records the answer unless its link already answered (then false). Two answers through one
   * link at once: the second waits on the first's key and finds it taken.
   */
  async recordOnce(tx: Transaction, answer: SatisfactionAnswerEntity): Promise<boolean> {
    const inserted = await this.managerOf(tx)
      .createQueryBuilder()
      .insert()
      .into(SatisfactionAnswerEntity)
      .values(answer)
      .orIgnore()
      .returning(['linkId'])
      .execute();
    return inserted.raw.length === 1;
  }

  /** Each case's latest answer (a case answered again after a reopening shows the newer one). */
  async latestFor(caseIds: readonly string[]): Promise<Map<string, SatisfactionAnswerEntity>> {
    if (caseIds.length === 0) {
      return new Map();
    }
    const answers = await this.dataSource.manager.find(SatisfactionAnswerEntity, {
      where: { caseId: In([...caseIds]) },
      order: { answeredAt: 'ASC', linkId: 'ASC' },
    });
    return new Map(answers.map((a) => [a.caseId, a]));
  }

  /** Every answer to the cases' surveys, oldest first (a resident's own download lists them). */
  async answersFor(caseIds: readonly string[]): Promise<SatisfactionAnswerEntity[]> {
    if (caseIds.length === 0) {
      return [];
    }
    return this.dataSource.manager.find(SatisfactionAnswerEntity, {
      where: { caseId: In([...caseIds]) },
      order: { answeredAt: 'ASC', linkId: 'ASC' },
    });
  }

  /**
   * Erasure: the comments on the resident's cases are their own words and go; the scores stay
   * (they name nobody, and figures must not change). Before the cases forget their reporter.
   */
  async forgetCommentsOfReporter(tx: Transaction, citizenId: string): Promise<number> {
    const result = await this.managerOf(tx)
      .createQueryBuilder()
      .update(SatisfactionAnswerEntity)
      .set({ comment: null })
      .where('comment IS NOT NULL')
      .andWhere('case_id IN (SELECT id FROM service_case WHERE reporter_id = :citizenId)', {
        citizenId,
      })
      .execute();
    return result.affected ?? 0;
  }
}
