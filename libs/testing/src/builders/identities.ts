import { Role, type Identity } from '@civitas/contracts';

/*
 * Who a spec calls as: the identity the gateway names to a subgraph after verifying a token
 * (`gatewayHeaders`). One line per person in a spec, instead of an object literal in each.
 */

/** A member of staff with one role, scoped to `departments` (caseworkers and supervisors). */
export function aStaffMember(role: Role, sub: string, ...departments: string[]): Identity {
  if (role === Role.Resident) {
    throw new Error('aStaffMember: a resident is aResident(sub)');
  }
  return { sub, roles: [role], departments };
}

/** A signed-in resident (the sub their login gave them). */
export function aResident(sub: string): Identity {
  return { sub, roles: [Role.Resident], departments: [] };
}
