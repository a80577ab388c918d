import { DomainError, type FieldProblem } from '@civitas/contracts';

export enum ConsentErrorCode {
  InvalidArgument = 'BAD_USER_INPUT',
  CitizenNotFound = 'CITIZEN_NOT_FOUND',
  Forbidden = 'FORBIDDEN',
}

const KIND: Record<ConsentErrorCode, DomainError['kind']> = {
  [ConsentErrorCode.InvalidArgument]: 'invalid',
  [ConsentErrorCode.CitizenNotFound]: 'not-found',
  [ConsentErrorCode.Forbidden]: 'forbidden',
};

export class ConsentException extends DomainError {
  constructor(code: ConsentErrorCode, message: string, problems: FieldProblem[] = []) {
    super(code, message, problems, KIND[code]);
  }

  static invalid(field: string, reason: string): ConsentException {
    return new ConsentException(ConsentErrorCode.InvalidArgument, `${field} ${reason}`, [
      { field, reason },
    ]);
  }
}
