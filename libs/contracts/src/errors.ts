import type { FieldProblem } from './validation.js';

/**
 * Base for domain errors. `code` is what clients see (GraphQL `extensions.code`); each transport
 * has one mapper from codes to its own format (HTTP status, Open311 error list, RPC reply).
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly problems: FieldProblem[] = [],
    /** HTTP-ish class of the error, for transports that need a status. */
    readonly kind:
      | 'invalid'
      | 'not-found'
      | 'forbidden'
      | 'unauthenticated'
      | 'conflict'
      | 'unavailable' = 'invalid',
  ) {
    super(message);
    this.name = new.target.name;
  }
}
