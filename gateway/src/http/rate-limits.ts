import { createHash } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit, type Options } from 'express-rate-limit';
import type { JsonLogger } from '@civitas/observability';
import type { GatewayConfig } from '../config/gateway.config.js';
import { Open311Error } from '../open311/errors/open311.error.js';
import type { RawBodyRequest } from '../open311/http/open311-raw-body.middleware.js';
import { formatOfPath, sendError } from '../open311/http/open311-responder.js';
import type { EdgeRequest } from './edge.middleware.js';
import { sendGraphqlError } from './graphql-error-body.js';
import { namesStrictOperation } from './strict-operations.js';

/** The `extensions.code` of a GraphQL answer refused by a rate limit. */
export const RATE_LIMITED = 'RATE_LIMITED';

/** The address a request came from (after TRUST_PROXY_HOPS), IPv6 by /56 as one client. */
function addressKey(req: Request): string {
  return `ip:${ipKeyGenerator(req.ip ?? req.socket.remoteAddress ?? 'unknown')}`;
}

/** The `api_key` of an Open311 call, from its query string or form body (not yet verified). */
function open311ApiKey(req: RawBodyRequest): string | undefined {
  const fromQuery = req.query?.api_key;
  if (typeof fromQuery === 'string' && fromQuery !== '') {
    return fromQuery;
  }
  const type = req.header('content-type') ?? '';
  if (req.rawBody && type.startsWith('application/x-www-form-urlencoded')) {
    return new URLSearchParams(req.rawBody.toString('latin1')).get('api_key') || undefined;
  }
  return undefined;
}

/**
 * Who a request counts against: the token's subject once verified, else the Open311 API key
 * (hashed: the limiter's memory never holds a key), else the address. An invented API key gets a
 * fresh allowance, but its 403 counts against the address's failure limit.
 */
export function clientKey(req: EdgeRequest & RawBodyRequest): string {
  if (req.identity?.sub) {
    return `sub:${req.identity.sub}`;
  }
  const apiKey = open311ApiKey(req);
  if (apiKey) {
    return `api-key:${createHash('sha256').update(apiKey).digest('base64url').slice(0, 32)}`;
  }
  return addressKey(req);
}

function isOpen311(req: Request): boolean {
  return req.originalUrl.startsWith('/open311');
}

/** Refused credentials: a bearer token that did not verify, an Open311 API key missing or unknown. */
function refusedCredentials(req: Request, res: Response): boolean {
  return res.statusCode === 401 || (isOpen311(req) && res.statusCode === 403);
}

/** 429 with Retry-After (set by the limiter), in the format of the API asked. */
function refuse(req: Request, res: Response, reason: string): void {
  const seconds = Number(res.getHeader('Retry-After') ?? 1);
  const message = `${reason}; try again in ${seconds} second${seconds === 1 ? '' : 's'}`;
  if (isOpen311(req)) {
    sendError(res, formatOfPath(req.originalUrl), new Open311Error(429, [message]));
    return;
  }
  sendGraphqlError(res, 429, RATE_LIMITED, message);
}

/** Addresses remembered before the expired ones are swept out. */
const SWEEP_ABOVE = 10_000;

/**
 * Per address, refused credentials only (docs/adr/0044): once an address has had `limit` refusals
 * within a window that began at its first, every request from it is refused (429) until the
 * window ends. A refusal counts when its answer is sent. Not express-rate-limit's
 * `skipSuccessfulRequests`: that counts every request on arrival and takes an accepted one back
 * only when its answer is sent, so more than `limit` requests in flight at once from one address
 * (a busy Open311 client, an office behind one NAT) were refused as if their credentials had been
 * (docs/adr/0076).
 */
function refusedCredentialsLimit(
  limit: number,
  windowMs: number,
  handler: (req: Request, res: Response) => void,
): RequestHandler {
  const failures = new Map<string, { count: number; resetAt: number }>();
  const count = (key: string) => {
    const now = Date.now();
    const seen = failures.get(key);
    if (seen && seen.resetAt > now) {
      seen.count++;
      return;
    }
    if (failures.size >= SWEEP_ABOVE) {
      for (const [k, v] of failures) {
        if (v.resetAt <= now) {
          failures.delete(k);
        }
      }
    }
    failures.set(key, { count: 1, resetAt: now + windowMs });
  };
  return (req, res, next) => {
    const key = addressKey(req);
    const seen = failures.get(key);
    const now = Date.now();
    if (seen && seen.resetAt > now && seen.count >= limit) {
      res.setHeader('Retry-After', String(Math.ceil((seen.resetAt - now) / 1000)));
      handler(req, res);
      return;
    }
    res.once('finish', () => {
      if (refusedCredentials(req, res)) {
        count(key);
      }
    });
    next();
  };
}

export interface RateLimiters {
  /** Per address, counting only refused credentials; ahead of authentication. */
  authFailures: RequestHandler;
  /** Per client, every request; after authentication (the subject is known). */
  requests: RequestHandler;
  /** Per client, GraphQL requests naming a strict operation; after the body is parsed. */
  strictOperations: RequestHandler;
}

/**
 * The gateway's rate limits (docs/adr/0044). Counters live in this process: with several gateway
 * replicas a client gets up to the limit at each, so the limits are set per replica.
 */
export function createRateLimiters(config: GatewayConfig, logger: JsonLogger): RateLimiters {
  const log = logger.child({ component: 'rate-limit' });
  const common: Partial<Options> = {
    windowMs: config.RATE_LIMIT_WINDOW_SECONDS * 1000,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    logger: {
      error: (error: unknown, message?: string) =>
        log.error({ msg: message, error: String(error) }),
      warn: (error: unknown, message?: string) => log.warn({ msg: message, error: String(error) }),
    },
  };
  const strictNames = new Set(config.strictOperations);
  return {
    authFailures: refusedCredentialsLimit(
      config.RATE_LIMIT_AUTH_FAILURES_MAX,
      config.RATE_LIMIT_WINDOW_SECONDS * 1000,
      (req, res) => refuse(req, res, 'Too many refused credentials from this address'),
    ),
    requests: rateLimit({
      ...common,
      identifier: 'requests',
      limit: config.RATE_LIMIT_MAX,
      keyGenerator: (req) => clientKey(req as EdgeRequest & RawBodyRequest),
      handler: (req, res) => refuse(req, res, 'Too many requests'),
    }),
    strictOperations: rateLimit({
      ...common,
      identifier: 'strict-operations',
      limit: config.RATE_LIMIT_STRICT_MAX,
      keyGenerator: (req) => clientKey(req as EdgeRequest & RawBodyRequest),
      skip: (req) => !namesStrictOperation(req.body, strictNames, config.MAX_QUERY_TOKENS),
      handler: (req, res) =>
        refuse(req, res, `Too many attempts at ${[...strictNames].join(', ')}`),
    }),
  };
}
