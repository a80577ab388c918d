import { domainErrorFor } from '@civitas/contracts';

export enum ConsentErrorCode {
  InvalidArgument = 'BAD_USER_INPUT',
  CitizenNotFound = 'CITIZEN_NOT_FOUND',
  Forbidden = 'FORBIDDEN',
}

export class ConsentException extends domainErrorFor<ConsentErrorCode>({
  [ConsentErrorCode.InvalidArgument]: 'invalid',
  [ConsentErrorCode.CitizenNotFound]: 'not-found',
  [ConsentErrorCode.Forbidden]: 'forbidden',
}) {
  static invalid(field: string, reason: string): ConsentException {
    return ConsentException.aboutField(ConsentErrorCode.InvalidArgument, field, reason);
  }
}
