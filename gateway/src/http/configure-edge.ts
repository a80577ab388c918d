import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { JsonLogger } from '@civitas/observability';
import { JwtVerifier } from '../auth/jwt-verifier.js';
import type { GatewayConfig } from '../config/gateway.config.js';
import {
  authenticationMiddleware,
  bodySizeMiddleware,
  correlationIdMiddleware,
} from './edge.middleware.js';
import { open311RawBody } from '../open311/http/open311-raw-body.middleware.js';

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
 * Express middleware ahead of everything Nest mounts: correlation ids everywhere; on /graphql the
 * body limit and bearer-token authentication. Must run before `app.init()` / `listen()` so it
 * precedes the GraphQL handler.
 */
export function configureEdge(
  app: INestApplication,
  config: GatewayConfig,
  logger: JsonLogger,
): void {
  const express = app as NestExpressApplication;
  express.use(correlationIdMiddleware());
  express.use('/graphql', bodySizeMiddleware(config.MAX_BODY_BYTES));
  express.use('/graphql', authenticationMiddleware(createJwtVerifier(config), logger));
  // Open311 reads its form bodies itself (strict decoding, its own error format).
  express.use('/open311', open311RawBody(config.MAX_BODY_BYTES));
  express.useBodyParser('json', { limit: config.MAX_BODY_BYTES });
}
