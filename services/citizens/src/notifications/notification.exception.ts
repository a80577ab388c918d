import { DomainError, type FieldProblem } from '@civitas/contracts';

export enum NotificationErrorCode {
  InvalidArgument = 'BAD_USER_INPUT',
}

export class NotificationException extends DomainError {
  constructor(code: NotificationErrorCode, message: string, problems: FieldProblem[] = []) {
    super(code, message, problems, 'invalid');
  }

  static invalid(field: string, reason: string): NotificationException {
    return new NotificationException(NotificationErrorCode.InvalidArgument, `${field} ${reason}`, [
      { field, reason },
    ]);
  }
}
