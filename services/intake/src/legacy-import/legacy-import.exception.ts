import { DomainError, type FieldProblem } from '@civitas/contracts';

export enum LegacyImportErrorCode {
  CatalogUnavailable = 'CATALOG_UNAVAILABLE',
}

export class LegacyImportException extends DomainError {
  constructor(code: LegacyImportErrorCode, message: string, problems: FieldProblem[] = []) {
    super(
      code,
      message,
      problems,
      code === LegacyImportErrorCode.CatalogUnavailable ? 'unavailable' : 'invalid',
    );
  }
}
