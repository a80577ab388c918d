import { domainErrorFor } from '@civitas/contracts';

export enum CitizenErrorCode {
  InvalidArgument = 'BAD_USER_INPUT',
  CitizenNotFound = 'CITIZEN_NOT_FOUND',
  AlreadyMerged = 'CITIZEN_ALREADY_MERGED',
  MergeNotFound = 'MERGE_NOT_FOUND',
  CannotUnmerge = 'CANNOT_UNMERGE',
  PossibleMatchNotFound = 'POSSIBLE_MATCH_NOT_FOUND',
  PossibleMatchResolved = 'POSSIBLE_MATCH_ALREADY_RESOLVED',
}

export class CitizenException extends domainErrorFor<CitizenErrorCode>({
  [CitizenErrorCode.InvalidArgument]: 'invalid',
  [CitizenErrorCode.CitizenNotFound]: 'not-found',
  [CitizenErrorCode.AlreadyMerged]: 'conflict',
  [CitizenErrorCode.MergeNotFound]: 'not-found',
  [CitizenErrorCode.CannotUnmerge]: 'conflict',
  [CitizenErrorCode.PossibleMatchNotFound]: 'not-found',
  [CitizenErrorCode.PossibleMatchResolved]: 'conflict',
}) {
  static invalid(field: string, reason: string): CitizenException {
    return CitizenException.aboutField(CitizenErrorCode.InvalidArgument, field, reason);
  }
}
