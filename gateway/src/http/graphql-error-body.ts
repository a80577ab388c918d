import type { Response } from 'express';

/** A refusal before GraphQL runs, in the shape GraphQL clients already understand. */
export function sendGraphqlError(
  res: Response,
  status: number,
  code: string,
  message: string,
): void {
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
}
