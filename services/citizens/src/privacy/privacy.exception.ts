import { DomainError, type FieldProblem } from '@civitas/contracts';

export enum PrivacyErrorCode {
  InvalidArgument = 'BAD_USER_INPUT',
}

const KIND: Record<PrivacyErrorCode, DomainError['kind']> = {
  [PrivacyErrorCode.InvalidArgument]: 'invalid',
};

export class PrivacyException extends DomainError {
  constructor(code: PrivacyErrorCode, message: string, problems: FieldProblem[] = []) {
    super(code, message, problems, KIND[code]);
  }

  static invalid(field: string, reason: string): PrivacyException {
    return new PrivacyException(PrivacyErrorCode.InvalidArgument, `${field} ${reason}`, [
      { field, reason },
    ]);
  }
}
