import { hasAnyRole, PII_READER_ROLES, type Identity } from '@civitas/contracts';

/**
 * Which cases a read may return: the one place the `private` flag is applied (docs/adr/0041).
 * Every CaseRepository and ServiceRequestRepository method that reads cases takes a scope, so a
 * new read cannot forget the rule without saying so; `case-reads.int-spec.ts` runs every field of
 * the schema that returns a Case against a private one.
 *
 * A case marked private (a sensitive category, or the reporter's choice) is seen only by the staff
 * who serve residents (`PII_READER_ROLES`); to everyone else (anonymous callers, residents,
 * analysts, API clients) it does not exist. The same staff are the only ones given reporter
 * references (`Case.reporter`).
 */
export class CaseReadScope {
  private constructor(
    /** Private cases are included. */
    readonly includesPrivate: boolean,
  ) {}

  /** Public cases only: anonymous tracking, Open311 and every other open reader. */
  static readonly PUBLIC = new CaseReadScope(false);

  /**
   * Every case: staff who serve residents, and a resident's own data download (cases asked by
   * citizens for the resident it has identified).
   */
  static readonly ALL = new CaseReadScope(true);

  /** The scope of a caller of the graph. */
  static of(identity: Identity): CaseReadScope {
    return servesResidents(identity) ? CaseReadScope.ALL : CaseReadScope.PUBLIC;
  }

  /** The condition for TypeORM's `where` objects. */
  where(): { private?: false } {
    return this.includesPrivate ? {} : { private: false };
  }

  /** The condition for a query builder over `service_case` aliased `alias`. */
  sql(alias: string): string {
    return this.includesPrivate ? 'TRUE' : `${alias}.private = false`;
  }
}

/** Staff who serve residents: they see private cases and who reported a case. */
export function servesResidents(identity: Identity): boolean {
  return hasAnyRole(identity, PII_READER_ROLES);
}
