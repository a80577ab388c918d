import { randomUUID } from 'node:crypto';
import { HttpException, Logger } from '@nestjs/common';
import { DomainError } from '@civitas/contracts';
import { currentContext, describeError } from '@civitas/observability';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

const logger = new Logger('GraphQL');

/**
 * The one mapper from errors to GraphQL errors: domain codes become `extensions.code` (with the
 * offending fields), guards' refusals become UNAUTHENTICATED / FORBIDDEN, anything unexpected
 * becomes INTERNAL_SERVER_ERROR, in every environment without its text and with the request's
 * correlation id, under which the log line describing it is found.
 */
export function formatGraphqlError(production: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original: unknown =
      error instanceof GraphQLError ? (error.originalError ?? error) : error;
    if (original instanceof DomainError) {
      return {
        message: original.message,
        path: formatted.path,
        locations: formatted.locations,
        extensions: {
          code: original.code,
          ...(original.problems.length ? { fields: original.problems } : {}),
        },
      };
    }
    if (original instanceof HttpException) {
      const status = original.getStatus();
      const code =
        status === 401
          ? 'UNAUTHENTICATED'
          : status === 403
            ? 'FORBIDDEN'
            : status === 404
              ? 'NOT_FOUND'
              : 'BAD_REQUEST';
      return { message: original.message, path: formatted.path, extensions: { code } };
    }
    const code = formatted.extensions?.code;
    if (code && code !== 'INTERNAL_SERVER_ERROR') {
      // GraphQL's own validation and parsing errors, already well-formed.
      return {
        message: formatted.message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code },
      };
    }
    // Unexpected: the client learns only that it failed and the id under which it was logged.
    // The text may quote what was submitted (a database error always may), so it goes nowhere
    // unredacted: docs/adr/0049.
    const correlationId = currentContext()?.correlationId ?? randomUUID();
    logger.error({
      msg: 'unexpected resolver error',
      correlationId,
      path: formatted.path?.join('.'),
      error: describeError(original, { stack: !production }),
    });
    return {
      message: 'Internal error',
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: 'INTERNAL_SERVER_ERROR', correlationId },
    };
  };
}
