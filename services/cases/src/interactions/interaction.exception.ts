import { DomainError, type FieldProblem } from '@civitas/contracts';

export enum InteractionErrorCode {
  CaseNotFound = 'CASE_NOT_FOUND',
}

export class InteractionException extends DomainError {
  constructor(code: InteractionErrorCode, message: string, problems: FieldProblem[] = []) {
    super(code, message, problems, 'not-found');
  }
}
