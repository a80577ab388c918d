import type { Request, Response } from 'express';
import { signDevelopmentToken } from '@civitas/auth';
import { Role, TOKEN_ROLES } from '@civitas/contracts';
import type { GatewayConfig } from '../config/gateway.config.js';

/** How long a token minted by the development sign-in page lives (capped by the gateway's limit). */
const SIGN_IN_LIFETIME_SECONDS = 8 * 3600;
const DEPARTMENT_CODE = /^[a-z0-9][a-z0-9_-]{0,63}$/;
/** As identity providers write them: `auth0|5f7c…`, `google-oauth2|1234`, `login|ana`, a UUID. */
const SUBJECT = /^[A-Za-z0-9._@|:-]{1,100}$/;

interface Refusal {
  field: string;
  reason: string;
}

function refuse(res: Response, problem: Refusal): void {
  res.status(400).json({
    error: { code: 'BAD_USER_INPUT', message: `${problem.field} ${problem.reason}`, ...problem },
  });
}

/**
 * `POST /auth/dev-token` with `{ role, departments?, sub? }`: a development token signed with
 * AUTH_DEV_SIGNING_KEY, so the web app's development sign-in page never holds the key
 * (docs/adr/0072). Mounted only when the gateway has that key, which its configuration refuses
 * in production; anywhere else the path is a 404.
 */
export function devSignInHandler(config: GatewayConfig) {
  const signingKey = config.AUTH_DEV_SIGNING_KEY;
  if (!signingKey || config.production || config.AUTH_JWKS_URL) {
    return null;
  }
  const lifetimeSeconds = Math.min(
    SIGN_IN_LIFETIME_SECONDS,
    config.AUTH_MAX_TOKEN_LIFETIME_SECONDS,
  );
  return async (req: Request, res: Response): Promise<void> => {
    if (!req.is('application/json')) {
      res.status(415).json({
        error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'send the body as application/json' },
      });
      return;
    }
    const body = (req.body ?? {}) as { role?: unknown; departments?: unknown; sub?: unknown };
    const role = body.role;
    if (typeof role !== 'string' || !(TOKEN_ROLES as readonly string[]).includes(role)) {
      refuse(res, { field: 'role', reason: `must be one of ${TOKEN_ROLES.join(', ')}` });
      return;
    }
    const departments = body.departments ?? [];
    if (
      !Array.isArray(departments) ||
      departments.length > 20 ||
      !departments.every((code) => typeof code === 'string' && DEPARTMENT_CODE.test(code))
    ) {
      refuse(res, {
        field: 'departments',
        reason: 'must be up to 20 department codes (lower-case letters, digits, - and _)',
      });
      return;
    }
    const sub = body.sub ?? `dev-${role}`;
    if (typeof sub !== 'string' || !SUBJECT.test(sub)) {
      refuse(res, {
        field: 'sub',
        reason: 'must be 1 to 100 letters, digits, dots, @, |, :, dashes or underscores',
      });
      return;
    }
    const token = await signDevelopmentToken(
      { sub, roles: [role as Role], departments: departments as string[] },
      signingKey,
      { lifetimeSeconds, issuer: config.AUTH_ISSUER, audience: config.AUTH_AUDIENCE },
    );
    res.setHeader('Cache-Control', 'no-store');
    res.json({
      token,
      sub,
      role,
      departments,
      expiresAt: new Date(Date.now() + lifetimeSeconds * 1000).toISOString(),
    });
  };
}
