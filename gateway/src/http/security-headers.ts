import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import type { GatewayConfig } from '../config/gateway.config.js';

const ONE_YEAR_SECONDS = 365 * 24 * 3600;

/**
 * Security headers on every answer (docs/adr/0044). The gateway serves data, never pages, so the
 * content security policy allows nothing to load or frame it. The one page it has, GraphiQL
 * outside production, gets the same headers without the policy (it loads its own scripts).
 * HSTS only when clients reach the gateway over HTTPS (PUBLIC_URL): over plain HTTP a browser
 * ignores it, and on a development machine it would pin localhost to HTTPS.
 */
export function securityHeaders(config: GatewayConfig) {
  const common = {
    frameguard: { action: 'deny' as const },
    referrerPolicy: { policy: 'no-referrer' as const },
    strictTransportSecurity: config.servedOverHttps
      ? { maxAge: ONE_YEAR_SECONDS, includeSubDomains: true }
      : false,
    crossOriginResourcePolicy: { policy: 'same-site' as const },
  };
  const strict = helmet({
    ...common,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'none'"],
      },
    },
  });
  const forGraphiql = helmet({ ...common, contentSecurityPolicy: false });
  const graphiqlServed = !config.production;
  return (req: Request, res: Response, next: NextFunction): void => {
    const graphiql =
      graphiqlServed &&
      req.method === 'GET' &&
      req.path === '/graphql' &&
      (req.header('accept') ?? '').includes('text/html');
    (graphiql ? forGraphiql : strict)(req, res, next);
  };
}
