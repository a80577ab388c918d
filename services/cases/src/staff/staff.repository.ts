import { Injectable } from '@nestjs/common';
import { TransactionalRepository, type Transaction } from '@civitas/messaging';
import { DataSource, In } from 'typeorm';
import { StaffMemberEntity } from './staff-member.entity.js';

/** The one writer of `staff_member` (docs/adr/0027, 0059). */
@Injectable()
export class StaffRepository extends TransactionalRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  bySubject(subject: string, tx?: Transaction): Promise<StaffMemberEntity | null> {
    const manager = tx ? this.managerOf(tx) : this.dataSource.manager;
    return manager.findOneBy(StaffMemberEntity, { subject });
  }

  bySubjects(subjects: readonly string[]): Promise<StaffMemberEntity[]> {
    if (subjects.length === 0) {
      return Promise.resolve([]);
    }
    return this.dataSource.manager.findBy(StaffMemberEntity, { subject: In([...subjects]) });
  }

  /** Everyone, or those working for one of `departments`, by name. */
  list(departments?: readonly string[]): Promise<StaffMemberEntity[]> {
    const query = this.dataSource.manager
      .createQueryBuilder(StaffMemberEntity, 's')
      .orderBy('s.name', 'ASC')
      .addOrderBy('s.subject', 'ASC');
    if (departments) {
      query.where('s.department_codes && :departments::text[]', { departments: [...departments] });
    }
    return query.getMany();
  }

  /** The member, locked until the transaction ends (saving them, assigning to them). */
  lock(tx: Transaction, subject: string): Promise<StaffMemberEntity | null> {
    return this.managerOf(tx).findOne(StaffMemberEntity, {
      where: { subject },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /**
   * The active members of `departmentCode` on `queueCode`, locked in subject order: assignments to
   * one queue are decided one at a time, so two cases routed at once never both take the last
   * place under someone's capacity, and round robin hands out turns in order.
   */
  lockQueueMembers(
    tx: Transaction,
    departmentCode: string,
    queueCode: string,
  ): Promise<StaffMemberEntity[]> {
    return this.managerOf(tx)
      .createQueryBuilder(StaffMemberEntity, 's')
      .where('s.active')
      .andWhere(':department = ANY(s.department_codes)', { department: departmentCode })
      .andWhere(':queue = ANY(s.queue_codes)', { queue: queueCode })
      .orderBy('s.subject', 'ASC')
      .setLock('pessimistic_write')
      .getMany();
  }

  async save(tx: Transaction, member: StaffMemberEntity): Promise<void> {
    await this.managerOf(tx).upsert(StaffMemberEntity, member, ['subject']);
  }

  /** They were given a case `at` (their turn in round robin moves on). */
  async markAssigned(tx: Transaction, subject: string, at: Date): Promise<void> {
    await this.managerOf(tx).update(StaffMemberEntity, { subject }, { lastAssignedAt: at });
  }
}
