/** Roles a caller may hold (architecture.md, "Security"). */
export enum Role {
  Resident = 'resident',
  Agent = 'agent',
  Caseworker = 'caseworker',
  Supervisor = 'supervisor',
  Analyst = 'analyst',
  Admin = 'admin',
  Integration = 'integration',
  /**
   * Held only by the platform's own components when they ask a subgraph something on their own
   * behalf (the gateway verifying an Open311 api key). Never granted by a token: the gateway
   * refuses tokens that claim it (docs/adr/0010).
   */
  Internal = 'internal',
}

/** Roles no token may carry; only the gateway sets them, for its own calls. */
export const INTERNAL_ROLES: readonly Role[] = [Role.Internal];

export const ALL_ROLES: readonly Role[] = Object.values(Role);

/** Roles a token may grant (everything but the internal ones). */
export const TOKEN_ROLES: readonly Role[] = ALL_ROLES.filter((r) => !INTERNAL_ROLES.includes(r));

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
