import type { FieldProblem } from './validation.js';

/** HTTP-ish class of a domain error, for transports that need a status. */
export type DomainErrorKind =
  'invalid' | 'not-found' | 'forbidden' | 'unauthenticated' | 'conflict' | 'unavailable';

/**
 * Base for domain errors. `code` is what clients see (GraphQL `extensions.code`); each transport
 * has one mapper from codes to its own format (HTTP status, Open311 error list, RPC reply).
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly problems: FieldProblem[] = [],
    readonly kind: DomainErrorKind = 'invalid',
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** What `domainErrorFor` returns: the base class of one feature's exception. */
export interface FeatureErrorClass<C extends string> {
  new (code: C, message: string, problems?: FieldProblem[]): DomainError & { readonly code: C };
  /** An error about one input field, its message the field and the reason (`first must be ...`). */
  aboutField<E>(
    this: new (code: C, message: string, problems: FieldProblem[]) => E,
    code: C,
    field: string,
    reason: string,
  ): E;
}

/**
 * The base of one feature's exception class: the feature lists its codes (an enum) and the kind of
 * each, once and for every code (the record is exhaustive), and throws `new XException(code, ...)`.
 *
 * ```ts
 * export class CatalogException extends domainErrorFor<CatalogErrorCode>({ ... }) {}
 * ```
 */
export function domainErrorFor<C extends string>(
  kinds: Readonly<Record<C, DomainErrorKind>>,
): FeatureErrorClass<C> {
  return class FeatureError extends DomainError {
    declare readonly code: C;

    constructor(code: C, message: string, problems: FieldProblem[] = []) {
      super(code, message, problems, kinds[code]);
    }

    static aboutField<E>(
      this: new (code: C, message: string, problems: FieldProblem[]) => E,
      code: C,
      field: string,
      reason: string,
    ): E {
      return new this(code, `${field} ${reason}`, [{ field, reason }]);
    }
  };
}

/** Refuses a page size outside 1 to `max` as bad input, naming the argument (`first` unless told). */
export function assertPageSize(first: number, max: number, field = 'first'): void {
  if (first < 1 || first > max) {
    const reason = `must be between 1 and ${max}`;
    throw new DomainError('BAD_USER_INPUT', `${field} ${reason}`, [{ field, reason }], 'invalid');
  }
}
