import { domainErrorFor } from '@civitas/contracts';

export enum AdminChangeErrorCode {
  InvalidArgument = 'BAD_USER_INPUT',
}

export class AdminChangeException extends domainErrorFor<AdminChangeErrorCode>({
  [AdminChangeErrorCode.InvalidArgument]: 'invalid',
}) {
  static invalid(field: string, reason: string): AdminChangeException {
    return AdminChangeException.aboutField(AdminChangeErrorCode.InvalidArgument, field, reason);
  }
}
