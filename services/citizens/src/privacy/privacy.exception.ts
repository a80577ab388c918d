import { domainErrorFor } from '@civitas/contracts';

export enum PrivacyErrorCode {
  InvalidArgument = 'BAD_USER_INPUT',
}

export class PrivacyException extends domainErrorFor<PrivacyErrorCode>({
  [PrivacyErrorCode.InvalidArgument]: 'invalid',
}) {
  static invalid(field: string, reason: string): PrivacyException {
    return PrivacyException.aboutField(PrivacyErrorCode.InvalidArgument, field, reason);
  }
}
