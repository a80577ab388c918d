import { domainErrorFor } from '@civitas/contracts';

export enum NotificationErrorCode {
  InvalidArgument = 'BAD_USER_INPUT',
}

export class NotificationException extends domainErrorFor<NotificationErrorCode>({
  [NotificationErrorCode.InvalidArgument]: 'invalid',
}) {
  static invalid(field: string, reason: string): NotificationException {
    return NotificationException.aboutField(NotificationErrorCode.InvalidArgument, field, reason);
  }
}
