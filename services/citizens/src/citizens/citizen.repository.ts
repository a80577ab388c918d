import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { CitizenEntity } from './citizen.entity.js';
import { ContactPointEntity, type ContactPointKind } from './contact-point.entity.js';
import { IdentityLinkEntity } from './identity-link.entity.js';

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

  findByIds(
    ids: string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<CitizenEntity[]> {
    return ids.length === 0 ? Promise.resolve([]) : manager.findBy(CitizenEntity, { id: In(ids) });
  }

  /** The oldest current (not merged away) resident with a contact point of this look-up hash. */
  findByContactHash(
    manager: EntityManager,
    kind: ContactPointKind,
    lookupHash: string,
  ): Promise<CitizenEntity | null> {
    return manager
      .createQueryBuilder(CitizenEntity, 'c')
      .innerJoin(ContactPointEntity, 'cp', 'cp.citizen_id = c.id')
      .where('cp.kind = :kind AND cp.lookup_hash = :lookupHash', { kind, lookupHash })
      .andWhere('c.merged_into IS NULL')
      .orderBy('c.created_at', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .getOne();
  }

  async findByLink(
    manager: EntityManager,
    sourceSystem: string,
    sourceIdHash: string,
  ): Promise<CitizenEntity | null> {
    const link = await manager.findOneBy(IdentityLinkEntity, { sourceSystem, sourceIdHash });
    return link ? this.followMerges(manager, link.citizenId) : null;
  }

  /** The record a (possibly merged-away) id now lives on. */
  async followMerges(manager: EntityManager, id: string): Promise<CitizenEntity | null> {
    let current = await manager.findOneBy(CitizenEntity, { id });
    for (let hops = 0; current?.mergedInto && hops < 20; hops += 1) {
      current = await manager.findOneBy(CitizenEntity, { id: current.mergedInto });
    }
    return current;
  }

  /** Current residents sharing at least one name token and one address token (blind index, GIN). */
  findCandidates(
    manager: EntityManager,
    nameTokens: string[],
    addressTokens: string[],
    limit = 50,
  ): Promise<CitizenEntity[]> {
    return manager
      .createQueryBuilder(CitizenEntity, 'c')
      .where('c.merged_into IS NULL')
      .andWhere('c.blind_tokens && CAST(:name AS bigint[])', { name: nameTokens })
      .andWhere('c.blind_tokens && CAST(:address AS bigint[])', { address: addressTokens })
      .limit(limit)
      .getMany();
  }

  /** Current residents holding at least one token of every group (search: one group per word). */
  findByTokenGroups(groups: string[][], limit: number): Promise<CitizenEntity[]> {
    const query = this.dataSource.manager
      .createQueryBuilder(CitizenEntity, 'c')
      .where('c.merged_into IS NULL')
      .limit(limit);
    groups.forEach((tokens, i) => {
      query.andWhere(`c.blind_tokens && CAST(:g${i} AS bigint[])`, { [`g${i}`]: tokens });
    });
    return query.getMany();
  }

  /** Current residents with any contact point of this kind and hash (search: a shared phone finds a household). */
  async findAllByContactHash(
    kind: ContactPointKind,
    lookupHash: string,
    limit: number,
  ): Promise<CitizenEntity[]> {
    return this.dataSource.manager
      .createQueryBuilder(CitizenEntity, 'c')
      .innerJoin(ContactPointEntity, 'cp', 'cp.citizen_id = c.id')
      .where('cp.kind = :kind AND cp.lookup_hash = :lookupHash', { kind, lookupHash })
      .andWhere('c.merged_into IS NULL')
      .orderBy('c.created_at', 'ASC')
      .limit(limit)
      .getMany();
  }

  contactPoints(
    citizenId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ContactPointEntity[]> {
    return manager.find(ContactPointEntity, {
      where: { citizenId },
      order: { createdAt: 'ASC', kind: 'ASC', id: 'ASC' },
    });
  }

  identityLinks(citizenId: string): Promise<IdentityLinkEntity[]> {
    return this.dataSource.manager.find(IdentityLinkEntity, {
      where: { citizenId },
      order: { createdAt: 'ASC' },
    });
  }

  /**
   * Holds, until the transaction ends, a lock per look-up key, so two resolutions of the same
   * contact run one after the other (the second finds what the first created). Taken in sorted
   * order so two requests sharing several keys cannot deadlock.
   */
  async lockLookupHashes(manager: EntityManager, hashes: string[]): Promise<void> {
    const keys = [...new Set(hashes)].sort();
    if (keys.length > 0) {
      // One round trip; rows are locked in the ORDER BY's order.
      await manager.query(
        'SELECT pg_advisory_xact_lock($1, hashtext(k)) FROM unnest($2::text[]) AS k ORDER BY k',
        [IDENTITY_LOCK_SPACE, keys],
      );
    }
  }

  /** Row locks on both records, in id order (merges of overlapping pairs cannot deadlock). */
  async lockForUpdate(manager: EntityManager, ids: string[]): Promise<CitizenEntity[]> {
    return manager
      .createQueryBuilder(CitizenEntity, 'c')
      .setLock('pessimistic_write')
      .where({ id: In(ids) })
      .orderBy('c.id', 'ASC')
      .getMany();
  }

  async insert(manager: EntityManager, citizen: CitizenEntity): Promise<void> {
    await manager.insert(CitizenEntity, citizen);
  }

  async insertContactPoints(manager: EntityManager, points: ContactPointEntity[]): Promise<void> {
    if (points.length > 0) {
      await manager.insert(ContactPointEntity, points);
    }
  }

  async insertLink(manager: EntityManager, link: IdentityLinkEntity): Promise<void> {
    await manager.insert(IdentityLinkEntity, link);
  }

  async update(manager: EntityManager, id: string, changes: Partial<CitizenEntity>): Promise<void> {
    await manager.update(CitizenEntity, { id }, changes);
  }
}
