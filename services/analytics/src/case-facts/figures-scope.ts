import { Role, hasAnyRole, type Identity } from '@civitas/contracts';

/** Roles that see the figures of every department. */
const SEE_EVERYTHING: readonly Role[] = [Role.Analyst, Role.Admin];

/**
 * The departments whose figures a caller sees: null for every department (analysts, admins), else
 * their own (a supervisor's departments; none for anyone else).
 */
export function departmentsVisibleTo(actor: Identity): string[] | null {
  return hasAnyRole(actor, SEE_EVERYTHING) ? null : [...actor.departments];
}
