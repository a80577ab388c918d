import { domainErrorFor } from '@civitas/contracts';

export enum ContactVerificationErrorCode {
  InvalidArgument = 'BAD_USER_INPUT',
  NotPending = 'CONTACT_POINT_NOT_PENDING',
  CodeWrong = 'VERIFICATION_CODE_WRONG',
  CodeExpired = 'VERIFICATION_CODE_EXPIRED',
  CodeUsedUp = 'VERIFICATION_CODE_USED_UP',
  TooManyCodes = 'TOO_MANY_CODES',
  NoContactPoint = 'NO_VERIFIED_CONTACT_POINT',
  Unavailable = 'UNAVAILABLE',
}

/** Errors of proving a contact point: each names the field it is about (`aboutField`). */
export class ContactVerificationException extends domainErrorFor<ContactVerificationErrorCode>({
  [ContactVerificationErrorCode.InvalidArgument]: 'invalid',
  [ContactVerificationErrorCode.NotPending]: 'not-found',
  [ContactVerificationErrorCode.CodeWrong]: 'invalid',
  [ContactVerificationErrorCode.CodeExpired]: 'invalid',
  [ContactVerificationErrorCode.CodeUsedUp]: 'invalid',
  [ContactVerificationErrorCode.TooManyCodes]: 'conflict',
  [ContactVerificationErrorCode.NoContactPoint]: 'conflict',
  [ContactVerificationErrorCode.Unavailable]: 'unavailable',
}) {
  static invalid(field: string, reason: string): ContactVerificationException {
    return ContactVerificationException.aboutField(
      ContactVerificationErrorCode.InvalidArgument,
      field,
      reason,
    );
  }
}
