import { HttpException, Logger } from '@nestjs/common';
import { DomainError } from '@civitas/contracts';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

const logger = new Logger('GraphQL');

/**
 * The one mapper from errors to GraphQL errors: domain codes become `extensions.code` (with the
 * offending fields), guards' refusals become UNAUTHENTICATED / FORBIDDEN, anything unexpected
 * becomes INTERNAL_SERVER_ERROR without its details in production.
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
    const failure = original as Error | undefined;
    logger.error({
      msg: 'unexpected resolver error',
      error: failure?.message,
      stack: failure?.stack,
    });
    return {
      message: production ? 'Internal error' : formatted.message,
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
