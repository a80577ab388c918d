import { randomUUID } from 'node:crypto';
import { Logger, type INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { decodeIdentity, secretMatches, type IdentityCarrier } from '@civitas/auth';
import {
  ANONYMOUS,
  HEADER_CORRELATION_ID,
  HEADER_GATEWAY_SECRET,
  HEADER_IDENTITY,
  SUBGRAPH_MAX_BODY_BYTES,
  SUBGRAPH_REST_PREFIX,
} from '@civitas/contracts';
import { runWithContext, traceHttpRequests } from '@civitas/observability';

/**
 * Express middleware in front of a subgraph: a correlation id for every request, and on /graphql
 * and on the streamed REST answers under SUBGRAPH_REST_PREFIX (docs/adr/0057) the gateway's
 * secret, without which the call is refused and no identity is believed; with tracing on, a span
 * continuing the gateway's trace (docs/adr/0079). Then the
 * JSON parser, taking bodies up to SUBGRAPH_MAX_BODY_BYTES (the gateway splits larger entity
 * fetches: docs/adr/0041); a body it refuses is answered in GraphQL's shape, never with a stack.
 */
export function configureSubgraphHttp(app: INestApplication, gatewaySecret: string): void {
  const logger = new Logger('SubgraphHttp');
  // The gateway's fetch span is the parent (its `traceparent`); checked callers only.
  const traced = traceHttpRequests('header');
  app.use(
    ['/graphql', SUBGRAPH_REST_PREFIX],
    (req: Request & IdentityCarrier, res: Response, next: NextFunction) => {
      if (!secretMatches(req.header(HEADER_GATEWAY_SECRET), gatewaySecret)) {
        res.status(401).json({
          errors: [
            {
              message: 'Subgraphs answer only the gateway',
              extensions: { code: 'UNAUTHENTICATED' },
            },
          ],
        });
        return;
      }
      req.identity = decodeIdentity(req.header(HEADER_IDENTITY));
      const correlationId = req.header(HEADER_CORRELATION_ID) || randomUUID();
      res.setHeader(HEADER_CORRELATION_ID, correlationId);
      // Which replica answered, when it matters (LOG_LEVEL=debug): the gateway asks them in turn.
      logger.debug({ msg: 'gateway request', path: req.path, correlationId });
      runWithContext({ correlationId, identity: req.identity ?? ANONYMOUS }, () =>
        traced(req, res, next),
      );
    },
  );
  (app as NestExpressApplication).useBodyParser('json', { limit: SUBGRAPH_MAX_BODY_BYTES });
  app.use(bodyRefused);
}

/** What the JSON parser throws: http-errors with a status and a type such as `entity.too.large`. */
interface ParserError {
  status?: number;
  type?: string;
}

/**
 * Express's own error page would carry the parser's stack trace (outside production): a body the
 * parser refuses gets one GraphQL error instead, with the status the parser chose.
 */
function bodyRefused(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  const { status, type } = (error ?? {}) as ParserError;
  if (typeof status !== 'number' || status < 400 || status >= 500 || res.headersSent) {
    next(error);
    return;
  }
  const tooLarge = type === 'entity.too.large';
  res.status(status).json({
    errors: [
      {
        message: tooLarge
          ? `Request body is larger than ${SUBGRAPH_MAX_BODY_BYTES} bytes`
          : 'Request body could not be read as JSON',
        extensions: { code: tooLarge ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST' },
      },
    ],
  });
}
