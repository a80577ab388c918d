import { Role } from './roles.js';

/**
 * Who is calling, as verified by the gateway. Anonymous residents have no subject and no roles.
 */
export interface Identity {
  sub: string | null;
  roles: Role[];
  /** Department codes a caseworker or supervisor is scoped to. */
  departments: string[];
  /** Set for `integration` callers: the API client's id. */
  clientId?: string;
}

export const ANONYMOUS: Identity = Object.freeze({
  sub: null,
  roles: [],
  departments: [],
}) as Identity;

export function hasAnyRole(identity: Identity, roles: readonly Role[]): boolean {
  return identity.roles.some((r) => roles.includes(r));
}
