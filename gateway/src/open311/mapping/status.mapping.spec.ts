import { describe, expect, it } from '@jest/globals';
import { CaseStatus } from '@civitas/contracts';
import { asksToReopen, caseStatusesFor, open311Status, updateStatus } from './status.mapping.js';

describe('status mapping', () => {
  it('maps every case status to open or closed', () => {
    expect(open311Status(CaseStatus.NEW)).toBe('open');
    expect(open311Status(CaseStatus.OPEN)).toBe('open');
    expect(open311Status(CaseStatus.IN_PROGRESS)).toBe('open');
    expect(open311Status(CaseStatus.ON_HOLD)).toBe('open');
    expect(open311Status(CaseStatus.CLOSED)).toBe('closed');
  });

  it('turns a status filter into the case statuses it stands for', () => {
    expect(caseStatusesFor('closed')).toEqual([CaseStatus.CLOSED]);
    expect(caseStatusesFor('open').sort()).toEqual(
      [CaseStatus.IN_PROGRESS, CaseStatus.NEW, CaseStatus.ON_HOLD, CaseStatus.OPEN].sort(),
    );
  });

  it("uses mySociety's richer statuses for updates", () => {
    expect(updateStatus(CaseStatus.NEW, false)).toBe('for_triage');
    expect(updateStatus(CaseStatus.IN_PROGRESS, false)).toBe('in_progress');
    expect(updateStatus(CaseStatus.ON_HOLD, false)).toBe('action_scheduled');
    expect(updateStatus(CaseStatus.CLOSED, false)).toBe('closed');
    expect(updateStatus(CaseStatus.OPEN, true)).toBe('reopen');
  });

  it('recognises the ways clients say "not fixed"', () => {
    for (const word of ['not fixed', 'NOT_FIXED', 'reopen', 'OPEN', 'Not-Fixed']) {
      expect(asksToReopen(word)).toBe(true);
    }
    for (const word of ['closed', 'fixed', 'in_progress']) {
      expect(asksToReopen(word)).toBe(false);
    }
  });
});
