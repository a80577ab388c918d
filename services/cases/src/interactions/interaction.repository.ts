import { Injectable } from '@nestjs/common';
import { TransactionalRepository, type Transaction } from '@civitas/messaging';
import { In } from 'typeorm';
import { InteractionEntity } from './interaction.entity.js';

/** The one writer of `interaction` rows (docs/adr/0027); erasure forgets who they were with. */
@Injectable()
export class InteractionRepository extends TransactionalRepository {
  byIdempotencyKey(tx: Transaction, idempotencyKey: string): Promise<InteractionEntity | null> {
    return this.managerOf(tx).findOneBy(InteractionEntity, { idempotencyKey });
  }

  async record(tx: Transaction, interaction: InteractionEntity): Promise<InteractionEntity> {
    const manager = this.managerOf(tx);
    const entity = manager.create(InteractionEntity, interaction);
    await manager.insert(InteractionEntity, entity);
    return entity;
  }

  /**
   * Forgets who the contacts with `citizenId` were with and what was said (erasure); the contacts
   * themselves stay. Returns where they were, so their timeline entries can follow.
   */
  async forgetCitizen(
    tx: Transaction,
    citizenId: string,
    summary: string,
  ): Promise<{ caseId: string; at: Date }[]> {
    const manager = this.managerOf(tx);
    const contacts = await manager.find(InteractionEntity, {
      where: { citizenId },
      select: { id: true, caseId: true, at: true },
    });
    if (contacts.length > 0) {
      await manager.update(
        InteractionEntity,
        { id: In(contacts.map((c) => c.id)) },
        { citizenId: null, summary },
      );
    }
    return contacts.map(({ caseId, at }) => ({ caseId, at }));
  }
}
