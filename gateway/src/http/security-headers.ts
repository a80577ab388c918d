import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import type { GatewayConfig } from '../config/gateway.config.js';
import { isApiPath } from './web-app.js';

const ONE_YEAR_SECONDS = 365 * 24 * 3600;

/**
 * Security headers on every answer (docs/adr/0044). The APIs serve data, never pages, so their
 * content security policy allows nothing to load or frame them. The web app's pages (every path
 * outside the APIs, docs/adr/0072) may load their own scripts, styles and images and call this
 * origin only (and show map tiles from WEB_MAP_TILE_URL's origin, and read the identity provider's
 * discovery document and token endpoint at AUTH_ISSUER's origin when the app signs in with OpenID
 * Connect, docs/adr/0091). GraphiQL outside production gets the same headers without the policy
 * (it loads its own scripts).
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
  const forWebApp = helmet({
    ...common,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        // Map tiles from the configured tile server (docs/adr/0082), if any.
        imgSrc: ["'self'", 'data:', ...(config.mapTileOrigin ? [config.mapTileOrigin] : [])],
        fontSrc: ["'self'"],
        // The OpenID Connect sign-in (docs/adr/0091) fetches discovery and the token endpoint.
        connectSrc: [
          "'self'",
          ...(config.webSignIn ? [new URL(config.webSignIn.issuer).origin] : []),
        ],
        manifestSrc: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
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
    (graphiql ? forGraphiql : isApiPath(req.path) ? strict : forWebApp)(req, res, next);
  };
}
