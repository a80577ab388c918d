import { Injectable } from '@nestjs/common';
import { TransactionalRepository, type Transaction } from '@civitas/messaging';
import { DataSource } from 'typeorm';
import { ApiKeyEntity } from './api-key.entity.js';

@Injectable()
export class ApiKeyRepository extends TransactionalRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  private get repo() {
    return this.dataSource.getRepository(ApiKeyEntity);
  }

  /** In `tx`, with the admin change that records it (docs/adr/0092). */
  async insert(tx: Transaction, entity: ApiKeyEntity): Promise<void> {
    await this.managerOf(tx).getRepository(ApiKeyEntity).insert(entity);
  }

  lock(tx: Transaction, id: string): Promise<ApiKeyEntity | null> {
    return this.managerOf(tx)
      .getRepository(ApiKeyEntity)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  byId(id: string): Promise<ApiKeyEntity | null> {
    return this.repo.findOneBy({ id });
  }

  byHash(keyHash: string): Promise<ApiKeyEntity | null> {
    return this.repo.findOneBy({ keyHash });
  }

  all(): Promise<ApiKeyEntity[]> {
    return this.repo.find({ order: { createdAt: 'ASC' } });
  }

  async markRevoked(tx: Transaction, id: string, at: Date): Promise<void> {
    await this.managerOf(tx).getRepository(ApiKeyEntity).update({ id }, { revokedAt: at });
  }
}
