import { domainErrorFor } from '@civitas/contracts';

export enum RoutingErrorCode {
  UnknownService = 'UNKNOWN_SERVICE',
}

export class RoutingException extends domainErrorFor<RoutingErrorCode>({
  [RoutingErrorCode.UnknownService]: 'invalid',
}) {}
