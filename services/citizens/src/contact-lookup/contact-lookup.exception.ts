import { DomainError, type FieldProblem } from '@civitas/contracts';

export enum ContactLookupErrorCode {
  NoUsableContact = 'NO_USABLE_CONTACT',
}

export class ContactLookupException extends DomainError {
  constructor(code: ContactLookupErrorCode, message: string, problems: FieldProblem[] = []) {
    super(code, message, problems, 'invalid');
  }
}
