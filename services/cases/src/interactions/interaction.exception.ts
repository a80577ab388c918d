import { domainErrorFor } from '@civitas/contracts';

export enum InteractionErrorCode {
  CaseNotFound = 'CASE_NOT_FOUND',
}

export class InteractionException extends domainErrorFor<InteractionErrorCode>({
  [InteractionErrorCode.CaseNotFound]: 'not-found',
}) {}
