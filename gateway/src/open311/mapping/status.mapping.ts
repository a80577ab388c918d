import { CaseStatus } from '@civitas/contracts';

export type Open311Status = 'open' | 'closed';

/** The standard's two statuses: the only ones a plain `status` ever carries (docs/adr/0035). */
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

/** mySociety's richer statuses, served as `extended_status` where the client asks for extensions. */
export type ExtendedStatus =
  'open' | 'closed' | 'in_progress' | 'action_scheduled' | 'for_triage' | 'reopen';

/**
 * The richer status of an update: `reopen` for the entry that reopened a request, else the status
 * the request had once the update was made, as finely as Civitas knows it.
 */
export function extendedStatus(status: CaseStatus, reopened: boolean): ExtendedStatus {
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

/**
 * What a resident's update asks with its `status` (mySociety's extension: the status of the
 * request after the update, as the client sees it):
 * - `reopen`: "not fixed", `open`, `reopen` — a closed request goes back to work;
 * - `fixed`: `closed`, `fixed` (and FixMyStreet's `fixed - user`) — the resident says it is fixed;
 * - `none`: anything else (`in_progress`, `duplicate`, …): only staff set those, so the status is
 *   ignored and the update is just its comment.
 */
export type ResidentIntent = 'reopen' | 'fixed' | 'none';

const REOPEN_WORDS = new Set(['open', 'reopen', 'reopened', 'not_fixed', 'notfixed']);
const FIXED_WORDS = new Set(['closed', 'fixed', 'fixed_user', 'fixed_council']);

export function residentIntent(status: string): ResidentIntent {
  const word = status
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '_');
  return REOPEN_WORDS.has(word) ? 'reopen' : FIXED_WORDS.has(word) ? 'fixed' : 'none';
}
