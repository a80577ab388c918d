import { Catch } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import { DomainError } from '@civitas/contracts';

/**
 * Hands domain errors (a refused role, bad input) straight to the GraphQL error mapper. Without it
 * Nest's default handler logs each of them at error level with a stack trace, as if it were a bug.
 */
@Catch(DomainError)
export class DomainErrorFilter implements GqlExceptionFilter {
  catch(exception: DomainError): DomainError {
    return exception;
  }
}
