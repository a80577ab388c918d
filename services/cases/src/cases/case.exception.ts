import { DomainError, type FieldProblem } from '@civitas/contracts';

/** Why staff could not work a case (change its status, add a note). */
export enum CaseErrorCode {
  CaseNotFound = 'CASE_NOT_FOUND',
  NotRouted = 'CASE_NOT_ROUTED',
  TransitionNotAllowed = 'CASE_TRANSITION_NOT_ALLOWED',
  ResolutionRequired = 'BAD_USER_INPUT',
  OutsideDepartments = 'FORBIDDEN',
}

export class CaseException extends DomainError {
  constructor(code: CaseErrorCode, message: string, problems: FieldProblem[] = []) {
    super(code, message, problems, kindOf(code));
  }

  static notFound(ticketNumber: string): CaseException {
    return new CaseException(
      CaseErrorCode.CaseNotFound,
      `No case has ticket number ${ticketNumber}`,
      [{ field: 'ticketNumber', reason: 'no case has this ticket number' }],
    );
  }
}

function kindOf(code: CaseErrorCode): DomainError['kind'] {
  switch (code) {
    case CaseErrorCode.CaseNotFound:
      return 'not-found';
    case CaseErrorCode.NotRouted:
    case CaseErrorCode.TransitionNotAllowed:
      return 'conflict';
    case CaseErrorCode.ResolutionRequired:
      return 'invalid';
    case CaseErrorCode.OutsideDepartments:
      return 'forbidden';
  }
}
