import { DomainError, type FieldProblem } from '@civitas/contracts';

export enum DistrictErrorCode {
  /** Input that cannot be a district, e.g. a boundary that is not a closed polygon. */
  InvalidInput = 'BAD_USER_INPUT',
}

const KIND: Record<DistrictErrorCode, DomainError['kind']> = {
  [DistrictErrorCode.InvalidInput]: 'invalid',
};

export class DistrictException extends DomainError {
  constructor(code: DistrictErrorCode, message: string, problems: FieldProblem[] = []) {
    super(code, message, problems, KIND[code]);
  }
}
