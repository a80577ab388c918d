import { describe, expect, it } from '@jest/globals';
import { CaseStatus } from '@civitas/contracts';
import {
  caseStatusesFor,
  extendedStatus,
  open311Status,
  residentIntent,
} from './status.mapping.js';

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

  it("keeps mySociety's richer statuses for the extended status, reopen included", () => {
    expect(extendedStatus(CaseStatus.NEW, false)).toBe('for_triage');
    expect(extendedStatus(CaseStatus.IN_PROGRESS, false)).toBe('in_progress');
    expect(extendedStatus(CaseStatus.ON_HOLD, false)).toBe('action_scheduled');
    expect(extendedStatus(CaseStatus.CLOSED, false)).toBe('closed');
    expect(extendedStatus(CaseStatus.OPEN, true)).toBe('reopen');
  });

  it('reads what a resident asks with the status of an update', () => {
    for (const word of ['not fixed', 'NOT_FIXED', 'reopen', 'OPEN', 'REOPEN', 'Not-Fixed']) {
      expect(residentIntent(word)).toBe('reopen');
    }
    for (const word of ['CLOSED', 'FIXED', 'fixed - user', 'closed']) {
      expect(residentIntent(word)).toBe('fixed');
    }
    for (const word of [
      'IN_PROGRESS',
      'ACTION_SCHEDULED',
      'INVESTIGATING',
      'DUPLICATE',
      'NOT_COUNCILS_RESPONSIBILITY',
      'NO_FURTHER_ACTION',
      'INTERNAL_REFERRAL',
      'FOR_TRIAGE',
      'CANCELLED',
      'whatever',
    ]) {
      expect(residentIntent(word)).toBe('none');
    }
  });
});
