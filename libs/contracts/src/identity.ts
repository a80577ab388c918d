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

/**
 * Development tokens (`npm run token`, HS256 with AUTH_DEV_SIGNING_KEY) name this issuer and
 * audience, and the gateway checks both, so a token minted for some other system with a leaked or
 * shared key is still refused.
 */
export const DEV_TOKEN_ISSUER = 'civitas-dev';
export const DEV_TOKEN_AUDIENCE = 'civitas-gateway';

/** Longest token lifetime (`exp - iat`) the gateway accepts unless AUTH_MAX_TOKEN_LIFETIME_SECONDS says otherwise. */
export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 24 * 3600;
