import { describe, expect, it } from '@jest/globals';
import { QueueAssignment } from '@civitas/contracts';
import { pickAssignee, type AssignmentCandidate } from './assignment-policy.js';

const person = (
  subject: string,
  open: number,
  lastAssignedAt: string | null,
  capacity: number | null = 10,
): AssignmentCandidate => ({
  subject,
  open,
  capacity,
  lastAssignedAt: lastAssignedAt ? new Date(lastAssignedAt) : null,
});

describe('pickAssignee', () => {
  const ann = person('ann', 5, '2026-12-01T10:00:00Z');
  const bob = person('bob', 1, '2026-12-01T11:00:00Z');
  const cyd = person('cyd', 3, null);

  it('gives nobody the case in a MANUAL queue', () => {
    expect(pickAssignee(QueueAssignment.MANUAL, [ann, bob, cyd])).toBeNull();
  });

  it('goes round: never given a case first, then whoever was given one longest ago', () => {
    expect(pickAssignee(QueueAssignment.ROUND_ROBIN, [ann, bob, cyd])).toBe('cyd');
    expect(pickAssignee(QueueAssignment.ROUND_ROBIN, [ann, bob])).toBe('ann');
  });

  it('gives the least loaded the case, ties going to the longer wait', () => {
    expect(pickAssignee(QueueAssignment.LEAST_LOADED, [ann, bob, cyd])).toBe('bob');
    const bobAgain = person('bob', 3, '2026-12-01T11:00:00Z');
    expect(pickAssignee(QueueAssignment.LEAST_LOADED, [ann, bobAgain, cyd])).toBe('cyd');
  });

  it('skips people at their capacity, and leaves the case unassigned when all are', () => {
    const full = person('cyd', 3, null, 3);
    expect(pickAssignee(QueueAssignment.ROUND_ROBIN, [ann, bob, full])).toBe('ann');
    expect(pickAssignee(QueueAssignment.LEAST_LOADED, [full])).toBeNull();
    expect(pickAssignee(QueueAssignment.ROUND_ROBIN, [])).toBeNull();
  });

  it('takes no limit for someone without a capacity', () => {
    expect(pickAssignee(QueueAssignment.LEAST_LOADED, [person('dee', 900, null, null)])).toBe(
      'dee',
    );
  });
});
