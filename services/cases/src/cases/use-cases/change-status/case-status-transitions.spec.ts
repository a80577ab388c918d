import { describe, expect, it } from '@jest/globals';
import { CaseStatus } from '@civitas/contracts';
import { CaseErrorCode } from '../../case.exception.js';
import { staffTransitionRefusal } from './case-status-transitions.js';

const ALL = Object.values(CaseStatus) as CaseStatus[];

describe('staff status transitions', () => {
  it('lets staff move a routed case between open, in progress, on hold and closed', () => {
    const allowed = ALL.flatMap((from) =>
      ALL.filter((to) => staffTransitionRefusal(from, to, true) === null).map(
        (to) => `${from}->${to}`,
      ),
    );
    expect(allowed.sort()).toEqual(
      [
        'OPEN->IN_PROGRESS',
        'OPEN->ON_HOLD',
        'OPEN->CLOSED',
        'IN_PROGRESS->OPEN',
        'IN_PROGRESS->ON_HOLD',
        'IN_PROGRESS->CLOSED',
        'ON_HOLD->OPEN',
        'ON_HOLD->IN_PROGRESS',
        'ON_HOLD->CLOSED',
        'CLOSED->OPEN',
      ].sort(),
    );
  });

  it('leaves a new case to routing', () => {
    for (const to of ALL) {
      expect(staffTransitionRefusal(CaseStatus.NEW, to, false)?.code).toBe(CaseErrorCode.NotRouted);
    }
    expect(staffTransitionRefusal(CaseStatus.CLOSED, CaseStatus.OPEN, false)?.code).toBe(
      CaseErrorCode.NotRouted,
    );
  });

  it('says why a move is refused', () => {
    expect(staffTransitionRefusal(CaseStatus.CLOSED, CaseStatus.IN_PROGRESS, true)).toEqual({
      code: CaseErrorCode.TransitionNotAllowed,
      reason: 'a closed case can only be reopened, to OPEN',
    });
    expect(staffTransitionRefusal(CaseStatus.ON_HOLD, CaseStatus.ON_HOLD, true)?.reason).toBe(
      'the case is already on hold',
    );
    expect(staffTransitionRefusal(CaseStatus.OPEN, CaseStatus.NEW, true)?.reason).toBe(
      'only a case not yet routed is new',
    );
  });
});
