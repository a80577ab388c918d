import { QueueAssignment } from '@civitas/contracts';

/** One person automatic assignment may give a case to, as the queue's locked members stand. */
export interface AssignmentCandidate {
  subject: string;
  /** Open cases at most; null: no limit. */
  capacity: number | null;
  /** Open cases they work now. */
  open: number;
  lastAssignedAt: Date | null;
}

/**
 * Who a queue's policy gives its next case to (docs/adr/0059), or null: MANUAL gives none, and
 * nobody under capacity means the case waits unassigned. ROUND_ROBIN: whoever was given a case
 * longest ago (never first), so turns go round the queue; LEAST_LOADED: the fewest open cases,
 * ties by the same turn. The last tie-break is the subject, so the choice is deterministic.
 */
export function pickAssignee(
  policy: QueueAssignment,
  candidates: readonly AssignmentCandidate[],
): string | null {
  if (policy === QueueAssignment.MANUAL) {
    return null;
  }
  const eligible = candidates.filter((c) => c.capacity === null || c.open < c.capacity);
  const byTurn = (a: AssignmentCandidate, b: AssignmentCandidate): number =>
    (a.lastAssignedAt?.getTime() ?? -Infinity) - (b.lastAssignedAt?.getTime() ?? -Infinity) ||
    (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0);
  const order =
    policy === QueueAssignment.LEAST_LOADED
      ? (a: AssignmentCandidate, b: AssignmentCandidate) => a.open - b.open || byTurn(a, b)
      : byTurn;
  return [...eligible].sort(order)[0]?.subject ?? null;
}
