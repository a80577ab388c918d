import { domainErrorFor } from '@civitas/contracts';

export enum CatalogErrorCode {
  ServiceExists = 'SERVICE_EXISTS',
  ServiceNotFound = 'SERVICE_NOT_FOUND',
  UnknownDepartment = 'UNKNOWN_DEPARTMENT',
  InvalidAttributeDefinition = 'INVALID_ATTRIBUTE_DEFINITION',
  InvalidServiceLevel = 'INVALID_SERVICE_LEVEL',
  UnknownCalendar = 'UNKNOWN_CALENDAR',
  InvalidEmail = 'INVALID_EMAIL',
  QueueInOtherDepartment = 'QUEUE_IN_OTHER_DEPARTMENT',
  InvalidQueue = 'BAD_USER_INPUT',
  OutsideDepartments = 'FORBIDDEN',
}

export class CatalogException extends domainErrorFor<CatalogErrorCode>({
  [CatalogErrorCode.ServiceExists]: 'conflict',
  [CatalogErrorCode.ServiceNotFound]: 'not-found',
  [CatalogErrorCode.UnknownDepartment]: 'invalid',
  [CatalogErrorCode.InvalidAttributeDefinition]: 'invalid',
  [CatalogErrorCode.InvalidServiceLevel]: 'invalid',
  [CatalogErrorCode.UnknownCalendar]: 'invalid',
  [CatalogErrorCode.InvalidEmail]: 'invalid',
  [CatalogErrorCode.QueueInOtherDepartment]: 'conflict',
  [CatalogErrorCode.InvalidQueue]: 'invalid',
  [CatalogErrorCode.OutsideDepartments]: 'forbidden',
}) {}
