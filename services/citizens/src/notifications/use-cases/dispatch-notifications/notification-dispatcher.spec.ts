import { describe, expect, it } from '@jest/globals';
import type { PiiCipher } from '@civitas/crypto';
import type { Transaction, UnitOfWork } from '@civitas/messaging';
import type { CitizenRepository } from '../../../citizens/index.js';
import type { CitizensConfig } from '../../../config/citizens.config.js';
import type { NotificationMailer } from '../../channels/notification-mailer.js';
import type { NotificationDeliveryEntity } from '../../notification-delivery.entity.js';
import type { NotificationRepository } from '../../notification.repository.js';
import type { SurveyLinks } from '../../survey-links.js';
import { NotificationDispatcher } from './notification-dispatcher.js';

/**
 * Deliveries in a table with transactions: what a transaction saves is seen by the next only if
 * it committed; `failSaveOf` makes saving that delivery fail once (the database going away then).
 */
class DeliveryTable {
  readonly committed = new Map<string, NotificationDeliveryEntity>();
  failSaveOf: string | undefined;

  constructor(deliveries: NotificationDeliveryEntity[]) {
    for (const d of deliveries) {
      this.committed.set(d.id, d);
    }
  }

  readonly uow = {
    run: async <T>(work: (tx: Transaction) => Promise<T>): Promise<T> => {
      const pending = new Map<string, NotificationDeliveryEntity>();
      const result = await work(pending as unknown as Transaction);
      for (const [id, d] of pending) {
        this.committed.set(id, d);
      }
      return result;
    },
  };

  readonly repository = {
    claimDue: (_tx: Transaction, limit: number) =>
      Promise.resolve(
        [...this.committed.values()]
          .filter((d) => d.status === 'QUEUED')
          .slice(0, limit)
          .map((d) => ({ ...d, params: { ...d.params } })),
      ),
    save: (tx: Transaction, delivery: NotificationDeliveryEntity) => {
      if (this.failSaveOf === delivery.id) {
        this.failSaveOf = undefined;
        return Promise.reject(new Error('Connection terminated unexpectedly'));
      }
      (tx as unknown as Map<string, NotificationDeliveryEntity>).set(delivery.id, delivery);
      return Promise.resolve();
    },
  };
}

const queued = (id: string, ticketNumber: string): NotificationDeliveryEntity =>
  ({
    id,
    seq: id,
    caseId: `case-${id}`,
    citizenId: `citizen-${id}`,
    mailbox: null,
    channel: 'EMAIL',
    template: 'CASE_RECEIVED',
    language: 'en',
    params: { ticketNumber },
    contactPointId: `point-${id}`,
    status: 'QUEUED',
    attempts: 0,
    lastError: null,
    nextAttemptAt: new Date(0),
    sentAt: null,
  }) as NotificationDeliveryEntity;

describe('NotificationDispatcher', () => {
  it('sends a message again only if its own record was lost, never the ones sent before it', async () => {
    const table = new DeliveryTable([
      queued('d1', 'SR-2026-0000001'),
      queued('d2', 'SR-2026-0000002'),
    ]);
    const sent: string[] = [];
    const dispatcher = new NotificationDispatcher(
      table.uow as unknown as UnitOfWork,
      {
        contactPoint: (id: string) => Promise.resolve({ valueEnc: `sealed ${id}` }),
      } as unknown as CitizenRepository,
      table.repository as unknown as NotificationRepository,
      {
        send: (_key: string, to: string) => {
          sent.push(to);
          return Promise.resolve();
        },
      } as unknown as NotificationMailer,
      {
        QUIET_HOURS: 'none',
        NOTIFY_TIME_ZONE: 'UTC',
        NOTIFY_POLL_MS: 1000,
        NOTIFY_MAX_ATTEMPTS: 5,
        NOTIFY_RETRY_BASE_MS: 30_000,
      } as unknown as CitizensConfig,
      { urlFor: () => null } as unknown as SurveyLinks,
      { decrypt: (sealed: string) => sealed.replace('sealed point-', 'resident-') } as PiiCipher,
      null,
    );

    // The second message is sent, then the database goes away before its record commits.
    table.failSaveOf = 'd2';
    await expect(dispatcher.drain()).rejects.toThrow('Connection terminated');
    // Back again: what was not recorded is sent again, and only that.
    await dispatcher.drain();

    expect(sent).toEqual(['resident-d1', 'resident-d2', 'resident-d2']);
    expect([...table.committed.values()].map((d) => d.status)).toEqual(['SENT', 'SENT']);
  });
});
