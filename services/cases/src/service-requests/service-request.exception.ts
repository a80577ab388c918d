import { DomainError, type FieldProblem } from '@civitas/contracts';

export enum ServiceRequestErrorCode {
  ServiceRequestNotFound = 'SERVICE_REQUEST_NOT_FOUND',
  NotClosed = 'SERVICE_REQUEST_NOT_CLOSED',
  NothingToRecord = 'SERVICE_REQUEST_UPDATE_EMPTY',
}

export class ServiceRequestException extends DomainError {
  constructor(code: ServiceRequestErrorCode, message: string, problems: FieldProblem[] = []) {
    super(code, message, problems, kindOf(code));
  }
}

function kindOf(code: ServiceRequestErrorCode): DomainError['kind'] {
  switch (code) {
    case ServiceRequestErrorCode.ServiceRequestNotFound:
      return 'not-found';
    case ServiceRequestErrorCode.NotClosed:
      return 'conflict';
    case ServiceRequestErrorCode.NothingToRecord:
      return 'invalid';
  }
}
