import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Express } from 'express';
import { HEADER_CORRELATION_ID } from '@civitas/contracts';
import { shedCounter, traceHttpRequests, type JsonLogger } from '@civitas/observability';
import type { Registry } from 'prom-client';
import { JwtVerifier } from '../auth/jwt-verifier.js';
import type { GatewayConfig } from '../config/gateway.config.js';
import {
  authenticationMiddleware,
  bodySizeMiddleware,
  correlationIdMiddleware,
} from './edge.middleware.js';
import {
  open311PathDecodable,
  open311RawBody,
} from '../open311/http/open311-raw-body.middleware.js';
import { admissionLimit } from './admission-limit.js';
import { graphqlBodyRefused } from './graphql-error-body.js';
import { devSignInHandler } from './dev-sign-in.js';
import { sessionHandler } from './session.js';
import { createRateLimiters } from './rate-limits.js';
import { securityHeaders } from './security-headers.js';
import { SubgraphReplicas } from '../graph/subgraph-replicas.js';
import { STREAMED_ROUTES, streamFromSubgraph } from './streamed-downloads.js';
import { variablesLimitMiddleware } from './variables-limit.middleware.js';
import { webAppHandler } from './web-app.js';

export function createJwtVerifier(config: GatewayConfig): JwtVerifier {
  return new JwtVerifier({
    jwksUrl: config.AUTH_JWKS_URL,
    devSigningKey: config.AUTH_DEV_SIGNING_KEY,
    issuer: config.AUTH_ISSUER,
    audience: config.AUTH_AUDIENCE,
    maxLifetimeSeconds: config.AUTH_MAX_TOKEN_LIFETIME_SECONDS,
  });
}

/**
 * Browsers on CORS_ORIGINS may call the APIs; any other origin gets no CORS headers (its browser
 * then refuses to hand the answer over). Never with credentials: tokens are bearer headers.
 */
function configureCors(express: NestExpressApplication, config: GatewayConfig): void {
  const allowed = new Set(config.corsOrigins);
  if (allowed.size === 0) {
    return;
  }
  express.enableCors({
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    methods: ['GET', 'POST'],
    allowedHeaders: [
      'authorization',
      'content-type',
      HEADER_CORRELATION_ID,
      'apollo-require-preflight',
      'x-apollo-operation-name',
      'if-none-match',
      'if-modified-since',
    ],
    exposedHeaders: [
      'Retry-After',
      'RateLimit',
      'RateLimit-Policy',
      HEADER_CORRELATION_ID,
      'ETag',
      'Last-Modified',
      'Content-Disposition',
    ],
    credentials: false,
    maxAge: 600,
  });
}

/**
 * Express middleware ahead of everything Nest mounts: correlation ids and security headers
 * everywhere, with tracing on a span for each API request (docs/adr/0079), CORS for the allowed origins; on the APIs (/graphql, /open311) first the admission
 * limit of docs/adr/0075 (503 at once past MAX_IN_FLIGHT, counted in the registry), then the rate limits of
 * docs/adr/0044; on /graphql the body limit, bearer-token authentication and the variables'
 * limits (docs/adr/0050); on the streamed downloads (docs/adr/0057) the same authentication and
 * rate limits as /graphql, then the stream from their subgraph; outside production with the
 * development key, the development sign-in; and the built web app at `/` (docs/adr/0072). Must run before `app.init()` / `listen()` so it precedes the GraphQL
 * handler.
 */
export function configureEdge(
  app: INestApplication,
  config: GatewayConfig,
  logger: JsonLogger,
  registry: Registry,
): void {
  const express = app as NestExpressApplication;
  if (config.TRUST_PROXY_HOPS > 0) {
    express.set('trust proxy', config.TRUST_PROXY_HOPS);
  }
  const downloads = STREAMED_ROUTES.map((route) => route.prefix);
  express.use(correlationIdMiddleware());
  // A trace starts here, whatever `traceparent` a client sends (docs/adr/0079).
  express.use(['/graphql', '/open311', ...downloads], traceHttpRequests('none'));
  express.use(securityHeaders(config));
  configureCors(express, config);
  express.use(
    ['/graphql', '/open311'],
    admissionLimit(config.MAX_IN_FLIGHT, shedCounter(registry, 'civitas_gateway')),
  );
  const limits = createRateLimiters(config, logger);
  const authenticate = authenticationMiddleware(createJwtVerifier(config), logger);
  express.use(['/graphql', '/open311', ...downloads], limits.authFailures);
  express.use('/graphql', bodySizeMiddleware(config.MAX_BODY_BYTES));
  express.use(['/graphql', ...downloads], authenticate);
  express.use(['/graphql', ...downloads], limits.requests);
  const server = express.getHttpAdapter().getInstance() as Express;
  for (const route of STREAMED_ROUTES) {
    server.get(
      `${route.prefix}/*rest`,
      streamFromSubgraph(route, {
        subgraph: new SubgraphReplicas(config.subgraphUrls[route.subgraph]),
        gatewaySecret: config.GATEWAY_SECRET,
        firstByteMs: config.DOWNLOAD_FIRST_BYTE_MS,
        maxMs: config.DOWNLOAD_MAX_SECONDS * 1000,
        logger,
      }),
    );
  }
  // Open311 reads its form bodies itself (strict decoding, its own error format).
  express.use('/open311', open311PathDecodable());
  express.use('/open311', open311RawBody(config.MAX_BODY_BYTES));
  express.use('/open311', limits.requests);
  express.useBodyParser('json', { limit: config.MAX_BODY_BYTES });
  express.use('/graphql', graphqlBodyRefused);
  express.use(
    '/graphql',
    variablesLimitMiddleware({
      maxListItems: config.MAX_VARIABLE_LIST_ITEMS,
      maxDepth: config.MAX_VARIABLE_DEPTH,
      maxStringLength: config.MAX_VARIABLE_STRING_LENGTH,
      maxValues: config.MAX_VARIABLE_VALUES,
    }),
  );
  express.use('/graphql', limits.strictOperations);
  const devSignIn = devSignInHandler(config);
  if (devSignIn) {
    server.post('/auth/dev-token', limits.authFailures, limits.requests, (req, res, next) => {
      devSignIn(req, res).catch(next);
    });
  }
  // Who a bearer token names, as verified here: the web app shows it after signing in.
  server.get('/auth/session', limits.authFailures, authenticate, limits.requests, sessionHandler());
  const webApp = webAppHandler(config.WEB_APP_DIR, {
    mapTileUrl: config.WEB_MAP_TILE_URL,
    signIn: config.webSignIn,
  });
  if (webApp) {
    express.use(webApp);
  }
}
