import { domainErrorFor } from '@civitas/contracts';

export enum ApiKeyErrorCode {
  ApiKeyNotFound = 'API_KEY_NOT_FOUND',
}

export class ApiKeyException extends domainErrorFor<ApiKeyErrorCode>({
  [ApiKeyErrorCode.ApiKeyNotFound]: 'not-found',
}) {}
