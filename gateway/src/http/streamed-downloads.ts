import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { Response } from 'express';
import { encodeIdentity } from '@civitas/auth';
import {
  ANONYMOUS,
  HEADER_CORRELATION_ID,
  HEADER_GATEWAY_SECRET,
  HEADER_IDENTITY,
  SUBGRAPH_REST_PREFIX,
} from '@civitas/contracts';
import { injectTraceHeaders, type JsonLogger } from '@civitas/observability';
import type { EdgeRequest } from './edge.middleware.js';
import type { SubgraphReplicas } from '../graph/subgraph-replicas.js';
import { sendGraphqlError } from './graphql-error-body.js';

/**
 * A public GET path answered by streaming a subgraph's REST answer (docs/adr/0057): the gateway
 * maps `<prefix>/<rest>?<query>` to `<subgraph>/rest<prefix>/<rest>?<query>`.
 */
export interface StreamedRoute {
  /** Public path prefix on the gateway, e.g. `/open-data`. */
  prefix: string;
  /** The subgraph answering it, as named in the gateway's subgraph URLs (`analytics`). */
  subgraph: string;
}

/** Every streamed route the gateway serves; a new download is one line here. */
export const STREAMED_ROUTES: readonly StreamedRoute[] = [
  { prefix: '/open-data', subgraph: 'analytics' },
  { prefix: '/analytics/export', subgraph: 'analytics' },
];

/** What the client may tell the subgraph: the format wanted and what it already holds. */
const FORWARDED_REQUEST_HEADERS = ['accept', 'if-none-match', 'if-modified-since'];

/** What the subgraph may tell the client about the body; nothing else crosses. */
const FORWARDED_RESPONSE_HEADERS = [
  'content-type',
  'content-disposition',
  'content-length',
  'etag',
  'last-modified',
  'cache-control',
  'vary',
];

export interface StreamOptions {
  /** The subgraph's replicas (`ANALYTICS_URL`), taken in turn; their REST answers live beside GraphQL. */
  subgraph: SubgraphReplicas;
  gatewaySecret: string;
  /** Longest wait for the subgraph's status and headers. */
  firstByteMs: number;
  /** Longest a whole download may take; past it the transfer is cut. */
  maxMs: number;
  logger: JsonLogger;
}

/** The subgraph URL for a public request, or null when the path would leave the route's prefix. */
export function subgraphTarget(
  route: StreamedRoute,
  subgraphUrl: string,
  originalUrl: string,
): URL | null {
  const base = subgraphUrl.replace(/\/graphql\/?$/, '');
  // Dot segments (also percent-encoded) could walk from /rest/<prefix> to another endpoint.
  const path = originalUrl.split('?')[0];
  if (/(^|\/)(\.|%2e){1,2}(\/|$)/i.test(path) || path.includes('\\')) {
    return null;
  }
  const target = new URL(`${base}${SUBGRAPH_REST_PREFIX}${originalUrl}`);
  const allowed = new URL(`${base}${SUBGRAPH_REST_PREFIX}${route.prefix}/`).pathname;
  return target.pathname.startsWith(allowed) ? target : null;
}

class DownloadTimeout extends Error {}

/**
 * Answers a GET by streaming the subgraph's answer through, chunk by chunk (the body is never
 * held whole). The subgraph gets the same secret, identity and correlation id as a GraphQL call
 * (docs/adr/0004); the client's own headers are not forwarded, except those naming the format and
 * the cached copy. Refusals before the body starts are the gateway's JSON error shape; a failure
 * after it started can only cut the transfer (the client sees an incomplete chunked body).
 */
export function streamFromSubgraph(route: StreamedRoute, options: StreamOptions) {
  const log = options.logger.child({ component: 'streamed-download', route: route.prefix });
  return async (req: EdgeRequest, res: Response): Promise<void> => {
    const target = subgraphTarget(route, options.subgraph.next(), req.originalUrl);
    if (!target) {
      sendGraphqlError(res, 404, 'NOT_FOUND', 'No such download');
      return;
    }
    const abort = new AbortController();
    const firstByte = setTimeout(() => abort.abort(new DownloadTimeout()), options.firstByteMs);
    const whole = setTimeout(() => abort.abort(new DownloadTimeout()), options.maxMs);
    // A client that goes away stops the subgraph's work too.
    res.on('close', () => {
      if (!res.writableFinished) {
        abort.abort(new Error('client closed the connection'));
      }
    });
    const headers: Record<string, string> = {
      [HEADER_GATEWAY_SECRET]: options.gatewaySecret,
      [HEADER_IDENTITY]: encodeIdentity(req.identity ?? ANONYMOUS),
    };
    if (req.correlationId) {
      headers[HEADER_CORRELATION_ID] = req.correlationId;
    }
    injectTraceHeaders((name, value) => (headers[name] = value));
    for (const name of FORWARDED_REQUEST_HEADERS) {
      const value = req.header(name);
      if (value !== undefined) {
        headers[name] = value;
      }
    }
    try {
      let upstream: globalThis.Response;
      try {
        upstream = await fetch(target, {
          method: req.method === 'HEAD' ? 'HEAD' : 'GET',
          headers,
          signal: abort.signal,
        });
      } catch (error) {
        if (res.headersSent || res.destroyed) {
          return;
        }
        if (abort.signal.reason instanceof DownloadTimeout) {
          sendGraphqlError(
            res,
            504,
            'GATEWAY_TIMEOUT',
            `The ${route.subgraph} service did not answer in time`,
          );
        } else {
          log.warn({
            msg: 'subgraph unreachable',
            correlationId: req.correlationId,
            error: String(error),
          });
          sendGraphqlError(
            res,
            503,
            'SERVICE_UNAVAILABLE',
            `The ${route.subgraph} service is not answering; try again shortly`,
          );
        }
        return;
      } finally {
        clearTimeout(firstByte);
      }
      const passedOn = upstream.status < 500 || upstream.status === 503;
      if (!passedOn) {
        await upstream.body?.cancel();
        log.error({
          msg: 'subgraph download failed',
          correlationId: req.correlationId,
          status: upstream.status,
        });
        res.status(502).json({
          errors: [
            {
              message: 'Internal error',
              extensions: { code: 'INTERNAL_SERVER_ERROR', correlationId: req.correlationId },
            },
          ],
        });
        return;
      }
      res.status(upstream.status);
      for (const name of FORWARDED_RESPONSE_HEADERS) {
        const value = upstream.headers.get(name);
        if (value !== null) {
          res.setHeader(name, value);
        }
      }
      if (!upstream.body) {
        res.end();
        return;
      }
      await pipeline(Readable.fromWeb(upstream.body as WebReadableStream<Uint8Array>), res);
    } catch (error) {
      if (!res.writableFinished) {
        log.warn({
          msg: 'download cut',
          correlationId: req.correlationId,
          reason: abort.signal.reason instanceof DownloadTimeout ? 'time limit' : String(error),
        });
        res.destroy();
      }
    } finally {
      clearTimeout(firstByte);
      clearTimeout(whole);
    }
  };
}
