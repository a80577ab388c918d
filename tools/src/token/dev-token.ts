import { SignJWT } from 'jose';
import { DEV_TOKEN_AUDIENCE, DEV_TOKEN_ISSUER } from '@civitas/contracts';
import { lifetimeSeconds, type TokenRequest } from './token-args.js';

export { DEV_TOKEN_AUDIENCE, DEV_TOKEN_ISSUER };

/** Where the gateway's AUTH_ISSUER / AUTH_AUDIENCE differ from the development defaults. */
export interface DevTokenAddressing {
  issuer?: string;
  audience?: string;
}

/**
 * A development JWT the gateway accepts with AUTH_DEV_SIGNING_KEY: HS256, the claims it reads,
 * the issuer and audience it checks, and `iat`/`exp` (it refuses tokens without them).
 */
export function signDevToken(
  request: TokenRequest,
  signingKey: string,
  addressing: DevTokenAddressing = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    roles: request.roles,
    departments: request.departments,
    ...(request.clientId ? { client_id: request.clientId } : {}),
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(request.sub)
    .setIssuer(addressing.issuer || DEV_TOKEN_ISSUER)
    .setAudience(addressing.audience || DEV_TOKEN_AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(now + lifetimeSeconds(request.expiresIn))
    .sign(new TextEncoder().encode(signingKey));
}

/** Why no dev token may be minted here, or null when one may. */
export function devTokenRefusal(
  env: NodeJS.ProcessEnv,
  storedKey: string | undefined,
): string | null {
  if (env.NODE_ENV === 'production') {
    return 'Refusing to mint a development token with NODE_ENV=production; production tokens come from the identity provider.';
  }
  if (env.AUTH_JWKS_URL) {
    return 'AUTH_JWKS_URL is set, so the gateway verifies tokens from the identity provider, not development tokens. Unset it, or get a token from the identity provider.';
  }
  if (!env.AUTH_DEV_SIGNING_KEY && !storedKey) {
    return 'No development signing key: run `npm start` once (it writes .data/dev-secrets.json), or set AUTH_DEV_SIGNING_KEY.';
  }
  return null;
}
