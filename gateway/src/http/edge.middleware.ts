import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { ANONYMOUS, HEADER_CORRELATION_ID, type Identity } from '@civitas/contracts';
import type { JsonLogger } from '@civitas/observability';
import { AuthenticationError } from '../auth/authentication.error.js';
import type { JwtVerifier } from '../auth/jwt-verifier.js';
import { sendGraphqlError } from './graphql-error-body.js';

/** What the edge learns about a request before GraphQL sees it. */
export interface EdgeRequest extends Request {
  identity?: Identity;
  correlationId?: string;
}

const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Every request gets a correlation id (the caller's when it is sane), echoed in the response. */
export function correlationIdMiddleware() {
  return (req: EdgeRequest, res: Response, next: NextFunction): void => {
    const given = req.header(HEADER_CORRELATION_ID);
    req.correlationId = given && CORRELATION_ID.test(given) ? given : randomUUID();
    res.setHeader(HEADER_CORRELATION_ID, req.correlationId);
    next();
  };
}

/**
 * Refuses bodies over the limit from their declared length, before anything reads them (the
 * JSON parser's own limit catches chunked bodies).
 */
export function bodySizeMiddleware(maxBytes: number) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const length = Number(req.header('content-length') ?? 0);
    if (length > maxBytes) {
      sendGraphqlError(
        res,
        413,
        'PAYLOAD_TOO_LARGE',
        `Request body is larger than ${maxBytes} bytes`,
      );
      return;
    }
    next();
  };
}

/** No token: anonymous. A token that does not verify: 401, never silently anonymous. */
export function authenticationMiddleware(verifier: JwtVerifier, logger: JsonLogger) {
  return (req: EdgeRequest, res: Response, next: NextFunction): void => {
    verifier.identityFromAuthorization(req.header('authorization')).then(
      (identity) => {
        req.identity = identity ?? ANONYMOUS;
        next();
      },
      (error: unknown) => {
        if (error instanceof AuthenticationError) {
          logger.warn({
            msg: 'bearer token refused',
            reason: error.message,
            correlationId: req.correlationId,
          });
          res.setHeader('WWW-Authenticate', 'Bearer error="invalid_token"');
          sendGraphqlError(res, 401, 'UNAUTHENTICATED', error.message);
          return;
        }
        next(error);
      },
    );
  };
}
