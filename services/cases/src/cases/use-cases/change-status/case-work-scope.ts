import { Role, type CaseStatus, type Identity } from '@civitas/contracts';
import { CaseErrorCode, CaseException } from '../../case.exception.js';
import type { CaseEntity } from '../../case.entity.js';
import { staffTransitionRefusal } from './case-status-transitions.js';

/**
 * Caseworkers and supervisors work the cases of their own departments (the `departments` of
 * their token); admins work any case.
 */
export function assertMayWorkCase(actor: Identity, found: CaseEntity): void {
  if (actor.roles.includes(Role.Admin)) {
    return;
  }
  if (found.departmentCode !== null && actor.departments.includes(found.departmentCode)) {
    return;
  }
  const yours = actor.departments.length > 0 ? actor.departments.join(', ') : 'none';
  throw new CaseException(
    CaseErrorCode.OutsideDepartments,
    `Case ${found.ticketNumber} belongs to department ${found.departmentCode ?? '(none yet)'}; your departments: ${yours}`,
    [{ field: 'ticketNumber', reason: 'the case belongs to a department you do not work for' }],
  );
}

/**
 * Whether `actor` may move `found` (locked) to `to`, in the order staff should hear it: a case
 * not yet routed has no department to check against, so that comes first; then whose case it is;
 * then whether the move is in `STAFF_TRANSITIONS`. `field` is the input the refusal is about
 * (`status` for a status change, `ticketNumber` when the move is implied, as for a duplicate).
 */
export function assertStaffMayMove(
  actor: Identity,
  found: CaseEntity,
  to: CaseStatus,
  field: string,
): void {
  const refusal = staffTransitionRefusal(found.status, to, found.departmentCode !== null);
  if (refusal?.code === CaseErrorCode.NotRouted) {
    throw refused(found, to, refusal, field);
  }
  assertMayWorkCase(actor, found);
  if (refusal) {
    throw refused(found, to, refusal, field);
  }
}

function refused(
  found: CaseEntity,
  to: CaseStatus,
  refusal: { code: CaseErrorCode; reason: string },
  field: string,
): CaseException {
  return new CaseException(
    refusal.code,
    `Case ${found.ticketNumber} cannot be moved to ${to}: ${refusal.reason}`,
    [{ field, reason: refusal.reason }],
  );
}
