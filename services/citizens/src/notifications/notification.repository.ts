import { Injectable } from '@nestjs/common';
import { TransactionalRepository, type Transaction } from '@civitas/messaging';
import { DataSource, In } from 'typeorm';
import { randomUUID } from 'node:crypto';
import { NotificationDeliveryEntity } from './notification-delivery.entity.js';
import { NotificationHeldMomentEntity } from './notification-held-moment.entity.js';
import { NotificationSubscriptionEntity } from './notification-subscription.entity.js';

// First key of the two-part advisory locks that serialise notifications per case.
const NOTIFY_LOCK_SPACE = 0x0c1713;

/** Who is told about which case, what was held back, and each delivery (docs/adr/0027). */
@Injectable()
export class NotificationRepository extends TransactionalRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  /**
   * Serialises what happens to one case's notifications until the transaction ends: a routing or
   * status event and the case's opening, handled at once by different consumers, must not miss
   * each other (the one holding a moment, the other releasing the hold).
   */
  async lockCase(tx: Transaction, caseId: string): Promise<void> {
    const manager = this.managerOf(tx);
    await manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
      NOTIFY_LOCK_SPACE,
      caseId,
    ]);
  }

  /**
   * Share-locks a resident's row until the transaction ends and says whether they may still be
   * named here (they exist and are not erased). An erasure, which locks the row for update, then
   * either waits for this transaction and removes what it recorded, or has already finished and
   * nothing is recorded for them.
   */
  async lockUnerased(tx: Transaction, citizenId: string): Promise<boolean> {
    const manager = this.managerOf(tx);
    const found: unknown[] = await manager.query('SELECT id FROM citizen WHERE id = $1 FOR SHARE', [
      citizenId,
    ]);
    if (found.length === 0) {
      return false;
    }
    // A statement of its own: it must see an erasure committed while the lock was awaited.
    const erased: unknown[] = await manager.query(
      'SELECT 1 FROM citizen_erasure WHERE citizen_id = $1',
      [citizenId],
    );
    return erased.length === 0;
  }

  /**
   * Erasure: every delivery to these residents is deleted (which case, when, on which channel,
   * and the contact point used) and their subscriptions no longer name them, so nobody is told
   * about those cases again. In the erasure's transaction.
   */
  async forgetResidents(
    tx: Transaction,
    citizenIds: string[],
  ): Promise<{
    deliveries: number;
    subscriptions: number;
  }> {
    const manager = this.managerOf(tx);
    if (citizenIds.length === 0) {
      return { deliveries: 0, subscriptions: 0 };
    }
    const deliveries = await manager.delete(NotificationDeliveryEntity, {
      citizenId: In(citizenIds),
    });
    const subscriptions = await manager.update(
      NotificationSubscriptionEntity,
      { citizenId: In(citizenIds) },
      { citizenId: null },
    );
    return { deliveries: deliveries.affected ?? 0, subscriptions: subscriptions.affected ?? 0 };
  }

  async subscribe(
    tx: Transaction,
    subscription: Pick<NotificationSubscriptionEntity, 'caseId' | 'citizenId' | 'ticketNumber'>,
  ): Promise<void> {
    const manager = this.managerOf(tx);
    await manager
      .createQueryBuilder()
      .insert()
      .into(NotificationSubscriptionEntity)
      .values(subscription)
      .orIgnore()
      .execute();
  }

  subscriptionOf(tx: Transaction, caseId: string): Promise<NotificationSubscriptionEntity | null> {
    const manager = this.managerOf(tx);
    return manager.findOneBy(NotificationSubscriptionEntity, { caseId });
  }

  async hold(
    tx: Transaction,
    moment: Pick<NotificationHeldMomentEntity, 'caseId' | 'template' | 'params' | 'eventAt'>,
  ): Promise<void> {
    const manager = this.managerOf(tx);
    await manager.insert(NotificationHeldMomentEntity, { id: randomUUID(), ...moment });
  }

  /** The moments held for a case, in the order they happened, removed from the hold. */
  async release(tx: Transaction, caseId: string): Promise<NotificationHeldMomentEntity[]> {
    const manager = this.managerOf(tx);
    const held = await manager.find(NotificationHeldMomentEntity, {
      where: { caseId },
      order: { eventAt: 'ASC', createdAt: 'ASC', id: 'ASC' },
    });
    if (held.length > 0) {
      await manager.delete(NotificationHeldMomentEntity, { caseId });
    }
    return held;
  }

  /** Moments of cases whose opening never came (opened before notifications existed). */
  async pruneHeld(olderThanDays: number): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM notification_held_moment WHERE created_at < now() - make_interval(days => $1)`,
      [olderThanDays],
    );
  }

  async add(tx: Transaction, delivery: NotificationDeliveryEntity): Promise<void> {
    const manager = this.managerOf(tx);
    await manager.insert(NotificationDeliveryEntity, delivery);
  }

  /**
   * Records a delivery unless one of its kind exists for the case (the unique overdue notice per
   * case, docs/adr/0067); false when it did.
   */
  async addOnce(tx: Transaction, delivery: NotificationDeliveryEntity): Promise<boolean> {
    const manager = this.managerOf(tx);
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(NotificationDeliveryEntity)
      .values(delivery)
      .orIgnore()
      .execute();
    return (result.raw as unknown[]).length > 0;
  }

  /**
   * Due deliveries, locked for this transaction; other replicas skip them. A delivery is due once
   * its time has come, its event is `settleMs` old (so a consumer a little behind can still record
   * something that happened earlier), it is not claimed by a dispatcher sending it (or that claim
   * has lapsed, docs/adr/0093), and nothing that happened earlier in the same case is still
   * waiting to go to the same resident: a case's messages to one person go out one at a time, in
   * the order things happened (docs/adr/0083). Messages to a department's mailbox are not ordered.
   */
  claimDue(
    tx: Transaction,
    limit: number,
    settleMs: number,
  ): Promise<NotificationDeliveryEntity[]> {
    const manager = this.managerOf(tx);
    return manager
      .createQueryBuilder(NotificationDeliveryEntity, 'd')
      .where(`d.status = 'QUEUED' AND d.next_attempt_at <= now()`)
      .andWhere(`d.event_at <= now() - make_interval(secs => :settle)`, {
        settle: settleMs / 1000,
      })
      .andWhere(`(d.claimed_until IS NULL OR d.claimed_until <= now())`)
      .andWhere(
        `NOT EXISTS (
          SELECT 1 FROM notification_delivery e
          WHERE e.status = 'QUEUED' AND e.case_id = d.case_id AND e.citizen_id = d.citizen_id
            AND (e.event_at, e.seq) < (d.event_at, d.seq))`,
      )
      .orderBy('d.next_attempt_at', 'ASC')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
  }

  /**
   * Claims a delivery for `forMs` (committed with the caller's transaction, before the message is
   * sent): no dispatcher claims it again until its outcome is recorded (`save`, which clears the
   * claim) or the claim lapses.
   */
  async claimForSending(tx: Transaction, deliveryId: string, forMs: number): Promise<void> {
    const manager = this.managerOf(tx);
    await manager.query(
      `UPDATE notification_delivery SET claimed_until = now() + make_interval(secs => $2)
       WHERE id = $1`,
      [deliveryId, forMs / 1000],
    );
  }

  async save(tx: Transaction, delivery: NotificationDeliveryEntity): Promise<void> {
    const manager = this.managerOf(tx);
    await manager.save(NotificationDeliveryEntity, delivery);
  }

  forCase(caseId: string): Promise<NotificationDeliveryEntity[]> {
    return this.dataSource.manager.find(NotificationDeliveryEntity, {
      where: { caseId },
      order: { seq: 'ASC' },
    });
  }

  failed(limit: number): Promise<NotificationDeliveryEntity[]> {
    return this.dataSource.manager.find(NotificationDeliveryEntity, {
      where: { status: 'FAILED' },
      order: { updatedAt: 'DESC', id: 'ASC' },
      take: limit,
    });
  }
}
