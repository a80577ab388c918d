import { Role, type Identity } from '@civitas/contracts';
import { CaseErrorCode, CaseException } from '../../case.exception.js';
import type { CaseEntity } from '../../case.entity.js';

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
