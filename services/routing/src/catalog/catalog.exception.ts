import { DomainError, type FieldProblem } from '@civitas/contracts';

export enum CatalogErrorCode {
  ServiceExists = 'SERVICE_EXISTS',
  ServiceNotFound = 'SERVICE_NOT_FOUND',
  UnknownDepartment = 'UNKNOWN_DEPARTMENT',
  InvalidAttributeDefinition = 'INVALID_ATTRIBUTE_DEFINITION',
}

const KIND: Record<CatalogErrorCode, DomainError['kind']> = {
  [CatalogErrorCode.ServiceExists]: 'conflict',
  [CatalogErrorCode.ServiceNotFound]: 'not-found',
  [CatalogErrorCode.UnknownDepartment]: 'invalid',
  [CatalogErrorCode.InvalidAttributeDefinition]: 'invalid',
};

export class CatalogException extends DomainError {
  constructor(code: CatalogErrorCode, message: string, problems: FieldProblem[] = []) {
    super(code, message, problems, KIND[code]);
  }
}
