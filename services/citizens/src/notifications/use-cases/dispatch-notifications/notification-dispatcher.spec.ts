import { describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
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
 * it committed; `failSavesOf` makes saving that delivery fail that many times (the database gone
 * meanwhile). A claimed delivery is not due until its claim is cleared.
 */
class DeliveryTable {
  readonly committed = new Map<string, NotificationDeliveryEntity>();
  readonly claimed = new Set<string>();
  failSavesOf: { id: string; times: number } | undefined;

  constructor(deliveries: NotificationDeliveryEntity[]) {
    for (const d of deliveries) {
      this.committed.set(d.id, d);
    }
  }

  readonly uow = {
    run: async <T>(work: (tx: Transaction) => Promise<T>): Promise<T> => {
      const pending = new Map<string, NotificationDeliveryEntity | 'claim'>();
      const result = await work(pending as unknown as Transaction);
      for (const [id, d] of pending) {
        if (d === 'claim') {
          this.claimed.add(id);
        } else {
          this.committed.set(id, d);
          if (d.claimedUntil === null) {
            this.claimed.delete(id);
          }
        }
      }
      return result;
    },
  };

  readonly repository = {
    claimDue: (_tx: Transaction, limit: number) =>
      Promise.resolve(
        [...this.committed.values()]
          .filter((d) => d.status === 'QUEUED' && !this.claimed.has(d.id))
          .slice(0, limit)
          .map((d) => ({ ...d, params: { ...d.params } })),
      ),
    claimForSending: (tx: Transaction, id: string) => {
      (tx as unknown as Map<string, 'claim'>).set(id, 'claim');
      return Promise.resolve();
    },
    save: (tx: Transaction, delivery: NotificationDeliveryEntity) => {
      if (this.failSavesOf?.id === delivery.id && this.failSavesOf.times > 0) {
        this.failSavesOf.times -= 1;
        return Promise.reject(new Error('Connection terminated unexpectedly'));
      }
      (tx as unknown as Map<string, NotificationDeliveryEntity>).set(delivery.id, {
        ...delivery,
      });
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

function dispatcherOn(table: DeliveryTable, sent: string[]): NotificationDispatcher {
  return new NotificationDispatcher(
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
}

describe('NotificationDispatcher', () => {
  it('records a message sent while the database was away once it is back, and never sends it again', async () => {
    const table = new DeliveryTable([
      queued('d1', 'SR-2026-0000001'),
      queued('d2', 'SR-2026-0000002'),
    ]);
    const sent: string[] = [];
    const dispatcher = dispatcherOn(table, sent);

    // The second message is sent, then the database goes away before its outcome is recorded,
    // and comes back two tries later.
    table.failSavesOf = { id: 'd2', times: 2 };
    await dispatcher.drain();
    await dispatcher.drain();

    expect(sent).toEqual(['resident-d1', 'resident-d2']);
    expect([...table.committed.values()].map((d) => d.status)).toEqual(['SENT', 'SENT']);
    expect(table.claimed.size).toBe(0);
  });

  it('says so when one delivery stays in hand for longer than sending and recording it takes', async () => {
    const table = new DeliveryTable([queued('d1', 'SR-2026-0000001')]);
    let answer: ((rows: NotificationDeliveryEntity[]) => void) | undefined;
    // The database takes the claim and never answers.
    table.repository.claimDue = () =>
      new Promise<NotificationDeliveryEntity[]>((resolve) => (answer = resolve));
    const errors: unknown[] = [];
    const logged = jest
      .spyOn(Logger.prototype, 'error')
      .mockImplementation((message: unknown) => void errors.push(message));
    jest.useFakeTimers();
    try {
      const draining = dispatcherOn(table, []).drain();
      await jest.advanceTimersByTimeAsync(89_000);
      expect(errors).toEqual([]);
      await jest.advanceTimersByTimeAsync(2_000);
      expect(errors).toEqual([
        {
          msg: 'one notification has been in hand for longer than sending and recording it takes',
          seconds: 90,
        },
      ]);
      answer!([]);
      await draining;
      await jest.advanceTimersByTimeAsync(200_000);
      expect(errors).toHaveLength(1); // the step ended: nothing more to say
    } finally {
      jest.useRealTimers();
      logged.mockRestore();
    }
  });
});
