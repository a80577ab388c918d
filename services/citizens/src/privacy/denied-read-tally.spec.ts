import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { CitizensConfig } from '../config/citizens.config.js';
import { DeniedReadTally } from './denied-read-tally.js';
import type { PiiAccessAuditRepository, PiiAccessRecord } from './pii-access-audit.repository.js';

const ALICE = '00000000-0000-4000-8000-00000000000a';
const BOB = '00000000-0000-4000-8000-00000000000b';

const refusal = (citizenId: string, actorSub: string | null = null, field = 'email') =>
  ({
    actorSub,
    actorRoles: actorSub ? ['analyst'] : [],
    citizenId,
    fields: [field],
    purpose: null,
    outcome: 'DENIED',
  }) satisfies PiiAccessRecord;

describe('DeniedReadTally', () => {
  let written: PiiAccessRecord[];
  let tally: DeniedReadTally;

  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-12-06T10:00:00Z') });
    written = [];
    const audit = {
      append: async (record: PiiAccessRecord) => {
        written.push(record);
      },
    } as unknown as PiiAccessAuditRepository;
    tally = new DeniedReadTally(audit, { AUDIT_DENIED_WINDOW_SECONDS: 60 } as CitizensConfig);
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('writes the first refusal at once and the rest of the window as one entry when it ends', async () => {
    await tally.record(refusal(ALICE));
    expect(written).toHaveLength(1);
    for (let i = 0; i < 9; i++) {
      jest.advanceTimersByTime(1000);
      await tally.record(refusal(i % 2 ? ALICE : BOB, null, i === 4 ? 'phone' : 'email'));
    }
    expect(written).toHaveLength(1);
    jest.advanceTimersByTime(51_000);
    await tally.flush();
    expect(written).toHaveLength(2);
    expect(written[1]).toMatchObject({
      actorSub: null,
      citizenId: null,
      fields: ['email', 'phone'],
      outcome: 'DENIED',
      occurrences: 9,
      at: new Date('2026-12-06T10:00:01Z'),
      lastAt: new Date('2026-12-06T10:00:09Z'),
    });
  });

  it('opens a new window after one closes, its first refusal written at once', async () => {
    await tally.record(refusal(ALICE));
    jest.advanceTimersByTime(61_000);
    await tally.record(refusal(ALICE));
    expect(written.map((r) => r.occurrences ?? 1)).toEqual([1, 1]);
  });

  it('writes nothing more for a window with a single refusal', async () => {
    await tally.record(refusal(ALICE, 'analyst-1'));
    jest.advanceTimersByTime(61_000);
    await tally.flush();
    expect(written).toHaveLength(1);
  });

  it("keeps a signed-in caller's windows per resident, naming the resident", async () => {
    for (let i = 0; i < 3; i++) {
      await tally.record(refusal(ALICE, 'analyst-1'));
      await tally.record(refusal(BOB, 'analyst-1'));
    }
    await tally.flush();
    expect(written.map((r) => [r.citizenId, r.occurrences ?? 1])).toEqual([
      [ALICE, 1],
      [BOB, 1],
      [ALICE, 2],
      [BOB, 2],
    ]);
  });
});
