import { SignJWT } from 'jose';
import { DEV_TOKEN_AUDIENCE, DEV_TOKEN_ISSUER, type Role } from '@civitas/contracts';

/** The claims of a development token: who, with which roles, for which departments. */
export interface DevTokenClaims {
  sub: string;
  roles: Role[];
  departments: string[];
  clientId?: string;
}

/** How a development token is addressed and how long it lives. */
export interface DevTokenSigning {
  /** Seconds from now until `exp`. */
  lifetimeSeconds: number;
  /** Where the gateway's AUTH_ISSUER / AUTH_AUDIENCE differ from the development defaults. */
  issuer?: string;
  audience?: string;
}

/**
 * A development JWT the gateway accepts with AUTH_DEV_SIGNING_KEY: HS256, the claims it reads,
 * the issuer and audience it checks, and `iat`/`exp` (it refuses tokens without them). The one
 * signer of development tokens: `npm run token` and the gateway's development sign-in
 * (`POST /auth/dev-token`, docs/adr/0072) both call it.
 */
export function signDevelopmentToken(
  claims: DevTokenClaims,
  signingKey: string,
  signing: DevTokenSigning,
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    roles: claims.roles,
    departments: claims.departments,
    ...(claims.clientId ? { client_id: claims.clientId } : {}),
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuer(signing.issuer || DEV_TOKEN_ISSUER)
    .setAudience(signing.audience || DEV_TOKEN_AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(now + signing.lifetimeSeconds)
    .sign(new TextEncoder().encode(signingKey));
}
