import { DomainError, type FieldProblem } from '@civitas/contracts';

export enum CitizenErrorCode {
  InvalidArgument = 'BAD_USER_INPUT',
  CitizenNotFound = 'CITIZEN_NOT_FOUND',
  AlreadyMerged = 'CITIZEN_ALREADY_MERGED',
  MergeNotFound = 'MERGE_NOT_FOUND',
  CannotUnmerge = 'CANNOT_UNMERGE',
  PossibleMatchNotFound = 'POSSIBLE_MATCH_NOT_FOUND',
  PossibleMatchResolved = 'POSSIBLE_MATCH_ALREADY_RESOLVED',
}

const KIND: Record<CitizenErrorCode, DomainError['kind']> = {
  [CitizenErrorCode.InvalidArgument]: 'invalid',
  [CitizenErrorCode.CitizenNotFound]: 'not-found',
  [CitizenErrorCode.AlreadyMerged]: 'conflict',
  [CitizenErrorCode.MergeNotFound]: 'not-found',
  [CitizenErrorCode.CannotUnmerge]: 'conflict',
  [CitizenErrorCode.PossibleMatchNotFound]: 'not-found',
  [CitizenErrorCode.PossibleMatchResolved]: 'conflict',
};

export class CitizenException extends DomainError {
  constructor(code: CitizenErrorCode, message: string, problems: FieldProblem[] = []) {
    super(code, message, problems, KIND[code]);
  }

  static invalid(field: string, reason: string): CitizenException {
    return new CitizenException(CitizenErrorCode.InvalidArgument, `${field} ${reason}`, [
      { field, reason },
    ]);
  }
}
