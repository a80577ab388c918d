import { AsyncResource } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';
import { Open311Error } from '../errors/open311.error.js';
import { formatOfPath, sendError } from './open311-responder.js';

/** What the raw-body reader leaves on the request. */
export interface RawBodyRequest extends Request {
  rawBody?: Buffer;
}

/**
 * Reads an Open311 request body as bytes, before the gateway's JSON parser can touch it: the form
 * parser decodes it strictly, and a body too large or otherwise unreadable gets an Open311 error,
 * not the JSON parser's own. Marks the body as read so no later parser consumes it again.
 */
export function open311RawBody(maxBytes: number) {
  return (req: RawBodyRequest, res: Response, next: NextFunction): void => {
    const tooLarge = () =>
      sendError(
        res,
        formatOfPath(req.originalUrl),
        Open311Error.badRequest(`The request body is larger than ${maxBytes} bytes`),
      );
    if (Number(req.header('content-length') ?? 0) > maxBytes) {
      tooLarge();
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes && !refused) {
        refused = true;
        tooLarge();
      }
      if (!refused) {
        chunks.push(chunk);
      }
    });
    // Bound to the request's async context: the stream's events come from the socket's, and the
    // handler would lose what the middleware before set there (the request's span, ADR 0079).
    req.on(
      'end',
      AsyncResource.bind(() => {
        if (refused) {
          return;
        }
        req.rawBody = Buffer.concat(chunks);
        (req as Request & { _body?: boolean })._body = true;
        next();
      }),
    );
    req.on('error', () => {
      if (!refused && !res.headersSent) {
        refused = true;
        sendError(
          res,
          formatOfPath(req.originalUrl),
          Open311Error.badRequest('The request body could not be read'),
        );
      }
    });
  };
}

/**
 * A path that is not valid percent-encoding (`services/%ff.json`) gets Open311's error list, not
 * the router's own 400: the router would refuse it later, in Nest's format.
 */
export function open311PathDecodable() {
  return (req: Request, res: Response, next: NextFunction): void => {
    try {
      decodeURIComponent(req.path);
    } catch {
      sendError(
        res,
        formatOfPath(req.originalUrl),
        Open311Error.badRequest('The path is not valid percent-encoding (RFC 3986, UTF-8)'),
      );
      return;
    }
    next();
  };
}
