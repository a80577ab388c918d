import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { CitizenEntity } from './citizen.entity.js';

// First key of the two-part advisory locks that serialise identity resolution per contact.
const IDENTITY_LOCK_SPACE = 0x0c1712;

@Injectable()
export class CitizenRepository {
  constructor(private readonly dataSource: DataSource) {}

  findById(
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<CitizenEntity | null> {
    return manager.findOneBy(CitizenEntity, { id });
  }

  /** The oldest citizen with this look-up hash: the one every later match has been folded into. */
  findByEmailHash(manager: EntityManager, emailHash: string): Promise<CitizenEntity | null> {
    return manager.findOne(CitizenEntity, {
      where: { emailHash },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  findByPhoneHash(manager: EntityManager, phoneHash: string): Promise<CitizenEntity | null> {
    return manager.findOne(CitizenEntity, {
      where: { phoneHash },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  /**
   * Holds, until the transaction ends, a lock per look-up hash, so two resolutions of the same
   * contact run one after the other (the second finds what the first created). Taken in sorted
   * order so two requests sharing several hashes cannot deadlock.
   */
  async lockLookupHashes(manager: EntityManager, hashes: string[]): Promise<void> {
    for (const hash of [...new Set(hashes)].sort()) {
      await manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
        IDENTITY_LOCK_SPACE,
        hash,
      ]);
    }
  }

  async insert(manager: EntityManager, citizen: CitizenEntity): Promise<void> {
    await manager.insert(CitizenEntity, citizen);
  }

  async update(manager: EntityManager, id: string, changes: Partial<CitizenEntity>): Promise<void> {
    await manager.update(CitizenEntity, { id }, changes);
  }
}
