import type { NextFunction, Request, Response } from 'express';

/** A refusal before GraphQL runs, in the shape GraphQL clients already understand. */
export function sendGraphqlError(
  res: Response,
  status: number,
  code: string,
  message: string,
): void {
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
}

/**
 * The JSON parser's refusal of a /graphql body (not JSON, a bad charset) in GraphQL's shape, as
 * BAD_REQUEST, instead of the framework's own error body.
 */
export function graphqlBodyRefused(
  error: unknown,
  _req: Request,
  res: Response,
  next: NextFunction,
): void {
  const { status, type } = (error ?? {}) as { status?: unknown; type?: unknown };
  if (typeof status !== 'number' || status < 400 || status >= 500 || res.headersSent) {
    next(error);
    return;
  }
  const message =
    type === 'entity.parse.failed'
      ? 'The request body is not valid JSON'
      : 'The request body could not be read as JSON';
  sendGraphqlError(res, status, 'BAD_REQUEST', message);
}
