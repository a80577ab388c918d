import { DomainError, type FieldProblem } from '@civitas/contracts';

export enum ApiKeyErrorCode {
  ApiKeyNotFound = 'API_KEY_NOT_FOUND',
}

export class ApiKeyException extends DomainError {
  constructor(code: ApiKeyErrorCode, message: string, problems: FieldProblem[] = []) {
    super(
      code,
      message,
      problems,
      code === ApiKeyErrorCode.ApiKeyNotFound ? 'not-found' : 'invalid',
    );
  }
}
