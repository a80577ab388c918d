import { DomainError, type FieldProblem } from '@civitas/contracts';

export enum SubmissionErrorCode {
  UnknownServiceCode = 'UNKNOWN_SERVICE_CODE',
  LocationRequired = 'LOCATION_REQUIRED',
  CatalogUnavailable = 'CATALOG_UNAVAILABLE',
}

export class SubmissionException extends DomainError {
  constructor(code: SubmissionErrorCode, message: string, problems: FieldProblem[] = []) {
    super(code, message, problems, code === SubmissionErrorCode.CatalogUnavailable ? 'unavailable' : 'invalid');
  }
}
