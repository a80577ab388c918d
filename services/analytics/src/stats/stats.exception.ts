import { domainErrorFor } from '@civitas/contracts';

/** Why a question about the figures was refused. */
export enum StatsErrorCode {
  /** A filter or argument that cannot be answered: a malformed date, a span too long. */
  InvalidInput = 'BAD_USER_INPUT',
  /** A supervisor asking about a department that is not theirs. */
  OutsideDepartments = 'FORBIDDEN',
  /** An export of a figure that does not exist. */
  UnknownExport = 'NOT_FOUND',
}

export class StatsException extends domainErrorFor<StatsErrorCode>({
  [StatsErrorCode.InvalidInput]: 'invalid',
  [StatsErrorCode.OutsideDepartments]: 'forbidden',
  [StatsErrorCode.UnknownExport]: 'not-found',
}) {}
