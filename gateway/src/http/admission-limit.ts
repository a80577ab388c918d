import type { Request, RequestHandler, Response } from 'express';
import type { Counter } from 'prom-client';
import { Open311Error } from '../open311/errors/open311.error.js';
import { formatOfPath, sendError } from '../open311/http/open311-responder.js';
import { sendGraphqlError } from './graphql-error-body.js';

/** The `extensions.code` of a GraphQL answer refused because the gateway is at its limit. */
export const OVERLOADED = 'OVERLOADED';

/** What a refused client is told to wait before it tries again, in seconds. */
export const OVERLOADED_RETRY_AFTER_SECONDS = 1;

const MESSAGE = `The service is busy; try again in ${OVERLOADED_RETRY_AFTER_SECONDS} second`;

function refuse(req: Request, res: Response): void {
  res.setHeader('Retry-After', String(OVERLOADED_RETRY_AFTER_SECONDS));
  if (req.originalUrl.startsWith('/open311')) {
    sendError(res, formatOfPath(req.originalUrl), new Open311Error(503, [MESSAGE]));
    return;
  }
  sendGraphqlError(res, 503, OVERLOADED, MESSAGE);
}

/**
 * At most `maxInFlight` requests on the paths it is mounted on are being answered at once
 * (docs/adr/0075); one more is refused at once with 503 and `Retry-After`, in its API's format,
 * before anything reads its body or acts on it, so a refused request did nothing and the client
 * may simply send it again. A slot is given back when the answer is sent or the client goes away.
 * One counter for every path it is mounted on: they share the same CPU.
 */
export function admissionLimit(maxInFlight: number, shed: Counter<'path'>): RequestHandler {
  let inFlight = 0;
  return (req, res, next) => {
    if (inFlight >= maxInFlight) {
      shed.inc({ path: req.baseUrl });
      refuse(req, res);
      return;
    }
    inFlight++;
    let released = false;
    const release = () => {
      if (!released) {
        released = true;
        inFlight--;
      }
    };
    res.once('finish', release);
    res.once('close', release);
    next();
  };
}
