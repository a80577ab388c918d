import { domainErrorFor } from '@civitas/contracts';

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

export class RightsException extends domainErrorFor<RightsErrorCode>({
  [RightsErrorCode.InvalidArgument]: 'invalid',
  [RightsErrorCode.CitizenNotFound]: 'not-found',
  [RightsErrorCode.LoginAlreadyLinked]: 'conflict',
  [RightsErrorCode.Unavailable]: 'unavailable',
  [RightsErrorCode.LoginProofRequired]: 'forbidden',
  [RightsErrorCode.LoginLinkRequestNotFound]: 'not-found',
  [RightsErrorCode.LoginLinkRequestDecided]: 'conflict',
  [RightsErrorCode.LoginLinkOwnRequest]: 'forbidden',
}) {
  static invalid(field: string, reason: string): RightsException {
    return RightsException.aboutField(RightsErrorCode.InvalidArgument, field, reason);
  }

  static notFound(field: string, id: string, reason = 'no such resident'): RightsException {
    return new RightsException(RightsErrorCode.CitizenNotFound, `No current resident ${id}`, [
      { field, reason },
    ]);
  }
}
