import { Injectable } from '@nestjs/common';
import { TransactionalRepository, type Transaction } from '@civitas/messaging';
import { DataSource, In } from 'typeorm';
import { LoginLinkRequestEntity } from './login-link-request.entity.js';

/** Requests to link a sign-in that wait for a supervisor (ADR 0040). */
@Injectable()
export class LoginLinkRequestRepository extends TransactionalRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async add(tx: Transaction, request: LoginLinkRequestEntity): Promise<void> {
    await this.managerOf(tx).insert(LoginLinkRequestEntity, request);
  }

  /** The request, locked until the transaction ends. */
  lock(tx: Transaction, id: string): Promise<LoginLinkRequestEntity | null> {
    return this.managerOf(tx)
      .createQueryBuilder(LoginLinkRequestEntity, 'r')
      .setLock('pessimistic_write')
      .where({ id })
      .getOne();
  }

  async decide(tx: Transaction, request: LoginLinkRequestEntity): Promise<void> {
    await this.managerOf(tx).update(
      LoginLinkRequestEntity,
      { id: request.id },
      { status: request.status, decidedBy: request.decidedBy, decidedAt: request.decidedAt },
    );
  }

  pending(limit: number): Promise<LoginLinkRequestEntity[]> {
    return this.dataSource.manager.find(LoginLinkRequestEntity, {
      where: { status: 'PENDING' },
      order: { createdAt: 'ASC', id: 'ASC' },
      take: limit,
    });
  }

  /** Erasure: requests about these residents go with their other links. */
  async forgetResidents(tx: Transaction, citizenIds: string[]): Promise<void> {
    if (citizenIds.length > 0) {
      await this.managerOf(tx).delete(LoginLinkRequestEntity, { citizenId: In(citizenIds) });
    }
  }
}
