import { Injectable } from '@nestjs/common';
import { TransactionalRepository, UnitOfWork, type Transaction } from '@civitas/messaging';
import { DataSource, In, type EntityManager } from 'typeorm';
import { CitizenErasureEntity } from './citizen-erasure.entity.js';
import { CitizenEntity } from './citizen.entity.js';
import { ContactPointEntity, type ContactPointKind } from './contact-point.entity.js';
import { IdentityLinkEntity } from './identity-link.entity.js';

// First key of the two-part advisory locks that serialise identity resolution per contact.
const IDENTITY_LOCK_SPACE = 0x0c1712;

/** The citizen's record: the resident, their contact points, identity links and erasure (docs/adr/0027). */
@Injectable()
export class CitizenRepository extends TransactionalRepository {
  private selectList?: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
  ) {
    super();
  }

  /** Reads go through the transaction when there is one, else straight to the data source. */
  private managerFor(tx?: Transaction): EntityManager {
    return tx ? this.managerOf(tx) : this.dataSource.manager;
  }

  /** Every column of a citizen, named as the entity's properties (for plain SQL). */
  private citizenColumns(alias: string): string {
    this.selectList ??= this.dataSource
      .getMetadata(CitizenEntity)
      .columns.map((c) => `@.${c.databaseName} AS "${c.propertyName}"`)
      .join(', ');
    return this.selectList.replaceAll('@.', `${alias}.`);
  }

  findById(id: string, tx?: Transaction): Promise<CitizenEntity | null> {
    return this.managerFor(tx).findOneBy(CitizenEntity, { id });
  }

  findByIds(ids: string[], tx?: Transaction): Promise<CitizenEntity[]> {
    return ids.length === 0
      ? Promise.resolve([])
      : this.managerFor(tx).findBy(CitizenEntity, { id: In(ids) });
  }

  /**
   * The current (not merged away) resident with a contact point of the first of these look-up
   * hashes that any current resident has (one per kind); the oldest when several have it. One
   * query, in plain SQL: it answers most resolutions, so it skips the query builder.
   */
  async findByContactHashes(
    wanted: { kind: ContactPointKind; lookupHash: string }[],
    tx?: Transaction,
  ): Promise<{ citizen: CitizenEntity; kind: ContactPointKind } | null> {
    if (wanted.length === 0) {
      return null;
    }
    const manager = this.managerFor(tx);
    const rows = await manager.query<
      (Record<string, unknown> & { matchedKind: ContactPointKind })[]
    >(
      `SELECT ${this.citizenColumns('c')}, w.kind AS "matchedKind"
       FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS w (kind, lookup_hash, rank)
       JOIN contact_point cp ON cp.kind = w.kind AND cp.lookup_hash = w.lookup_hash
       JOIN citizen c ON c.id = cp.citizen_id
       WHERE c.merged_into IS NULL
       ORDER BY w.rank, c.created_at, c.id
       LIMIT 1`,
      [wanted.map((w) => w.kind), wanted.map((w) => w.lookupHash)],
    );
    if (rows.length === 0) {
      return null;
    }
    const { matchedKind, ...citizen } = rows[0];
    return { citizen: manager.create(CitizenEntity, citizen), kind: matchedKind };
  }

  async findByLink(
    sourceSystem: string,
    sourceIdHash: string,
    tx?: Transaction,
  ): Promise<CitizenEntity | null> {
    const link = await this.linkOf(sourceSystem, sourceIdHash, tx);
    return link ? this.followMerges(link.citizenId, tx) : null;
  }

  /** The identity link with this source system and keyed hash of its id, whoever holds it. */
  linkOf(
    sourceSystem: string,
    sourceIdHash: string,
    tx?: Transaction,
  ): Promise<IdentityLinkEntity | null> {
    return this.managerFor(tx).findOneBy(IdentityLinkEntity, { sourceSystem, sourceIdHash });
  }

  /** The record a (possibly merged-away) id now lives on. */
  async followMerges(id: string, tx?: Transaction): Promise<CitizenEntity | null> {
    const manager = this.managerFor(tx);
    let current = await manager.findOneBy(CitizenEntity, { id });
    for (let hops = 0; current?.mergedInto && hops < 20; hops += 1) {
      current = await manager.findOneBy(CitizenEntity, { id: current.mergedInto });
    }
    return current;
  }

  /**
   * Current residents sharing at least one name token and one address token (blind index, GIN):
   * up to `limit` of those at the same house (`houseTokens`), and up to `limit` others. Those at
   * the same house are never crowded out by a street full of namesakes.
   */
  async findCandidates(
    nameTokens: string[],
    addressTokens: string[],
    houseTokens: string[],
    tx?: Transaction,
  ): Promise<CitizenEntity[]> {
    const limit = 50;
    const manager = this.managerFor(tx);
    const rows = await manager.query<Record<string, unknown>[]>(
      `(SELECT ${this.citizenColumns('h')} FROM citizen h
        WHERE h.merged_into IS NULL AND h.blind_tokens && $1::bigint[] AND h.blind_tokens && $3::bigint[]
        LIMIT $4)
       UNION ALL
       (SELECT ${this.citizenColumns('s')} FROM citizen s
        WHERE s.merged_into IS NULL AND s.blind_tokens && $1::bigint[] AND s.blind_tokens && $2::bigint[]
          AND NOT s.blind_tokens && $3::bigint[]
        LIMIT $4)`,
      [nameTokens, addressTokens, houseTokens, limit],
    );
    return rows.map((row) => manager.create(CitizenEntity, row));
  }

  /** Current residents holding at least one token of every group (search: one group per word). */
  /**
   * Residents holding at least one token of every group. `ranked`: those sharing the most tokens
   * first, so the limit keeps the closest (worth its cost only on a narrowed field: with a common
   * given name and a misspelt surname thousands qualify, and an unordered cut can drop the one
   * being looked for).
   */
  findByTokenGroups(
    groups: string[][],
    limit: number,
    { ranked = false }: { ranked?: boolean } = {},
  ): Promise<CitizenEntity[]> {
    const query = this.dataSource.manager
      .createQueryBuilder(CitizenEntity, 'c')
      .where('c.merged_into IS NULL')
      .limit(limit);
    groups.forEach((tokens, i) => {
      query.andWhere(`c.blind_tokens && CAST(:g${i} AS bigint[])`, { [`g${i}`]: tokens });
    });
    if (ranked) {
      query
        .orderBy(
          'cardinality(ARRAY(SELECT unnest(c.blind_tokens) INTERSECT SELECT unnest(CAST(:all AS bigint[]))))',
          'DESC',
        )
        .addOrderBy('c.created_at', 'ASC')
        .setParameter('all', [...new Set(groups.flat())]);
    }
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

  contactPoints(citizenId: string, tx?: Transaction): Promise<ContactPointEntity[]> {
    return this.managerFor(tx).find(ContactPointEntity, {
      where: { citizenId },
      order: { createdAt: 'ASC', kind: 'ASC', id: 'ASC' },
    });
  }

  contactPoint(id: string, tx?: Transaction): Promise<ContactPointEntity | null> {
    return this.managerFor(tx).findOneBy(ContactPointEntity, { id });
  }

  /** The resident's erasure record, or null while they have not been erased. */
  erasureOf(citizenId: string, tx?: Transaction): Promise<CitizenErasureEntity | null> {
    return this.managerFor(tx).findOneBy(CitizenErasureEntity, { citizenId });
  }

  isErased(citizenId: string, tx?: Transaction): Promise<boolean> {
    return this.managerFor(tx).existsBy(CitizenErasureEntity, { citizenId });
  }

  /** Every record merged (directly or through others) into this one. */
  async mergedInto(tx: Transaction, citizenId: string): Promise<string[]> {
    const rows: { id: string }[] = await this.managerOf(tx).query(
      `WITH RECURSIVE folded(id) AS (
         SELECT id FROM citizen WHERE merged_into = $1
         UNION SELECT c.id FROM citizen c JOIN folded f ON c.merged_into = f.id
       ) SELECT id FROM folded`,
      [citizenId],
    );
    return rows.map((r) => r.id);
  }

  identityLinks(citizenId: string): Promise<IdentityLinkEntity[]> {
    return this.dataSource.manager.find(IdentityLinkEntity, {
      where: { citizenId },
      order: { createdAt: 'ASC' },
    });
  }

  /**
   * Runs `work` in a READ COMMITTED transaction holding, until it ends, a lock per look-up key, so
   * two resolutions of the same contact run one after the other (the second finds what the first
   * created). Locks are taken in sorted order so two requests sharing several keys cannot
   * deadlock. Beginning, isolation and locks go to Postgres in one round trip: a plain
   * multi-statement query, so the keys (keyed hashes: base64url or decimal) are checked and
   * written into it as literals.
   */
  async inLockedTransaction<T>(
    hashes: string[],
    work: (tx: Transaction) => Promise<T>,
  ): Promise<T> {
    const keys = [...new Set(hashes)].sort();
    for (const key of keys) {
      if (!/^[A-Za-z0-9_-]+$/.test(key)) {
        throw new Error('a look-up lock key must be a keyed hash (base64url or decimal)');
      }
    }
    const lock =
      keys.length > 0
        ? // Rows are locked in the ORDER BY's order.
          `SELECT pg_advisory_xact_lock(${IDENTITY_LOCK_SPACE}, hashtext(k))
           FROM unnest(ARRAY[${keys.map((k) => `'${k}'`).join(', ')}]::text[]) AS k ORDER BY k`
        : '';
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query(`START TRANSACTION ISOLATION LEVEL READ COMMITTED; ${lock}`);
      try {
        const tx = this.uow.wrap(runner.manager);
        const result = await work(tx);
        await tx.flush();
        await runner.query('COMMIT');
        return result;
      } catch (error) {
        await runner.query('ROLLBACK');
        throw error;
      }
    } finally {
      await runner.release();
    }
  }

  /** Row locks on both records, in id order (merges of overlapping pairs cannot deadlock). */
  async lockForUpdate(tx: Transaction, ids: string[]): Promise<CitizenEntity[]> {
    return this.managerOf(tx)
      .createQueryBuilder(CitizenEntity, 'c')
      .setLock('pessimistic_write')
      .where({ id: In(ids) })
      .orderBy('c.id', 'ASC')
      .getMany();
  }

  /** A new resident with their contact points and identity link, in one statement. */
  async insertResident(
    tx: Transaction,
    citizen: CitizenEntity,
    points: ContactPointEntity[],
    link: IdentityLinkEntity | null,
  ): Promise<void> {
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    const columns = this.dataSource
      .getMetadata(CitizenEntity)
      .columns.filter((c) => !c.isCreateDate && !c.isUpdateDate);
    const values = columns.map((c) => {
      const value = c.getEntityValue(citizen) as unknown;
      return value === undefined ? 'DEFAULT' : param(value);
    });
    const links = link ? [link] : [];
    await this.managerOf(tx).query(
      `WITH resident AS (
         INSERT INTO citizen (${columns.map((c) => c.databaseName).join(', ')})
         VALUES (${values.join(', ')})
       ), points AS (
         INSERT INTO contact_point (id, citizen_id, kind, value_enc, lookup_hash)
         SELECT * FROM unnest(
           ${param(points.map((p) => p.id))}::uuid[],
           ${param(points.map((p) => p.citizenId))}::uuid[],
           ${param(points.map((p) => p.kind))}::text[],
           ${param(points.map((p) => p.valueEnc))}::text[],
           ${param(points.map((p) => p.lookupHash))}::text[])
       ), link AS (
         INSERT INTO identity_link (id, citizen_id, source_system, source_id_enc, source_id_hash)
         SELECT * FROM unnest(
           ${param(links.map((l) => l.id))}::uuid[],
           ${param(links.map((l) => l.citizenId))}::uuid[],
           ${param(links.map((l) => l.sourceSystem))}::text[],
           ${param(links.map((l) => l.sourceIdEnc))}::text[],
           ${param(links.map((l) => l.sourceIdHash))}::text[])
       )
       SELECT 1`,
      params,
    );
  }

  async insertContactPoints(tx: Transaction, points: ContactPointEntity[]): Promise<void> {
    if (points.length > 0) {
      await this.managerOf(tx).insert(ContactPointEntity, points);
    }
  }

  async deleteContactPoints(tx: Transaction, ids: string[]): Promise<void> {
    if (ids.length > 0) {
      await this.managerOf(tx).delete(ContactPointEntity, { id: In(ids) });
    }
  }

  async insertLink(tx: Transaction, link: IdentityLinkEntity): Promise<void> {
    await this.managerOf(tx).insert(IdentityLinkEntity, link);
  }

  async update(tx: Transaction, id: string, changes: Partial<CitizenEntity>): Promise<void> {
    await this.managerOf(tx).update(CitizenEntity, { id }, changes);
  }

  /**
   * A merge: the merged record's contact points and identity links move to the survivor.
   * Returns the ids moved, which an unmerge moves back.
   */
  async moveContactPointsAndLinks(
    tx: Transaction,
    fromId: string,
    toId: string,
  ): Promise<{ contactPointIds: string[]; linkIds: string[] }> {
    const manager = this.managerOf(tx);
    const points = await manager.find(ContactPointEntity, {
      where: { citizenId: fromId },
      select: { id: true },
    });
    const links = await manager.find(IdentityLinkEntity, {
      where: { citizenId: fromId },
      select: { id: true },
    });
    const moved = { contactPointIds: points.map((p) => p.id), linkIds: links.map((l) => l.id) };
    await this.moveBack(tx, moved, fromId, toId);
    return moved;
  }

  /** An unmerge: what a merge moved from `toId` to `fromId` and is still there goes back. */
  async moveBack(
    tx: Transaction,
    { contactPointIds, linkIds }: { contactPointIds: string[]; linkIds: string[] },
    fromId: string,
    toId: string,
  ): Promise<void> {
    const manager = this.managerOf(tx);
    if (contactPointIds.length > 0) {
      await manager.update(
        ContactPointEntity,
        { id: In(contactPointIds), citizenId: fromId },
        { citizenId: toId },
      );
    }
    if (linkIds.length > 0) {
      await manager.update(
        IdentityLinkEntity,
        { id: In(linkIds), citizenId: fromId },
        { citizenId: toId },
      );
    }
  }

  /**
   * Removes the personal data of these records: sealed fields, look-up hashes and blind tokens
   * nulled, contact points and identity links deleted. The rows stay as tombstones.
   */
  async erasePersonalData(tx: Transaction, ids: string[]): Promise<void> {
    const manager = this.managerOf(tx);
    await manager.update(
      CitizenEntity,
      { id: In(ids) },
      {
        firstNameEnc: null,
        lastNameEnc: null,
        organisationNameEnc: null,
        emailEnc: null,
        phoneEnc: null,
        emailHash: null,
        phoneHash: null,
        preferredLanguage: null,
        blindTokens: [],
      },
    );
    await manager.delete(ContactPointEntity, { citizenId: In(ids) });
    await manager.delete(IdentityLinkEntity, { citizenId: In(ids) });
  }

  /** When, by whom and why these records were erased (a record erased before keeps its own). */
  async recordErasure(
    tx: Transaction,
    ids: string[],
    erasure: Omit<CitizenErasureEntity, 'citizenId'>,
  ): Promise<void> {
    await this.managerOf(tx)
      .createQueryBuilder()
      .insert()
      .into(CitizenErasureEntity)
      .values(ids.map((citizenId) => ({ citizenId, ...erasure })))
      .orIgnore()
      .execute();
  }
}
