import { DomainError, type FieldProblem } from '@civitas/contracts';

export enum RightsErrorCode {
  InvalidArgument = 'BAD_USER_INPUT',
  CitizenNotFound = 'CITIZEN_NOT_FOUND',
  LoginAlreadyLinked = 'LOGIN_ALREADY_LINKED',
  Unavailable = 'UNAVAILABLE',
  LoginProofRequired = 'LOGIN_PROOF_REQUIRED',
  LoginLinkRequestNotFound = 'LOGIN_LINK_REQUEST_NOT_FOUND',
  LoginLinkRequestDecided = 'LOGIN_LINK_REQUEST_DECIDED',
  LoginLinkOwnRequest = 'LOGIN_LINK_OWN_REQUEST',
}

const KIND: Record<RightsErrorCode, DomainError['kind']> = {
  [RightsErrorCode.InvalidArgument]: 'invalid',
  [RightsErrorCode.CitizenNotFound]: 'not-found',
  [RightsErrorCode.LoginAlreadyLinked]: 'conflict',
  [RightsErrorCode.Unavailable]: 'unavailable',
  [RightsErrorCode.LoginProofRequired]: 'forbidden',
  [RightsErrorCode.LoginLinkRequestNotFound]: 'not-found',
  [RightsErrorCode.LoginLinkRequestDecided]: 'conflict',
  [RightsErrorCode.LoginLinkOwnRequest]: 'forbidden',
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
