import { domainErrorFor } from '@civitas/contracts';

export enum SubmissionErrorCode {
  UnknownServiceCode = 'UNKNOWN_SERVICE_CODE',
  LocationRequired = 'LOCATION_REQUIRED',
  CatalogUnavailable = 'CATALOG_UNAVAILABLE',
  InvalidAttribute = 'INVALID_ATTRIBUTE',
  ForbiddenChannel = 'FORBIDDEN_CHANNEL',
}

export class SubmissionException extends domainErrorFor<SubmissionErrorCode>({
  [SubmissionErrorCode.UnknownServiceCode]: 'invalid',
  [SubmissionErrorCode.LocationRequired]: 'invalid',
  [SubmissionErrorCode.CatalogUnavailable]: 'unavailable',
  [SubmissionErrorCode.InvalidAttribute]: 'invalid',
  [SubmissionErrorCode.ForbiddenChannel]: 'forbidden',
}) {}
