import { signDevelopmentToken } from '@civitas/auth';
import { DEV_TOKEN_AUDIENCE, DEV_TOKEN_ISSUER } from '@civitas/contracts';
import { lifetimeSeconds, type TokenRequest } from './token-args.js';

export { DEV_TOKEN_AUDIENCE, DEV_TOKEN_ISSUER };

/** Where the gateway's AUTH_ISSUER / AUTH_AUDIENCE differ from the development defaults. */
export interface DevTokenAddressing {
  issuer?: string;
  audience?: string;
}

/**
 * A development JWT for `request` (`npm run token`'s arguments), signed by the one development
 * signer in `@civitas/auth`.
 */
export function signDevToken(
  request: TokenRequest,
  signingKey: string,
  addressing: DevTokenAddressing = {},
): Promise<string> {
  return signDevelopmentToken(
    {
      sub: request.sub,
      roles: request.roles,
      departments: request.departments,
      clientId: request.clientId,
    },
    signingKey,
    { ...addressing, lifetimeSeconds: lifetimeSeconds(request.expiresIn) },
  );
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
