import { Injectable } from '@nestjs/common';
import { TransactionalRepository, type Transaction } from '@civitas/messaging';
import { DataSource, In, type EntityManager } from 'typeorm';
import { ConsentEventEntity } from './consent-event.entity.js';
import { ConsentEntity } from './consent.entity.js';

/** Residents' consent answers: the history of changes and the current answer of each (docs/adr/0027). */
@Injectable()
export class ConsentRepository extends TransactionalRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  /** Reads go through the transaction when there is one, else straight to the data source. */
  private managerFor(tx?: Transaction): EntityManager {
    return tx ? this.managerOf(tx) : this.dataSource.manager;
  }

  /**
   * The current answer per channel and purpose of a resident, counting the records merged into
   * them: the most recent answer wins (an unmerge needs nothing moved back).
   */
  async current(citizenId: string, tx?: Transaction): Promise<ConsentEntity[]> {
    const manager = this.managerFor(tx);
    const ids = await this.family(manager, citizenId);
    const rows = await manager.find(ConsentEntity, {
      where: { citizenId: In(ids) },
      order: { updatedAt: 'DESC', eventId: 'DESC' },
    });
    const latest = new Map<string, ConsentEntity>();
    for (const row of rows) {
      const key = `${row.channel}/${row.purpose}`;
      if (!latest.has(key)) {
        latest.set(key, row);
      }
    }
    return [...latest.values()].sort(
      (a, b) => a.channel.localeCompare(b.channel) || a.purpose.localeCompare(b.purpose),
    );
  }

  /** Every change, oldest first, of the resident and the records merged into them. */
  async history(citizenId: string, tx?: Transaction) {
    const manager = this.managerFor(tx);
    return manager.find(ConsentEventEntity, {
      where: { citizenId: In(await this.family(manager, citizenId)) },
      order: { at: 'ASC', id: 'ASC' },
    });
  }

  async findOne(
    citizenId: string,
    channel: string,
    purpose: string,
  ): Promise<ConsentEntity | null> {
    return (
      (await this.current(citizenId)).find((c) => c.channel === channel && c.purpose === purpose) ??
      null
    );
  }

  /** The resident and every record merged (directly or through others) into them. */
  private async family(manager: EntityManager, citizenId: string): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `WITH RECURSIVE family(id) AS (
         SELECT $1::uuid
         UNION SELECT c.id FROM citizen c JOIN family f ON c.merged_into = f.id
       ) SELECT id FROM family`,
      [citizenId],
    );
    return rows.map((r) => r.id);
  }

  /** Appends the event and makes it the current answer for its channel and purpose. */
  async record(tx: Transaction, event: ConsentEventEntity): Promise<void> {
    const manager = this.managerOf(tx);
    await manager.insert(ConsentEventEntity, event);
    await manager
      .createQueryBuilder()
      .insert()
      .into(ConsentEntity)
      .values({
        citizenId: event.citizenId,
        channel: event.channel,
        purpose: event.purpose,
        granted: event.granted,
        source: event.source,
        eventId: event.id,
        updatedAt: event.at,
      })
      .orUpdate(
        ['granted', 'source', 'event_id', 'updated_at'],
        ['citizen_id', 'channel', 'purpose'],
      )
      .execute();
  }
}
