import { describe, expect, it } from '@jest/globals';
import { HistoryAccepted, type SubmissionAcceptedV1 } from '@civitas/contracts';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { BusNaming } from './naming.js';
import { Transaction, TransactionalRepository } from './unit-of-work.js';

function submission(description: string): SubmissionAcceptedV1 {
  return {
    submissionId: randomUUID(),
    ticketNumber: `SR-2014-${randomUUID().slice(0, 7)}`,
    serviceCode: 'pothole',
    description,
    channel: 'LEGACY_IMPORT' as SubmissionAcceptedV1['channel'],
    emergency: false,
    receivedAt: '2014-04-01T09:00:00.000Z',
  };
}

describe('Transaction.emitChunked', () => {
  const outboxWrites: unknown[][] = [];
  const manager = {
    query: (_sql: string, params: unknown[]) => {
      outboxWrites.push(params);
      return Promise.resolve([]);
    },
  } as unknown as EntityManager;
  const tx = () =>
    new Transaction(
      manager,
      {
        service: 'intake',
        natsUrl: 'nats://unused',
        namespace: 'test',
        maxDeliver: 5,
        consumers: [],
      },
      new BusNaming('test'),
    );

  it('splits records into events of at most maxItems, in order', async () => {
    const items = Array.from({ length: 7 }, (_, i) => submission(`row ${i}`));
    const envelopes = await tx().emitChunked(
      HistoryAccepted,
      items,
      (chunk) => ({ submissions: chunk }),
      { maxItems: 3 },
    );
    expect(envelopes.map((e) => e.payload.submissions.length)).toEqual([3, 3, 1]);
    expect(envelopes.flatMap((e) => e.payload.submissions.map((s) => s.ticketNumber))).toEqual(
      items.map((i) => i.ticketNumber),
    );
  });

  it('starts a new event before one would pass maxBytes, so no message outgrows NATS max_payload', async () => {
    const big = 'x'.repeat(3000);
    const items = Array.from({ length: 5 }, () => submission(big));
    const envelopes = await tx().emitChunked(
      HistoryAccepted,
      items,
      (chunk) => ({ submissions: chunk }),
      { maxItems: 500, maxBytes: 7000 },
    );
    expect(envelopes.map((e) => e.payload.submissions.length)).toEqual([2, 2, 1]);
    for (const envelope of envelopes) {
      expect(JSON.stringify(envelope.payload).length).toBeLessThan(7200);
    }
  });

  it('refuses a record its contract would not accept, before anything reaches the outbox', async () => {
    const t = tx();
    const bad = { ...submission('fine'), ticketNumber: 42 } as unknown as SubmissionAcceptedV1;
    await expect(
      t.emitChunked(HistoryAccepted, [bad], (chunk) => ({ submissions: chunk }), {
        maxItems: 10,
      }),
    ).rejects.toThrow(/submissions\.0\.ticketNumber/);
    const before = outboxWrites.length;
    await t.flush();
    expect(outboxWrites.length).toBe(before);
  });
});

describe('Transaction', () => {
  it('hands its EntityManager only to a TransactionalRepository (docs/adr/0027)', () => {
    const manager = { query: () => Promise.resolve([]) } as unknown as EntityManager;
    const tx = new Transaction(
      manager,
      {
        service: 'citizens',
        natsUrl: 'nats://unused',
        namespace: 'test',
        maxDeliver: 5,
        consumers: [],
      },
      new BusNaming('test'),
    );
    class SomeRepository extends TransactionalRepository {
      reach(t: Transaction): EntityManager {
        return this.managerOf(t);
      }
    }

    expect('manager' in tx).toBe(false);
    expect(Object.values(tx)).not.toContain(manager);
    expect(new SomeRepository().reach(tx)).toBe(manager);
  });
});
