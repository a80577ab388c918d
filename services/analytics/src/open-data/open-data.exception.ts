import { domainErrorFor } from '@civitas/contracts';

export enum OpenDataErrorCode {
  InvalidInput = 'BAD_USER_INPUT',
  NotFound = 'NOT_FOUND',
  CatalogUnavailable = 'SERVICE_UNAVAILABLE',
}

export class OpenDataException extends domainErrorFor<OpenDataErrorCode>({
  [OpenDataErrorCode.InvalidInput]: 'invalid',
  [OpenDataErrorCode.NotFound]: 'not-found',
  [OpenDataErrorCode.CatalogUnavailable]: 'unavailable',
}) {}
