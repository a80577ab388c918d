import { domainErrorFor } from '@civitas/contracts';
import { BusRequestError } from '@civitas/messaging';

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

/**
 * A peer's answer to a resident's request, or UNAVAILABLE naming the service that did not answer:
 * "Your <what> could not be <done>" (a list or a download missing a service's part would look
 * complete, so it fails whole).
 */
export async function answerOf<T>(
  call: () => Promise<T>,
  service: string,
  failed: string,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof BusRequestError) {
      throw new RightsException(
        RightsErrorCode.Unavailable,
        `${failed}: ${service} did not answer (${error.code}); try again later`,
      );
    }
    throw error;
  }
}
