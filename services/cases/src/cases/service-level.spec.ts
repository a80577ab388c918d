import { describe, expect, it } from '@jest/globals';
import { CaseStatus, SlaClock, SlaState } from '@civitas/contracts';
import { serviceLevelOf, slaStanding } from './service-level.js';

const due = new Date('2026-12-07T14:30:00Z');
const atRisk = new Date('2026-12-07T14:06:00Z');
const open = { status: CaseStatus.OPEN, dueAt: due, atRiskAt: atRisk, closedAt: null };

describe("a case's standing against its service level", () => {
  it.each([
    ['ON_TRACK before the at-risk time', '2026-12-04T21:30:00Z', SlaState.ON_TRACK, 3900],
    ['AT_RISK from the at-risk time', '2026-12-07T14:06:00Z', SlaState.AT_RISK, 24],
    ['AT_RISK up to the due time itself', '2026-12-07T14:30:00Z', SlaState.AT_RISK, 0],
    ['OVERDUE after it, with negative minutes', '2026-12-07T15:00:30Z', SlaState.OVERDUE, -31],
  ])('an open case is %s', (_what, now, state, remainingMinutes) => {
    expect(slaStanding(open, new Date(now))).toEqual({ state, remainingMinutes });
  });

  it('counts an ON_HOLD or IN_PROGRESS case as open work', () => {
    for (const status of [CaseStatus.ON_HOLD, CaseStatus.IN_PROGRESS, CaseStatus.NEW]) {
      expect(slaStanding({ ...open, status }, new Date('2026-12-08T00:00:00Z')).state).toBe(
        SlaState.OVERDUE,
      );
    }
  });

  it('says a case closed by its due time MET it, whenever asked', () => {
    const closed = {
      ...open,
      status: CaseStatus.CLOSED,
      closedAt: new Date('2026-12-07T14:30:00Z'),
    };
    expect(slaStanding(closed, new Date('2027-06-01T00:00:00Z'))).toEqual({
      state: SlaState.MET,
      remainingMinutes: 0,
    });
  });

  it('says a case closed after its due time MISSED it, never OVERDUE', () => {
    const closed = {
      ...open,
      status: CaseStatus.CLOSED,
      closedAt: new Date('2026-12-07T16:30:00Z'),
    };
    expect(slaStanding(closed, new Date('2027-06-01T00:00:00Z'))).toEqual({
      state: SlaState.MISSED,
      remainingMinutes: -120,
    });
  });
});

describe('a case whose clock is paused on hold (docs/adr/0068)', () => {
  const later = new Date('2027-01-15T12:00:00Z');

  it('keeps the standing it had when paused and the time then left, never OVERDUE', () => {
    const pausedOnTrack = {
      ...open,
      status: CaseStatus.ON_HOLD,
      heldSince: new Date('2026-12-07T10:00:00Z'),
      heldMinutes: 120,
    };
    expect(slaStanding(pausedOnTrack, later)).toEqual({
      state: SlaState.ON_TRACK,
      remainingMinutes: 120,
    });
    const pausedAtRisk = {
      ...pausedOnTrack,
      heldSince: new Date('2026-12-07T14:10:00Z'),
      heldMinutes: 20,
    };
    expect(slaStanding(pausedAtRisk, later)).toEqual({
      state: SlaState.AT_RISK,
      remainingMinutes: 20,
    });
  });

  it('says a case closed while paused MET its target, however late it closed', () => {
    const closed = {
      ...open,
      status: CaseStatus.CLOSED,
      closedAt: new Date('2027-01-10T00:00:00Z'),
      heldSince: new Date('2026-12-07T10:00:00Z'),
      heldMinutes: 45,
    };
    expect(slaStanding(closed, later)).toEqual({ state: SlaState.MET, remainingMinutes: 45 });
  });
});

describe('the target cases records from case-routed', () => {
  const openedAt = new Date('2026-12-01T09:00:00Z');

  it('keeps what routing sent', () => {
    expect(
      serviceLevelOf(
        {
          dueAt: due.toISOString(),
          slaClock: SlaClock.BUSINESS,
          slaHours: 2,
          atRiskAt: atRisk.toISOString(),
        },
        openedAt,
      ),
    ).toEqual({ slaClock: SlaClock.BUSINESS, slaHours: 2, atRiskAt: atRisk });
  });

  it('reads an event from an older routing as calendar hours, at risk 80% of the way', () => {
    expect(serviceLevelOf({ dueAt: '2026-12-04T09:00:00Z' }, openedAt)).toEqual({
      slaClock: SlaClock.CALENDAR,
      slaHours: 72,
      atRiskAt: new Date('2026-12-03T18:36:00Z'),
    });
  });
});
