import { DomainError, type FieldProblem } from '@civitas/contracts';

export enum SubmissionErrorCode {
  UnknownServiceCode = 'UNKNOWN_SERVICE_CODE',
  LocationRequired = 'LOCATION_REQUIRED',
  CatalogUnavailable = 'CATALOG_UNAVAILABLE',
  InvalidAttribute = 'INVALID_ATTRIBUTE',
  ForbiddenChannel = 'FORBIDDEN_CHANNEL',
}

const KIND: Record<SubmissionErrorCode, DomainError['kind']> = {
  [SubmissionErrorCode.UnknownServiceCode]: 'invalid',
  [SubmissionErrorCode.LocationRequired]: 'invalid',
  [SubmissionErrorCode.CatalogUnavailable]: 'unavailable',
  [SubmissionErrorCode.InvalidAttribute]: 'invalid',
  [SubmissionErrorCode.ForbiddenChannel]: 'forbidden',
};

export class SubmissionException extends DomainError {
  constructor(code: SubmissionErrorCode, message: string, problems: FieldProblem[] = []) {
    super(code, message, problems, KIND[code]);
  }
}
