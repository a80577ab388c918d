import { domainErrorFor } from '@civitas/contracts';

export enum ServiceRequestErrorCode {
  ServiceRequestNotFound = 'SERVICE_REQUEST_NOT_FOUND',
  NotClosed = 'SERVICE_REQUEST_NOT_CLOSED',
  NothingToRecord = 'SERVICE_REQUEST_UPDATE_EMPTY',
}

export class ServiceRequestException extends domainErrorFor<ServiceRequestErrorCode>({
  [ServiceRequestErrorCode.ServiceRequestNotFound]: 'not-found',
  [ServiceRequestErrorCode.NotClosed]: 'conflict',
  [ServiceRequestErrorCode.NothingToRecord]: 'invalid',
}) {}
