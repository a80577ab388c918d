import { Role, type Identity } from '@civitas/contracts';
import { RoutingRuleErrorCode, RoutingRuleException } from './routing-rule.exception.js';

/**
 * Who may see and change a routing rule: admins any rule; supervisors the rules that send cases to
 * a department of theirs (the `departments` of their token). One policy for the list, the history,
 * saves and deletes.
 */
export function mayManageRulesOf(actor: Identity, departmentCode: string): boolean {
  return (
    actor.roles.includes(Role.Admin) ||
    (actor.roles.includes(Role.Supervisor) && actor.departments.includes(departmentCode))
  );
}

/** Refuses, naming `field`, a caller who may not manage rules of `departmentCode`. */
export function assertMayManageRulesOf(
  actor: Identity,
  departmentCode: string,
  field: string,
): void {
  if (mayManageRulesOf(actor, departmentCode)) {
    return;
  }
  const yours = actor.departments.length > 0 ? actor.departments.join(', ') : 'none';
  const reason = `names department ${departmentCode}, which you do not supervise (yours: ${yours})`;
  throw new RoutingRuleException(RoutingRuleErrorCode.OutsideDepartments, `${field} ${reason}`, [
    { field, reason },
  ]);
}
