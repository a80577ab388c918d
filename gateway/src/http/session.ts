import type { Response } from 'express';
import { decodeJwt } from 'jose';
import type { EdgeRequest } from './edge.middleware.js';
import { sendGraphqlError } from './graphql-error-body.js';

/** What `GET /auth/session` answers: the caller as the gateway verified them. */
export interface SessionBody {
  sub: string;
  roles: string[];
  departments: string[];
  expiresAt: string;
}

/**
 * `GET /auth/session` with `Authorization: Bearer <token>`: who the token names, after the edge's
 * authentication verified it (docs/adr/0091). The web app shows this after an OpenID Connect
 * sign-in instead of reading the token itself, which it cannot verify: a token this gateway refuses
 * (another audience, a role it does not know) fails the sign-in with the gateway's reason, rather
 * than every page after it. No token: 401, never an anonymous session.
 */
export function sessionHandler() {
  return (req: EdgeRequest, res: Response): void => {
    res.setHeader('Cache-Control', 'no-store');
    const identity = req.identity;
    // Only a bearer token is a session (an API key names a client, not a person signed in).
    const token = /^Bearer\s+(\S+)/i.exec(req.header('authorization') ?? '')?.[1];
    if (!identity?.sub || !token) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      sendGraphqlError(
        res,
        401,
        'UNAUTHENTICATED',
        'Send the token as "Authorization: Bearer <token>"',
      );
      return;
    }
    // Verified by the edge a moment ago; read again only for its expiry.
    const body: SessionBody = {
      sub: identity.sub,
      roles: identity.roles,
      departments: identity.departments,
      expiresAt: new Date((decodeJwt(token).exp as number) * 1000).toISOString(),
    };
    res.json(body);
  };
}
