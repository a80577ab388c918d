import { CaseStatus } from '@civitas/contracts';

export type Open311Status = 'open' | 'closed';

/** The standard's two statuses. */
export function open311Status(status: CaseStatus): Open311Status {
  switch (status) {
    case CaseStatus.NEW:
    case CaseStatus.OPEN:
    case CaseStatus.IN_PROGRESS:
    case CaseStatus.ON_HOLD:
      return 'open';
    case CaseStatus.CLOSED:
      return 'closed';
  }
}

/** The case statuses an Open311 `status` filter value stands for. */
export function caseStatusesFor(status: Open311Status): CaseStatus[] {
  return (Object.values(CaseStatus) as CaseStatus[]).filter((s) => open311Status(s) === status);
}

/** mySociety's richer statuses, used by `servicerequestupdates`. */
export type UpdateStatus =
  'open' | 'closed' | 'in_progress' | 'action_scheduled' | 'for_triage' | 'reopen';

/**
 * The status an update reports: `reopen` for the entry that reopened a request, else the
 * request's status now, as finely as Civitas knows it.
 */
export function updateStatus(status: CaseStatus, reopened: boolean): UpdateStatus {
  if (reopened) {
    return 'reopen';
  }
  switch (status) {
    case CaseStatus.NEW:
      return 'for_triage';
    case CaseStatus.OPEN:
      return 'open';
    case CaseStatus.IN_PROGRESS:
      return 'in_progress';
    case CaseStatus.ON_HOLD:
      return 'action_scheduled';
    case CaseStatus.CLOSED:
      return 'closed';
  }
}

/** Update statuses a client may send that ask for a closed request to be reopened. */
const REOPEN_WORDS = new Set(['open', 'reopen', 'reopened', 'not_fixed', 'notfixed']);

export function asksToReopen(status: string): boolean {
  return REOPEN_WORDS.has(
    status
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_'),
  );
}
