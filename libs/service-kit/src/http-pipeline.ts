import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { decodeIdentity, secretMatches, type IdentityCarrier } from '@civitas/auth';
import {
  ANONYMOUS,
  HEADER_CORRELATION_ID,
  HEADER_GATEWAY_SECRET,
  HEADER_IDENTITY,
} from '@civitas/contracts';
import { runWithContext } from '@civitas/observability';

/**
 * Express middleware in front of a subgraph: a correlation id for every request, and on /graphql
 * the gateway's secret, without which the call is refused and no identity is believed.
 */
export function configureSubgraphHttp(app: INestApplication, gatewaySecret: string): void {
  app.use('/graphql', (req: Request & IdentityCarrier, res: Response, next: NextFunction) => {
    if (!secretMatches(req.header(HEADER_GATEWAY_SECRET), gatewaySecret)) {
      res.status(401).json({
        errors: [
          { message: 'Subgraphs answer only the gateway', extensions: { code: 'UNAUTHENTICATED' } },
        ],
      });
      return;
    }
    req.identity = decodeIdentity(req.header(HEADER_IDENTITY));
    const correlationId = req.header(HEADER_CORRELATION_ID) || randomUUID();
    res.setHeader(HEADER_CORRELATION_ID, correlationId);
    runWithContext({ correlationId, identity: req.identity ?? ANONYMOUS }, next);
  });
}
