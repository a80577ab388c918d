/** Roles a caller may hold (architecture.md, "Security"). */
export enum Role {
  Resident = 'resident',
  Agent = 'agent',
  Caseworker = 'caseworker',
  Supervisor = 'supervisor',
  Analyst = 'analyst',
  Admin = 'admin',
  Integration = 'integration',
}

export const ALL_ROLES: readonly Role[] = Object.values(Role);

/** Staff roles that may see a resident's personal data when serving them. */
export const PII_READER_ROLES: readonly Role[] = [
  Role.Agent,
  Role.Caseworker,
  Role.Supervisor,
  Role.Admin,
];

export type ServiceName = 'intake' | 'cases' | 'citizens' | 'routing' | 'analytics' | 'gateway';

export const SERVICE_NAMES: readonly ServiceName[] = [
  'intake',
  'cases',
  'citizens',
  'routing',
  'analytics',
  'gateway',
];

export function isRole(value: string): value is Role {
  return (ALL_ROLES as readonly string[]).includes(value);
}
