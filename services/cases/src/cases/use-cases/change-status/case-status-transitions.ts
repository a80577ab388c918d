import { CaseStatus } from '@civitas/contracts';
import { CaseErrorCode } from '../../case.exception.js';

/**
 * Where staff may move a case from each status (docs/case-work.md, ADR 0019). NEW belongs to
 * routing (it becomes OPEN when a department is assigned); a CLOSED case is only reopened, to
 * OPEN, by staff here or by the resident ("not fixed", which is not this table).
 */
export const STAFF_TRANSITIONS: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  [CaseStatus.NEW]: [],
  [CaseStatus.OPEN]: [CaseStatus.IN_PROGRESS, CaseStatus.ON_HOLD, CaseStatus.CLOSED],
  [CaseStatus.IN_PROGRESS]: [CaseStatus.OPEN, CaseStatus.ON_HOLD, CaseStatus.CLOSED],
  [CaseStatus.ON_HOLD]: [CaseStatus.OPEN, CaseStatus.IN_PROGRESS, CaseStatus.CLOSED],
  [CaseStatus.CLOSED]: [CaseStatus.OPEN],
};

export const STATUS_LABEL: Readonly<Record<CaseStatus, string>> = {
  [CaseStatus.NEW]: 'new',
  [CaseStatus.OPEN]: 'open',
  [CaseStatus.IN_PROGRESS]: 'in progress',
  [CaseStatus.ON_HOLD]: 'on hold',
  [CaseStatus.CLOSED]: 'closed',
};

export interface TransitionRefusal {
  code: CaseErrorCode.NotRouted | CaseErrorCode.TransitionNotAllowed;
  reason: string;
}

/** Why staff may not move a case from `from` to `to` (null when they may). */
export function staffTransitionRefusal(
  from: CaseStatus,
  to: CaseStatus,
  routed: boolean,
): TransitionRefusal | null {
  if (from === CaseStatus.NEW || !routed) {
    return {
      code: CaseErrorCode.NotRouted,
      reason: 'the case is not routed yet; it opens when routing assigns it to a department',
    };
  }
  if (STAFF_TRANSITIONS[from].includes(to)) {
    return null;
  }
  const reason =
    from === to
      ? `the case is already ${STATUS_LABEL[to]}`
      : to === CaseStatus.NEW
        ? 'only a case not yet routed is new'
        : from === CaseStatus.CLOSED
          ? 'a closed case can only be reopened, to OPEN'
          : `a case cannot go from ${STATUS_LABEL[from]} to ${STATUS_LABEL[to]}`;
  return { code: CaseErrorCode.TransitionNotAllowed, reason };
}
