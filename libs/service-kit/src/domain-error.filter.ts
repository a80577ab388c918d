import { Catch, type ArgumentsHost } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import type { Response } from 'express';
import { DomainError, type DomainErrorKind } from '@civitas/contracts';

const STATUS_OF_KIND: Record<DomainErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  unavailable: 503,
};

/**
 * Hands domain errors (a refused role, bad input) straight to the GraphQL error mapper. Without it
 * Nest's default handler logs each of them at error level with a stack trace, as if it were a bug.
 * On a subgraph's REST routes (streamed downloads, docs/adr/0057) the same error is answered with
 * the status of its kind and the body a GraphQL client would get: `{ errors: [{ message,
 * extensions: { code, fields } }] }`.
 */
@Catch(DomainError)
export class DomainErrorFilter implements GqlExceptionFilter {
  catch(exception: DomainError, host?: ArgumentsHost): DomainError | undefined {
    if (host?.getType() !== 'http') {
      return exception;
    }
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) {
      res.destroy(exception);
      return undefined;
    }
    res.status(STATUS_OF_KIND[exception.kind]).json({
      errors: [
        {
          message: exception.message,
          extensions: {
            code: exception.code,
            ...(exception.problems.length ? { fields: exception.problems } : {}),
          },
        },
      ],
    });
    return undefined;
  }
}
