import { DomainError, type FieldProblem } from '@civitas/contracts';

export enum RightsErrorCode {
  InvalidArgument = 'BAD_USER_INPUT',
  CitizenNotFound = 'CITIZEN_NOT_FOUND',
  LoginAlreadyLinked = 'LOGIN_ALREADY_LINKED',
  Unavailable = 'UNAVAILABLE',
}

const KIND: Record<RightsErrorCode, DomainError['kind']> = {
  [RightsErrorCode.InvalidArgument]: 'invalid',
  [RightsErrorCode.CitizenNotFound]: 'not-found',
  [RightsErrorCode.LoginAlreadyLinked]: 'conflict',
  [RightsErrorCode.Unavailable]: 'unavailable',
};

export class RightsException extends DomainError {
  constructor(code: RightsErrorCode, message: string, problems: FieldProblem[] = []) {
    super(code, message, problems, KIND[code]);
  }

  static invalid(field: string, reason: string): RightsException {
    return new RightsException(RightsErrorCode.InvalidArgument, `${field} ${reason}`, [
      { field, reason },
    ]);
  }

  static notFound(field: string, id: string, reason = 'no such resident'): RightsException {
    return new RightsException(RightsErrorCode.CitizenNotFound, `No current resident ${id}`, [
      { field, reason },
    ]);
  }
}
